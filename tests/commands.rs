//! `index`, `show`, `stats`, `export` and the first-run build of the default index.

use std::collections::{BTreeMap, BTreeSet};

use crate::util::{Dir, Doc, Kind, Mode, Results, Stats, Summary, SEED_FILES};

#[test]
fn first_search_builds_the_default_index_from_seeds() {
    let dir = Dir::new("first-run");
    dir.copy_seeds("seeds");
    let first = dir.command(&["search", "城管"]).run().success();
    first.check(
        first.stderr.contains("index"),
        "stderr says the index is being built",
    );
    first.check(
        first.stderr.lines().all(|l| l.starts_with("baokan")),
        "every stderr line is baokan's",
    );
    first.check(first.stdout.starts_with("1. "), "the first run prints hits");
    assert!(
        dir.join("index/baokan-index.json").is_file(),
        "./index was built in the working folder"
    );

    let second = dir.command(&["search", "城管"]).run().quiet();
    assert_eq!(
        strip_timing(&second.stdout),
        strip_timing(&first.stdout),
        "the second run answers the same"
    );
    let json: Results = dir.command(&["search", "城管", "--json"]).json();
    assert!(json.total > 0);
    assert!(json.took_ms >= 0.0);

    // Other commands use the default index too, and never build one.
    let stats: Stats = dir.command(&["stats", "--json"]).json();
    assert_eq!(stats.files, SEED_FILES);
}

#[test]
fn search_rebuilds_a_default_index_of_an_older_format_from_its_corpus() {
    let dir = Dir::new("default-old-format");
    dir.copy_seeds("papers");
    dir.command(&["index", "papers", "--index", "index"])
        .run()
        .success();
    let before: Results = dir.command(&["search", "城管", "--json"]).json();
    set_format(&dir, "index", -1);

    let run = dir.command(&["search", "城管", "--json"]).run().success();
    run.check(
        run.stderr.contains("another baokan version") && run.stderr.contains("papers"),
        "stderr says the default index is rebuilt, and from which folder",
    );
    run.check(
        run.stderr.lines().all(|l| l.starts_with("baokan")),
        "every stderr line is baokan's",
    );
    let after: Results = serde_json::from_str(&run.stdout).expect("search --json");
    assert_eq!(after.ids(), before.ids(), "the rebuilt index answers as before");
    let stats: Stats = dir.command(&["stats", "--json"]).json();
    assert_eq!(
        stats.files, SEED_FILES,
        "rebuilt from papers/, not from a seeds/ that is absent"
    );

    // An index given by --index is the user's to rebuild: searches say how instead.
    dir.command(&["index", "papers", "--index", "mine"])
        .run()
        .success();
    set_format(&dir, "mine", 1);
    let run = dir.command(&["search", "城管", "--index", "mine"]).run().error(1);
    run.check(
        run.stderr.contains("`baokan index papers --index mine`"),
        "the message names the command that rebuilds it from its own corpus",
    );
}

/// Moves the format the pointer of the index in `rel` records by `by`.
fn set_format(dir: &Dir, rel: &str, by: i64) {
    let pointer = dir.join(format!("{rel}/baokan-index.json"));
    let mut json: serde_json::Value = serde_json::from_slice(&std::fs::read(&pointer).unwrap()).unwrap();
    json["format"] = (json["format"].as_i64().expect("the pointer names its format") + by).into();
    std::fs::write(&pointer, json.to_string()).unwrap();
}

#[test]
fn index_without_a_corpus_updates_the_folder_the_index_was_built_from() {
    let dir = Dir::new("index-own-corpus");
    dir.copy_seeds("papers");
    dir.command(&["index", "papers", "--index", "idx"])
        .run()
        .success();
    dir.create(
        "papers/new.txt",
        "新建停车场投入使用\n\n本报讯 昨日，新建停车场投入使用。\n",
    );
    let summary: Summary = dir.command(&["index", "--index", "idx", "--json"]).json();
    assert_eq!(summary.corpus, "papers");
    assert_eq!(
        summary.mode,
        Mode::Incremental,
        "an update, not a rebuild from another folder"
    );
    assert_eq!((summary.files_added, summary.files_unchanged), (1, SEED_FILES));
    let found = dir.search(&["停车场"]);
    assert_eq!(
        found.hits.first().map(|h| h.title.as_str()),
        Some("新建停车场投入使用")
    );

    // Without an index either, CORPUS stays ./seeds.
    let fresh = Dir::new("index-default-corpus");
    fresh.copy_seeds("seeds");
    let summary: Summary = fresh.command(&["index", "--json"]).json();
    assert_eq!(
        (summary.corpus.as_str(), summary.files_indexed),
        ("seeds", SEED_FILES)
    );
}

