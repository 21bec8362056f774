//! Hostile input: huge, broken, strangely encoded, strangely named, unreadable, looping or
//! moving files, and a damaged index. Each is handled without failing the build, and every
//! file not indexed is listed with its reason.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::util::{seed_text, Dir, Doc, Summary};

fn index(dir: &Dir) -> Summary {
    dir.command(&["index", "corpus", "--index", "idx", "--json"])
        .json()
}

fn reason<'a>(summary: &'a Summary, name: &str) -> &'a str {
    summary
        .files_skipped
        .iter()
        .find(|s| s.path.ends_with(name))
        .map(|s| s.reason.as_str())
        .unwrap_or_else(|| panic!("{name} is not listed as skipped: {summary:#?}"))
}

/// Titles of the documents from file `name`.
fn titles(docs: &[Doc], name: &str) -> Vec<String> {
    docs.iter()
        .filter(|d| d.path.ends_with(name))
        .map(|d| d.title.clone())
        .collect()
}

#[test]
fn a_50_mb_single_line_file_is_skipped_without_being_read() {
    let dir = Dir::new("huge");
    dir.create("corpus/page.txt", seed_text("000"));
    dir.create("corpus/huge.txt", "城".repeat(50_000_000 / 3 + 1));
    let summary = index(&dir);
    assert_eq!(summary.files_indexed, 1, "{summary:#?}");
    assert_eq!(summary.files_skipped.len(), 1, "{summary:#?}");
    let why = reason(&summary, "huge.txt");
    assert!(
        why.contains("too large") && why.contains("--max-file-mb"),
        "{why}"
    );
    assert!(dir.search(&["城管"]).total > 0);
}

#[test]
fn a_long_single_line_file_under_the_limit_is_indexed() {
    let dir = Dir::new("long-line");
    let line = seed_text("000").replace('\n', "");
    dir.create("corpus/line.txt", line.repeat(8));
    let summary = index(&dir);
    assert_eq!(summary.files_indexed, 1, "{summary:#?}");
    assert!(summary.files_skipped.is_empty(), "{summary:#?}");
    assert_eq!(dir.search(&["城管服务站"]).total, 1);
}

#[test]
fn invalid_utf8_in_the_middle_is_replaced_and_counted() {
    let dir = Dir::new("bad-utf8");
    let text = seed_text("000");
    let middle = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .expect("middle")
        .0;
    let mut bytes = text.as_bytes().to_vec();
    bytes.splice(middle..middle, [0xFF, 0xC0, b'\n']);
    dir.create("corpus/broken.txt", bytes);
    dir.create("corpus/clean.txt", &text);
    let summary = index(&dir);
    assert_eq!(summary.files_indexed, 2, "{summary:#?}");
    let warning = summary
        .warnings
        .iter()
        .find(|w| w.contains("broken.txt"))
        .unwrap_or_else(|| panic!("no warning for broken.txt: {summary:#?}"));
    assert!(warning.contains("2 invalid UTF-8 sequences"), "{warning}");
    let docs = dir.export();
    let broken = titles(&docs, "broken.txt");
    assert!(
        broken.contains(&"全市城管工作会议召开".to_string()),
        "read as UTF-8, not mojibake: {broken:?}"
    );
    assert_eq!(dir.search(&["城管服务站"]).total, 2);
    assert_eq!(docs.iter().filter(|d| d.body.contains('\u{FFFD}')).count(), 1);
}

#[test]
fn utf16_without_bom_reads_like_utf8() {
    let dir = Dir::new("utf16-no-bom");
    let text = seed_text("000");
    dir.create("corpus/utf8.txt", &text);
    let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    dir.create("corpus/le.txt", le);
    dir.create("corpus/be.txt", be);
    let summary = index(&dir);
    assert_eq!(summary.files_indexed, 3, "{summary:#?}");
    let docs = dir.export();
    let original = titles(&docs, "utf8.txt");
    assert!(original.len() >= 2);
    assert_eq!(titles(&docs, "le.txt"), original);
    assert_eq!(titles(&docs, "be.txt"), original);
    assert_eq!(dir.search(&["城管服务站"]).total, 3);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_listed_and_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = Dir::new("symlink-loop");
    dir.create("corpus/page.txt", seed_text("000"));
    symlink(".", dir.join("corpus/self")).expect("symlink");
    symlink("b.txt", dir.join("corpus/a.txt")).expect("symlink");
    symlink("a.txt", dir.join("corpus/b.txt")).expect("symlink");
    let summary = index(&dir);
    assert_eq!(summary.files_indexed, 1, "{summary:#?}");
    for name in ["self", "a.txt", "b.txt"] {
        assert!(reason(&summary, name).contains("symlink"), "{summary:#?}");
    }
    assert_eq!(summary.files_skipped.len(), 3, "{summary:#?}");
}

