//! Keeping an index up to date: incremental runs (added, changed, removed, unchanged files),
//! one writer at a time, searches during a build, and builds killed at many points.

use std::collections::BTreeSet;
use std::fs::{File, FileTimes};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::util::{Dir, Doc, Mode, Results, Summary, SEEDS, SEED_FILES};

/// A word only in seed 000 (see encoding tests: one hit per copy of 000).
const ONLY_IN_000: &str = "城管服务站";

fn index_json(dir: &Dir, extra: &[&str]) -> Summary {
    dir.command(&["index", "seeds", "--index", "idx", "--json"])
        .args(extra)
        .json()
}

fn seed_name(prefix: &str) -> String {
    std::fs::read_dir(SEEDS)
        .expect("seeds")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(prefix))
        .expect("a seed with that prefix")
}

fn counts(s: &Summary) -> [usize; 4] {
    [s.files_added, s.files_changed, s.files_removed, s.files_unchanged]
}

#[test]
fn add_change_and_delete_between_runs_update_the_hits() {
    let dir = Dir::new("incremental");
    dir.copy_seeds("seeds");
    let first = index_json(&dir, &[]);
    assert_eq!(first.mode, Mode::Full, "{first:#?}");
    assert_eq!(counts(&first), [SEED_FILES, 0, 0, 0], "{first:#?}");
    let original = dir.export();

    let again = index_json(&dir, &[]);
    assert_eq!(again.mode, Mode::Incremental, "{again:#?}");
    assert_eq!(counts(&again), [0, 0, 0, SEED_FILES], "{again:#?}");
    assert_eq!(again.documents, first.documents);
    assert_eq!(
        dir.export(),
        original,
        "an unchanged corpus keeps every document and id"
    );

    // Added.
    dir.create(
        "seeds/005_new.txt",
        "新增页面标题\n\n本报讯(记者 王五)独特新词甲出现在这里。\n",
    );
    let added = index_json(&dir, &[]);
    assert_eq!(counts(&added), [1, 0, 0, SEED_FILES], "{added:#?}");
    assert_eq!(dir.search(&["独特新词甲"]).total, 1);

    // Changed: seed 000 loses its text and gains a new word.
    let name_000 = seed_name("000");
    dir.create(
        &format!("seeds/{name_000}"),
        "改过的标题\n\n本报讯(记者 赵六)修改后词乙。\n",
    );
    let changed = index_json(&dir, &[]);
    assert_eq!(counts(&changed), [0, 1, 0, SEED_FILES], "{changed:#?}");
    assert_eq!(dir.search(&["修改后词乙"]).total, 1);
    assert_eq!(
        dir.search(&[ONLY_IN_000, "--strict"]).total,
        0,
        "the old text of 000 is gone"
    );

    // Deleted: seed 001's documents leave the index.
    let name_001 = seed_name("001");
    std::fs::remove_file(dir.join(format!("seeds/{name_001}"))).expect("remove 001");
    let removed = index_json(&dir, &[]);
    assert_eq!(counts(&removed), [0, 0, 1, SEED_FILES], "{removed:#?}");
    let now = dir.export();
    assert!(now.iter().all(|d| !d.path.ends_with(&name_001)));

    // Untouched files kept their documents and ids throughout.
    let untouched = |docs: &[Doc]| -> Vec<Doc> {
        docs.iter()
            .filter(|d| {
                !d.path.ends_with(&name_000)
                    && !d.path.ends_with(&name_001)
                    && !d.path.ends_with("005_new.txt")
            })
            .cloned()
            .collect()
    };
    assert!(!untouched(&original).is_empty());
    assert_eq!(untouched(&now), untouched(&original));

    // The updated index holds exactly what a rebuild of the same corpus holds.
    dir.command(&["index", "seeds", "--index", "fresh"]).run().quiet();
    assert_eq!(now, dir.export_from("fresh"));
    let stats: crate::util::Stats = dir.command(&["stats", "--index", "idx", "--json"]).json();
    assert_eq!(
        stats.by_kind, removed.documents,
        "the summary counts the whole index"
    );

    let rebuilt = index_json(&dir, &["--rebuild"]);
    assert_eq!(rebuilt.mode, Mode::Full);
    assert_eq!(dir.export(), now);
}