/// Search text output without its last line (which reports the time taken).
fn strip_timing(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[..lines.len().saturating_sub(1)].join("\n")
}

#[test]
fn only_search_builds_on_first_run() {
    let dir = Dir::new("first-run-only-search");
    dir.copy_seeds("seeds");
    for command in ["stats", "export"] {
        let run = dir.command(&[command]).run().error(1);
        run.check(
            run.stderr.contains("baokan index"),
            "the message names `baokan index`",
        );
    }
    assert!(!dir.join("index").exists());
}

#[test]
fn show_prints_the_document_a_search_found() {
    let dir = Dir::seeded("show");
    let exported: BTreeMap<String, Doc> = dir.export().into_iter().map(|d| (d.id.clone(), d)).collect();
    for query in ["城管", "济广高速"] {
        let hit = dir.search(&[query]).hits.remove(0);
        let shown: Doc = dir.command(&["show", &hit.id, "--json", "--index", "idx"]).json();
        assert_eq!(shown.id, hit.id);
        assert_eq!(shown.title, hit.title);
        assert_eq!(
            (shown.kind, &shown.path, shown.lines),
            (hit.kind, &hit.path, hit.lines)
        );
        assert_eq!(shown.fields, hit.fields);
        assert_eq!(&shown, &exported[&hit.id], "show --json is the export line");

        let text = dir.command(&["show", &hit.id, "--index", "idx"]).run().quiet();
        text.check(
            text.stdout.starts_with(&shown.title),
            "show starts with the title",
        );
        text.check(
            text.stdout
                .contains(&format!("{}:{}-{}", shown.path, shown.lines[0], shown.lines[1])),
            "show gives path:first-last",
        );
        text.check(!text.stdout.contains('\x1b'), "no color into a pipe");
        match &shown.fields {
            Some(fields) => {
                for (column, cell) in fields {
                    text.check(
                        text.stdout.contains(&format!("{column}: {cell}")),
                        "show lists the cells",
                    );
                }
            }
            None => {
                let first_line = shown
                    .body
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or_default();
                text.check(text.stdout.contains(first_line), "show prints the body");
            }
        }
    }
}

#[test]
fn stats_count_what_export_prints() {
    let dir = Dir::seeded("stats");
    let docs = dir.export();
    let stats: Stats = dir.command(&["stats", "--index", "idx", "--json"]).json();
    assert_eq!(stats.documents, docs.len());
    assert_eq!(stats.files, SEED_FILES);

    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    for doc in &docs {
        *by_kind.entry(kind_name(doc.kind).to_string()).or_default() += 1;
    }
    assert_eq!(stats.by_kind, by_kind);
    assert_eq!(stats.by_kind.get("table_row"), Some(&53), "{stats:#?}");
    assert_eq!(stats.by_kind.get("column"), Some(&6), "{stats:#?}");
    assert_eq!(stats.by_kind.get("photo_caption"), Some(&1), "{stats:#?}");
    assert_eq!(
        stats.by_kind.get("article"),
        Some(&(stats.documents - 60)),
        "{stats:#?}"
    );

    for (name, map) in [
        ("by_paper", &stats.by_paper),
        ("by_province", &stats.by_province),
        ("by_city", &stats.by_city),
        ("by_region", &stats.by_region),
        ("by_year", &stats.by_year),
    ] {
        assert_eq!(
            map.values().sum::<usize>(),
            stats.documents,
            "{name} counts every document"
        );
    }
    let papers = docs
        .iter()
        .filter(|d| d.paper.as_deref() == Some("牡丹晚报"))
        .count();
    assert_eq!(stats.by_paper.get("牡丹晚报").copied().unwrap_or(0), papers);
    let in_shandong = docs
        .iter()
        .filter(|d| d.province.as_deref() == Some("山东省"))
        .count();
    assert_eq!(stats.by_province.get("山东省"), Some(&in_shandong));
    assert_eq!(in_shandong, docs.len(), "every seed is about a place in Shandong");
    let in_heze = docs
        .iter()
        .filter(|d| d.city.as_deref() == Some("菏泽市"))
        .count();
    assert_eq!(stats.by_city.get("菏泽市"), Some(&in_heze));
    let undated = docs
        .iter()
        .filter(|d| d.date.is_none() && d.date_precision != Some(crate::util::Precision::Year))
        .count();
    assert_eq!(stats.by_year.get("unknown").copied().unwrap_or(0), undated);

    let dates: BTreeSet<&str> = docs.iter().filter_map(|d| d.date.as_deref()).collect();
    let span = stats.date_span.clone().expect("the seeds have dates");
    assert_eq!(span[0], *dates.first().expect("a date"));
    assert_eq!(span[1], *dates.last().expect("a date"));

    let text = dir.command(&["stats", "--index", "idx"]).run().quiet();
    text.check(
        text.stdout.contains(&format!("{} documents", stats.documents)),
        "the text stats give the document count",
    );
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Article => "article",
        Kind::Column => "column",
        Kind::PhotoCaption => "photo_caption",
        Kind::TableRow => "table_row",
    }
}

