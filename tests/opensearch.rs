//! `export --opensearch` and `search --dsl` against golden files of the seeds
//! (`tests/fixtures/opensearch/`): the index template, one bulk document, and the DSL of ten
//! representative queries. The Lucene check (`scale/lucene-check/`, run by `.ci/run`) shows
//! that the DSL selects baokan's hits; these show that the output does not drift unseen.
//! `BLESS=1 cargo test --release --test integration opensearch` rewrites the golden files.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::Dir;

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/opensearch")
        .join(name)
}

/// Compares `actual` with the golden file `name`, or rewrites it under `BLESS`.
fn check_golden(name: &str, actual: &str) {
    let path = golden(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} changed (BLESS=1 rewrites it):\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

/// Ten representative queries: one and several characters, mixed scripts, a phrase, the
/// title scope, AND, OR, NOT, a name with other forms, and the filters and orders.
const QUERIES: &[&[&str]] = &[
    &["城"],
    &["城管"],
    &["推进精细管理"],
    &["2063.42亿元"],
    &["住建局"],
    &["title:城管", "工作"],
    &["城管", "OR", "执法"],
    &["--", "城管", "-(停车", "OR", "执法)"],
    &[
        "发展",
        "--kind",
        "table_row",
        "--since",
        "2023-03",
        "--until",
        "2023-12",
    ],
    &[
        "管理",
        "--paper",
        "mdwb",
        "--region",
        "菏泽市",
        "--sort",
        "newest",
        "--limit",
        "5",
    ],
];

#[test]
fn the_template_and_a_bulk_document_are_as_golden() {
    let dir = Dir::seeded("opensearch-export");
    let run = dir
        .command(&["export", "--index", "idx", "--opensearch", "out", "--routing"])
        .run()
        .success();
    assert!(run.stdout.contains("wrote 76 documents"), "{}", run.stdout);
    let template = std::fs::read_to_string(dir.join("out/template.json")).unwrap();
    check_golden("template.json", &template);

    let bulk = std::fs::read_to_string(dir.join("out/bulk-0001.ndjson")).unwrap();
    let lines: Vec<&str> = bulk.lines().collect();
    assert_eq!(lines.len(), 2 * 76, "an action and a source per document");
    let actions: Vec<Value> = lines
        .iter()
        .step_by(2)
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut ids: Vec<&str> = actions
        .iter()
        .map(|a| a["index"]["_id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    let mut exported: Vec<String> = dir.export().into_iter().map(|d| d.id).collect();
    exported.sort_unstable();
    assert_eq!(ids, exported, "every document once, under its id");
    assert!(actions
        .iter()
        .all(|a| a["index"]["_index"] == "baokan" && a["index"]["routing"].is_string()));
    // The smallest document: a table row, with its column names.
    let row = lines
        .iter()
        .enumerate()
        .filter(|(i, line)| i % 2 == 1 && line.contains("\"kind\":\"table_row\""))
        .min_by_key(|(_, line)| line.len())
        .map(|(i, line)| format!("{}\n{line}\n", lines[i - 1]))
        .unwrap();
    check_golden("bulk-row.ndjson", &row);
}

#[test]
fn the_dsl_of_representative_queries_is_as_golden() {
    let dir = Dir::seeded("opensearch-dsl");
    let mut out = String::new();
    for args in QUERIES {
        let mut command = vec!["search", "--index", "idx", "--dsl"];
        command.extend_from_slice(args);
        let run = dir.command(&command).run().quiet();
        let dsl: Value = run.json();
        assert!(dsl["query"]["bool"]["must"].is_array(), "{args:?}: {dsl}");
        out.push_str(&format!(
            "{}\n{}\n",
            args.join(" "),
            serde_json::to_string(&dsl).unwrap()
        ));
    }
    check_golden("dsl.txt", &out);
}

#[test]
fn dsl_refuses_what_search_refuses() {
    let dir = Dir::seeded("opensearch-errors");
    for bad in [
        &["(城管"][..],
        &["城管", "OR"],
        &["城管", "--paper", "不存在晚报"],
    ] {
        let args = |extra: &[&'static str]| [&["search", "--index", "idx"][..], bad, extra].concat();
        let search = dir.command(&args(&[])).run().error(2);
        let dsl = dir.command(&args(&["--dsl"])).run().error(2);
        assert_eq!(search.stderr, dsl.stderr, "{bad:?}");
    }
}