#[test]
fn unchanged_metadata_means_the_file_is_not_read_again() {
    let dir = Dir::new("not-reread");
    let page = dir.create("seeds/page.txt", "原来的标题\n\n本报讯(记者 孙七)原来词丙。\n");
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let set_mtime = || {
        let file = File::options().write(true).open(&page).expect("open page");
        file.set_times(FileTimes::new().set_modified(an_hour_ago))
            .expect("set mtime");
    };
    set_mtime();
    index_json(&dir, &[]);
    // Same size, same mtime, different bytes: only reading could tell.
    dir.create("seeds/page.txt", "原来的标题\n\n本报讯(记者 孙七)后来词丁。\n");
    set_mtime();
    let again = index_json(&dir, &[]);
    assert_eq!(counts(&again), [0, 0, 0, 1], "{again:#?}");
    assert_eq!(
        dir.search(&["原来词丙"]).total,
        1,
        "the file was trusted, not read"
    );
    assert_eq!(dir.search(&["后来词丁", "--strict"]).total, 0);

    // A changed mtime makes the run read it; --rebuild always reads everything.
    index_json(&dir, &["--rebuild"]);
    assert_eq!(dir.search(&["后来词丁"]).total, 1);
}

#[test]
fn touched_but_identical_files_count_as_unchanged() {
    let dir = Dir::new("touched");
    dir.copy_seeds("seeds");
    index_json(&dir, &[]);
    let before = dir.export();
    dir.copy_seeds("seeds"); // rewrites every file: new mtimes, same bytes
    let again = index_json(&dir, &[]);
    assert_eq!(counts(&again), [0, 0, 0, SEED_FILES], "{again:#?}");
    assert_eq!(dir.export(), before);
}

#[test]
fn a_second_writer_is_refused_while_the_lock_is_held() {
    let dir = Dir::seeded("locked");
    let before = dir.export();
    let lock = File::options()
        .write(true)
        .open(dir.join("idx/baokan-index.lock"))
        .expect("the lock file exists after a build");
    lock.try_lock().expect("nobody holds the lock now");
    dir.create(
        "seeds/005_new.txt",
        "新增页面标题\n\n本报讯(记者 王五)独特新词甲。\n",
    );
    let run = dir.command(&["index", "seeds", "--index", "idx"]).run().error(1);
    run.check(
        run.stderr.contains("another `baokan index`") && run.stderr.contains("wait"),
        "the message says another run holds the index",
    );
    assert_eq!(dir.export(), before, "the refused run changed nothing");
    drop(lock);
    let summary = index_json(&dir, &[]);
    assert_eq!(summary.files_added, 1, "{summary:#?}");
}

/// `copies` copies of the seeds in `corpus/` (enough files that a build takes a while).
fn big_corpus(dir: &Dir, copies: usize) {
    for copy in 0..copies {
        for entry in std::fs::read_dir(SEEDS).expect("seeds").flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            dir.create(
                &format!("corpus/{copy:03}_{name}"),
                std::fs::read(entry.path()).expect("seed"),
            );
        }
    }
}

fn spawn_index(dir: &Dir, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_baokan"))
        .current_dir(dir.path())
        .env_remove("BAOKAN_INDEX")
        .args(["index", "corpus", "--index", "idx"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn baokan index")
}

fn total(dir: &Dir, query: &str) -> usize {
    let results: Results = dir.search(&[query]);
    results.total
}

/// Generations and temporary files in the index folder.
fn leftovers(dir: &Dir) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("idx"))
        .expect("idx")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| (n.starts_with("gen-") && !n.ends_with(".lease")) || n.ends_with(".tmp"))
        .collect();
    names.sort();
    names
}

const MARKER: &str = "杀进程标记词";

#[test]
fn killed_rebuilds_leave_the_previous_index_searchable() {
    let dir = Dir::new("kill");
    big_corpus(&dir, 40);
    let started = Instant::now();
    dir.command(&["index", "corpus", "--index", "idx"]).run().quiet();
    let build = started.elapsed();
    let common = total(&dir, ONLY_IN_000);
    assert_eq!(common, 40);
    dir.create(
        "corpus/zzz_marker.txt",
        format!("标记页\n\n本报讯(记者 周八){MARKER}。\n"),
    );

    let mut old_state_seen = 0;
    let mut marker_seen = false;
    for percent in [1, 5, 10, 20, 30, 40, 55, 70, 85, 100] {
        let mut child = spawn_index(&dir, &["--rebuild"]);
        std::thread::sleep(build * percent / 100);
        let _ = child.kill();
        child.wait().expect("wait for the killed run");
        assert_eq!(
            total(&dir, ONLY_IN_000),
            common,
            "killed at {percent}%: search still answers in full"
        );
        let marker = total(&dir, MARKER);
        assert!(marker <= 1);
        assert!(
            !(marker_seen && marker == 0),
            "killed at {percent}%: the index went back in time"
        );
        marker_seen |= marker == 1;
        old_state_seen += usize::from(marker == 0);
    }
    assert!(old_state_seen > 0, "at least one kill landed before the swap");

    // The next run finishes and cleans what the killed ones left.
    dir.command(&["index", "corpus", "--index", "idx"]).run().quiet();
    assert_eq!(total(&dir, MARKER), 1);
    assert_eq!(
        leftovers(&dir).len(),
        1,
        "only the current generation remains: {:?}",
        leftovers(&dir)
    );
}