#[test]
fn export_prints_every_document_in_path_order() {
    let dir = Dir::seeded("export");
    let run = dir.command(&["export", "--index", "idx"]).run().quiet();
    let docs: Vec<Doc> = run.json_lines();
    let stats: Stats = dir.command(&["stats", "--index", "idx", "--json"]).json();
    assert_eq!(docs.len(), stats.documents);
    assert_eq!(run.stdout.lines().count(), docs.len(), "one document per line");

    let ids: BTreeSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), docs.len(), "ids are unique");
    let order: Vec<(&str, usize)> = docs.iter().map(|d| (d.path.as_str(), d.lines[0])).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "export is ordered by path, then line");

    let files: BTreeSet<&str> = docs.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(files.len(), SEED_FILES);
    for doc in &docs {
        assert!(
            !doc.title.trim().is_empty(),
            "every document has a title: {doc:#?}"
        );
        assert!(doc.lines[0] >= 1 && doc.lines[0] <= doc.lines[1], "{doc:#?}");
        assert_eq!(doc.fields.is_some(), doc.kind == Kind::TableRow, "{doc:#?}");
        // The path can be opened from where `baokan index` ran, and the lines exist there.
        let text =
            std::fs::read_to_string(dir.join(&doc.path)).unwrap_or_else(|e| panic!("{}: {e}", doc.path));
        assert!(doc.lines[1] <= text.lines().count(), "{doc:#?}");
    }
}

#[test]
fn ids_survive_a_rebuild() {
    let dir = Dir::seeded("rebuild");
    let first = dir.export();
    dir.command(&["index", "seeds", "--index", "idx", "--rebuild"])
        .run()
        .quiet();
    let second = dir.export();
    dir.command(&["index", "seeds", "--index", "idx", "--rebuild"])
        .run()
        .quiet();
    let third = dir.export();
    assert!(!first.is_empty());
    assert_eq!(
        first, second,
        "a rebuild of the same corpus gives the same documents and ids"
    );
    assert_eq!(second, third);

    // Old generations are cleaned up: one generation folder remains.
    let generations = std::fs::read_dir(dir.join("idx"))
        .expect("index folder")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-") && e.path().is_dir())
        .count();
    assert_eq!(generations, 1);
}

#[test]
fn index_reports_what_it_did() {
    let dir = Dir::new("index-summary");
    dir.copy_seeds("seeds");
    let summary: Summary = dir
        .command(&["index", "seeds", "--index", "idx", "--json"])
        .json();
    assert_eq!(summary.files_indexed, SEED_FILES);
    assert!(summary.files_skipped.is_empty(), "{summary:#?}");
    assert_eq!(summary.corpus, "seeds");
    assert_eq!(summary.index, "idx");
    assert!(summary.seconds >= 0.0);
    assert!(
        summary.warnings.is_empty(),
        "the seeds split cleanly: {summary:#?}"
    );
    let stats: Stats = dir.command(&["stats", "--index", "idx", "--json"]).json();
    assert_eq!(summary.documents, stats.by_kind);

    let run = dir.command(&["index", "seeds", "--index", "idx"]).run().quiet();
    run.check(
        run.stdout.contains(&format!("{SEED_FILES} files")),
        "the text summary gives the number of files indexed",
    );
    run.check(
        run.stdout.contains(&format!("{} documents", stats.documents)),
        "the text summary gives the number of documents",
    );
}