#[cfg(unix)]
#[test]
fn fifos_are_listed_and_never_opened() {
    let dir = Dir::new("fifo");
    dir.create("corpus/page.txt", seed_text("000"));
    let status = Command::new("mkfifo")
        .arg(dir.join("corpus/pipe.txt"))
        .status()
        .expect("run mkfifo");
    assert!(status.success());
    // Opening the FIFO for reading would block forever: the run finishing proves it was not.
    let summary = index(&dir);
    assert_eq!(summary.files_indexed, 1, "{summary:#?}");
    assert_eq!(reason(&summary, "pipe.txt"), "not a regular file (FIFO)");
}

/// Runs `baokan ARGS` without the capabilities that let root read any file, when running as
/// root and `setpriv` can drop them; `None` when that is impossible.
#[cfg(unix)]
fn without_read_override(dir: &Dir, args: &[&str]) -> Option<std::process::Output> {
    let root = Command::new("id").arg("-u").output().ok()?.stdout == b"0\n";
    let mut cmd = if root {
        let mut cmd = Command::new("setpriv");
        cmd.args(["--bounding-set", "-dac_override,-dac_read_search", "--"])
            .arg(env!("CARGO_BIN_EXE_baokan"));
        cmd
    } else {
        Command::new(env!("CARGO_BIN_EXE_baokan"))
    };
    let output = cmd.current_dir(dir.path()).args(args).output().ok()?;
    let refused = String::from_utf8_lossy(&output.stderr).contains("setpriv");
    (!refused).then_some(output)
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_listed_with_the_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new("unreadable");
    dir.create("corpus/page.txt", seed_text("000"));
    let secret = dir.create("corpus/secret.txt", seed_text("001"));
    let closed = dir.join("corpus/closed");
    dir.create("corpus/closed/inner.txt", seed_text("002"));
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let args = ["index", "corpus", "--index", "idx", "--json"];
    let Some(output) = without_read_override(&dir, &args) else {
        eprintln!(
            "note: running as root and cannot drop CAP_DAC_OVERRIDE; unreadable-file assertions skipped"
        );
        return;
    };
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let summary: Summary = serde_json::from_slice(&output.stdout).expect("summary JSON");
    assert_eq!(summary.files_indexed, 1, "{summary:#?}");
    assert!(
        reason(&summary, "secret.txt").contains("ermission denied"),
        "{summary:#?}"
    );
    assert!(
        reason(&summary, "closed").contains("ermission denied"),
        "{summary:#?}"
    );
    assert_eq!(summary.files_skipped.len(), 2, "{summary:#?}");

    // Once readable, the next run picks the file up although its mtime did not move.
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).expect("chmod back");
    let again = index(&dir);
    assert_eq!(again.files_indexed, 3, "{again:#?}");
    assert_eq!(again.files_added, 2, "{again:#?}");
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_indexed_under_an_escaped_name() {
    use std::os::unix::ffi::OsStrExt;
    let dir = Dir::new("non-utf8-name");
    std::fs::create_dir_all(dir.join("corpus")).expect("corpus");
    let name = std::ffi::OsStr::from_bytes(b"\xb3\xc7\xb9\xdc.txt"); // 城管 in GBK
    std::fs::write(dir.join("corpus").join(name), seed_text("000")).expect("write");
    let summary = index(&dir);
    assert_eq!(summary.files_indexed, 1, "{summary:#?}");
    let hit = dir.search(&["城管服务站"]).hits.remove(0);
    // C7 B9 happens to be valid UTF-8 (ǹ); the other two bytes are escaped.
    assert_eq!(hit.path, "corpus/\\xB3ǹ\\xDC.txt");
    let shown: Doc = dir.command(&["show", &hit.id, "--index", "idx", "--json"]).json();
    assert_eq!(shown.path, hit.path);
    let again = index(&dir);
    assert_eq!(
        again.files_unchanged, 1,
        "the escaped name is a stable key: {again:#?}"
    );
}

#[test]
fn ragged_tsv_rows_are_kept_and_warned_about_every_run() {
    let dir = Dir::new("ragged");
    dir.create(
        "corpus/table.tsv",
        "2023年重点项目表\n序号\t项目名称\t建设单位\n1\t城区雨污分流改造工程\t市城管局\n2\t只有两格\n3\t老旧小区改造提升项目\t市住建局\t多出一格\n",
    );
    let summary = index(&dir);
    assert_eq!(summary.documents.get("table_row"), Some(&3), "{summary:#?}");
    assert!(
        !summary.warnings.is_empty(),
        "ragged rows are reported: {summary:#?}"
    );
    assert!(
        summary.warnings.iter().all(|w| w.contains("table.tsv")),
        "{summary:#?}"
    );
    assert_eq!(dir.search(&["只有两格"]).total, 1);
    let again = index(&dir);
    assert_eq!(again.files_unchanged, 1);
    assert_eq!(
        again.warnings, summary.warnings,
        "an unchanged file's warnings are repeated"
    );
}