#[test]
fn searches_during_a_build_see_the_old_or_the_new_index() {
    let dir = Dir::new("concurrent");
    big_corpus(&dir, 25);
    dir.command(&["index", "corpus", "--index", "idx"]).run().quiet();
    let common = total(&dir, ONLY_IN_000);
    dir.create(
        "corpus/zzz_marker.txt",
        format!("标记页\n\n本报讯(记者 周八){MARKER}。\n"),
    );

    let mut writer = spawn_index(&dir, &["--rebuild"]);
    // Once the lock file names the writer, it holds the lock: start a second build then.
    let holder = writer.id().to_string();
    while std::fs::read_to_string(dir.join("idx/baokan-index.lock")).unwrap_or_default() != holder
        && writer.try_wait().expect("poll the build").is_none()
    {
        std::thread::sleep(Duration::from_millis(2));
    }
    let second = spawn_index(&dir, &[]);
    let mut searches = 0;
    let mut marker_seen = false;
    while writer.try_wait().expect("poll the build").is_none() {
        assert_eq!(total(&dir, ONLY_IN_000), common);
        let marker = total(&dir, MARKER);
        assert!(
            !(marker_seen && marker == 0),
            "a search went back to the old index"
        );
        marker_seen |= marker == 1;
        searches += 1;
    }
    assert!(writer.wait().expect("build").success());
    let second = second.wait_with_output().expect("second build");
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        second.status.success()
            || (second.status.code() == Some(1) && stderr.contains("another `baokan index`")),
        "a concurrent second build waits its turn or is refused clearly: {stderr}"
    );
    assert!(searches > 0);
    assert_eq!(total(&dir, MARKER), 1, "after the build, searches see it");
    let paths: BTreeSet<String> = dir.export().into_iter().map(|d| d.path).collect();
    assert_eq!(paths.len(), 25 * SEED_FILES + 1);
}

#[test]
fn a_changed_corpus_folder_name_rebuilds_with_its_paths() {
    let dir = Dir::seeded("moved");
    std::fs::rename(dir.join("seeds"), dir.join("pages")).expect("rename corpus");
    let summary: Summary = dir
        .command(&["index", "pages", "--index", "idx", "--json"])
        .json();
    assert_eq!(summary.mode, Mode::Full, "{summary:#?}");
    assert!(
        summary.warnings.iter().any(|w| w.contains("built from seeds")),
        "{summary:#?}"
    );
    assert!(dir.export().iter().all(|d| d.path.starts_with("pages/")));
}

/// Runs `baokan ARGS` on a pseudo-terminal through `script`, when it is installed.
fn on_a_terminal(dir: &Dir, args: &str) -> Option<String> {
    let line = format!("{} {args}", env!("CARGO_BIN_EXE_baokan"));
    let output = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(dir.path())
        .env_remove("BAOKAN_INDEX")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    assert!(output.status.success(), "{output:?}");
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn a_terminal_gets_a_progress_bar_unless_quiet() {
    let dir = Dir::new("progress");
    big_corpus(&dir, 2);
    let Some(shown) = on_a_terminal(&dir, "index corpus --index idx --rebuild") else {
        eprintln!("note: `script` is not installed; progress bar assertions skipped");
        return;
    };
    // Files done of all, then bytes done of all (the corpus is about 180 kB).
    assert!(shown.contains("/10 files,") && shown.contains(" kB/1"), "{shown}");
    assert!(shown.contains("indexed 10 files"), "{shown}");
    let quiet = on_a_terminal(&dir, "index corpus --index idx --rebuild --quiet").expect("script ran before");
    assert_eq!(quiet, "", "--quiet prints nothing");
    // Into a pipe (every other test) stderr stays empty: see `Run::quiet`.
}

#[test]
fn a_changed_sidecar_reindexes_its_page() {
    let dir = Dir::new("sidecar");
    dir.create("seeds/page.txt", "页面标题\n\n本报讯(记者 王五)旁注测试词。\n");
    dir.create("seeds/page.txt.meta.json", r#"{"date": "2023-03-08"}"#);
    index_json(&dir, &[]);
    let dates = |dir: &Dir| -> Vec<Option<String>> { dir.export().into_iter().map(|d| d.date).collect() };
    assert_eq!(dates(&dir), [Some("2023-03-08".to_string())]);
    dir.create("seeds/page.txt.meta.json", r#"{"date": "2024-01-02"}"#);
    let summary = index_json(&dir, &[]);
    assert_eq!(counts(&summary), [0, 1, 0, 0], "{summary:#?}");
    assert_eq!(dates(&dir), [Some("2024-01-02".to_string())]);
    let again = index_json(&dir, &[]);
    assert_eq!(counts(&again), [0, 0, 0, 1], "{again:#?}");
}