#[test]
fn index_inside_the_corpus_and_hidden_files_are_passed_over() {
    let dir = Dir::new("index-in-corpus");
    dir.copy_seeds("seeds");
    dir.create("seeds/.hidden.txt", "隐藏文件不应被索引\n\n正文内容");
    dir.create("seeds/.git/config.txt", "隐藏文件夹\n\n正文内容");
    dir.create("seeds/notes.md", "# not indexed");
    let summary: Summary = dir
        .command(&["index", "seeds", "--index", "seeds/idx", "--json"])
        .json();
    assert_eq!(summary.files_indexed, SEED_FILES, "{summary:#?}");
    let again: Summary = dir
        .command(&["index", "seeds", "--index", "seeds/idx", "--json"])
        .json();
    assert_eq!(
        again.files_indexed, SEED_FILES,
        "the index folder is not indexed: {again:#?}"
    );
    let skipped: Vec<&str> = again.files_skipped.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(skipped.len(), 1, "only notes.md is reported: {again:#?}");
    assert!(skipped[0].ends_with("notes.md"), "{again:#?}");
    let docs = dir.export_from("seeds/idx");
    assert!(
        docs.iter().all(|d| !d.title.contains("隐藏")),
        "hidden files are not indexed"
    );
}

#[test]
fn baokan_index_env_names_the_index() {
    let dir = Dir::seeded("env-index");
    let results: Results = dir
        .command(&["search", "城管", "--json"])
        .env("BAOKAN_INDEX", "idx")
        .json();
    assert!(results.total > 0);
    assert!(
        !dir.join("index").exists(),
        "with $BAOKAN_INDEX set, nothing is built at ./index"
    );
    let explicit = dir.search(&["城管"]);
    assert_eq!(results.ids(), explicit.ids());
}

#[test]
fn nested_folders_keep_distinct_paths_and_ids() {
    let dir = Dir::new("nested");
    let page = crate::util::seed_text("000");
    dir.create("corpus/2023/03/page.txt", &page);
    dir.create("corpus/2024/03/page.txt", &page);
    let summary: Summary = dir
        .command(&["index", "corpus", "--index", "idx", "--json"])
        .json();
    assert_eq!(summary.files_indexed, 2);
    let docs = dir.export();
    let paths: BTreeSet<&str> = docs.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        BTreeSet::from(["corpus/2023/03/page.txt", "corpus/2024/03/page.txt"]),
        "paths are the corpus folder as given joined with the path inside it"
    );
    let ids: BTreeSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids.len(),
        docs.len(),
        "the same page in two folders gets distinct ids"
    );
    let hits = dir.search(&["冯锴"]);
    let hit_paths: BTreeSet<&str> = hits.hits.iter().map(|h| h.path.as_str()).collect();
    assert_eq!(hit_paths, paths, "both copies are found");
}

#[test]
fn adding_a_file_keeps_the_other_ids() {
    let dir = Dir::seeded("add-file");
    let before = dir.export();
    dir.create("seeds/005_new.txt", crate::util::seed_text("000"));
    dir.command(&["index", "seeds", "--index", "idx"]).run().quiet();
    let after = dir.export();
    let added: Vec<&Doc> = after.iter().filter(|d| d.path.ends_with("005_new.txt")).collect();
    assert!(!added.is_empty(), "the new file is indexed");
    let kept: Vec<Doc> = after
        .into_iter()
        .filter(|d| !d.path.ends_with("005_new.txt"))
        .collect();
    assert_eq!(kept, before, "documents of unchanged files keep their ids");
}

#[cfg(unix)]
#[test]
fn symlinks_are_listed_as_skipped() {
    let dir = Dir::new("symlink");
    dir.copy_seeds("corpus");
    let target = std::fs::read_dir(dir.join("corpus"))
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .min()
        .expect("a seed");
    std::os::unix::fs::symlink(&target, dir.join("corpus/link.txt")).expect("symlink");
    let summary: Summary = dir
        .command(&["index", "corpus", "--index", "idx", "--json"])
        .json();
    assert_eq!(summary.files_indexed, SEED_FILES, "{summary:#?}");
    assert_eq!(summary.files_skipped.len(), 1, "{summary:#?}");
    assert!(
        summary.files_skipped[0].path.ends_with("link.txt"),
        "{summary:#?}"
    );
    assert!(
        summary.files_skipped[0].reason.contains("symlink"),
        "{summary:#?}"
    );
}