#[test]
fn a_text_file_turned_binary_leaves_the_index_with_a_reason() {
    let dir = Dir::new("turned-binary");
    dir.create("corpus/page.txt", seed_text("000"));
    dir.create("corpus/other.txt", seed_text("001"));
    index(&dir);
    assert!(dir.search(&["城管服务站"]).total > 0);
    dir.create("corpus/page.txt", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0binary");
    let summary = index(&dir);
    assert_eq!(summary.files_changed, 1, "{summary:#?}");
    assert!(reason(&summary, "page.txt").contains("binary"), "{summary:#?}");
    assert_eq!(dir.search(&["城管服务站", "--strict"]).total, 0);
    let again = index(&dir);
    assert!(
        reason(&again, "page.txt").contains("binary"),
        "the reason is repeated: {again:#?}"
    );
}

#[test]
fn a_file_changing_while_indexed_never_breaks_the_index() {
    let dir = Dir::new("moving");
    for copy in 0..30 {
        dir.create(&format!("corpus/{copy:02}.txt"), seed_text("001"));
    }
    let moving = dir.join("corpus/50_moving.txt");
    let versions = [
        format!("{}\n\n本报讯(记者 甲)版本一词。\n", seed_text("000")),
        "短版本\n\n本报讯(记者 乙)版本二词。\n".to_string(),
    ];
    std::fs::write(&moving, &versions[0]).expect("write");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let churn = {
        let (stop, moving, versions) = (stop.clone(), moving.clone(), versions.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                std::fs::write(&moving, &versions[n % 2]).expect("rewrite");
                n += 1;
            }
        })
    };
    let summary = index(&dir);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    churn.join().expect("churn thread");
    assert_eq!(summary.files_indexed, 31, "{summary:#?}");
    let one = dir.search(&["版本一词", "--strict"]).total;
    let two = dir.search(&["版本二词", "--strict"]).total;
    assert!(one + two <= 1, "never both versions at once");

    std::fs::write(&moving, "最终版\n\n本报讯(记者 丙)最终版本词。\n").expect("final write");
    index(&dir);
    assert_eq!(dir.search(&["最终版本词"]).total, 1, "the next run catches up");
    assert_eq!(
        dir.search(&["版本一词", "--strict"]).total + dir.search(&["版本二词", "--strict"]).total,
        0
    );
}

/// The files of the current generation of `idx`.
fn generation_files(dir: &Dir) -> Vec<std::path::PathBuf> {
    let pointer: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("idx/baokan-index.json")).expect("pointer"))
            .expect("pointer JSON");
    let generation = dir
        .join("idx")
        .join(pointer["generation"].as_str().expect("generation"));
    let mut files: Vec<_> = std::fs::read_dir(generation)
        .expect("generation")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    files
}

fn damage(path: &Path, how: &str) {
    let bytes = std::fs::read(path).expect("read index file");
    let damaged = match how {
        "truncate" => bytes[..bytes.len() / 2].to_vec(),
        "garbage" => b"\x00garbage{".repeat(3),
        _ => unreachable!(),
    };
    std::fs::write(path, damaged).expect("damage");
}

#[test]
fn a_damaged_index_file_gives_a_clear_error_and_a_rebuild_repairs_it() {
    let kinds: BTreeSet<String> = {
        let dir = Dir::new("damaged-kinds");
        dir.copy_seeds("corpus");
        index(&dir);
        generation_files(&dir)
            .iter()
            .map(|p| {
                p.extension()
                    .map_or(String::new(), |e| e.to_string_lossy().into_owned())
            })
            .collect()
    };
    assert!(
        kinds.contains("json") && kinds.contains("store") && kinds.contains("term"),
        "{kinds:?}"
    );
    for kind in &kinds {
        for how in ["truncate", "garbage"] {
            let dir = Dir::new("damaged");
            dir.copy_seeds("corpus");
            index(&dir);
            for file in generation_files(&dir)
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e.to_string_lossy() == *kind))
            {
                damage(file, how);
            }
            let run = dir.command(&["search", "城管", "--index", "idx"]).run();
            if run.code == Some(0) {
                // Damage a search does not read (the manifest, a fast field it does not load)
                // must still be noticed by `index`, which then rebuilds.
                let summary = index(&dir);
                assert!(summary.files_indexed == 5, "{kind} {how}: {summary:#?}");
            } else {
                let run = run.error(1);
                run.check(
                    run.stderr.contains("--rebuild"),
                    format!("{kind} {how}: the message says to rebuild"),
                );
                let summary = index(&dir);
                assert!(
                    summary
                        .warnings
                        .iter()
                        .any(|w| w.contains("rebuilt from scratch")),
                    "{kind} {how}: plain `index` rebuilds a damaged index: {summary:#?}"
                );
            }
            assert!(dir.search(&["城管"]).total > 0, "{kind} {how}: repaired");
        }
    }
}
