//! Failures: usage mistakes exit 2, runtime failures exit 1, each with one `baokan:` line on
//! stderr that says what to do; a search that finds nothing is not a failure.

use crate::util::{Dir, Results};

#[test]
fn unknown_flag_is_a_usage_error() {
    let dir = Dir::seeded("unknown-flag");
    let run = dir
        .command(&["search", "城管", "--frobnicate", "--index", "idx"])
        .run()
        .error(2);
    run.check(run.stderr.contains("--frobnicate"), "the message names the flag");
    dir.command(&["--frobnicate"]).run().error(2);
    dir.command(&["frobnicate"]).run().error(2);
}

#[test]
fn bad_flag_values_are_usage_errors() {
    let dir = Dir::seeded("bad-values");
    for args in [
        &["--since", "2023-13-40"][..],
        &["--until", "2023-02-30"],
        &["--since", "yesterday"],
        &["--limit", "0"],
        &["--limit", "many"],
        &["--offset=-1"],
        &["--sort", "random"],
        &["--kind", "poem"],
        &["--color", "sometimes"],
        &["--json", "--jsonl"],
    ] {
        let run = dir
            .command(&["search", "城管", "--index", "idx"])
            .args(args)
            .run()
            .error(2);
        run.check(
            run.stderr.contains(
                args[0]
                    .trim_start_matches('-')
                    .split('=')
                    .next()
                    .unwrap_or_default(),
            ),
            "the message names the flag",
        );
    }
    let run = dir
        .command(&["search", "城管", "--since", "2023-13-40", "--index", "idx"])
        .run()
        .error(2);
    run.check(
        run.stderr.contains("2023-13-40"),
        "the message quotes the bad date",
    );
    let run = dir
        .command(&[
            "search", "城管", "--since", "2024", "--until", "2023", "--index", "idx",
        ])
        .run()
        .error(2);
    run.check(run.stderr.contains("--since"), "the message names the conflict");
}

#[test]
fn malformed_queries_are_usage_errors_with_a_position() {
    let dir = Dir::seeded("bad-query");
    dir.command(&["search", "", "--index", "idx"]).run().error(2);
    dir.command(&["search", "   ", "--index", "idx"]).run().error(2);
    dir.command(&["search", "--index", "idx"]).run().error(2);
    for (query, position) in [
        ("城管 OR", 4),
        ("OR 城管", 1),
        ("城管 -", 4),
        ("(城管", 1),
        ("城管)", 3),
    ] {
        let run = dir.command(&["search", query, "--index", "idx"]).run().error(2);
        run.check(
            run.stderr.contains(&format!("character {position}")),
            format!("the message gives position {position}"),
        );
    }
}

#[test]
fn bare_exclusion_is_refused_rather_than_read_as_a_flag() {
    // `search 城管 -停车` cannot tell `-停车` from a flag once flags may follow the query; it
    // must fail loudly, never run a different search.
    let dir = Dir::seeded("bare-exclusion");
    dir.command(&["search", "城管", "-停车", "--index", "idx"])
        .run()
        .error(2);
}

#[test]
fn unknown_paper_or_region_lists_the_choices() {
    let dir = Dir::seeded("unknown-paper");
    let run = dir
        .command(&["search", "城管", "--paper", "人民日报", "--index", "idx"])
        .run()
        .error(2);
    run.check(run.stderr.contains("人民日报"), "the message names the paper");
    run.check(run.stderr.contains("牡丹晚报"), "the message lists known papers");
    let run = dir
        .command(&["search", "城管", "--region", "北京市", "--index", "idx"])
        .run()
        .error(2);
    run.check(run.stderr.contains("北京市"), "the message names the region");
    run.check(
        run.stderr.contains("菏泽市"),
        "the message lists the regions present",
    );
}

#[test]
fn missing_index_names_the_command_that_builds_it() {
    let dir = Dir::new("missing-index");
    let nope = dir.join("nope");
    for command in ["search", "show", "stats", "export"] {
        let mut cmd = dir.command(&[command]);
        cmd = match command {
            "search" => cmd.arg("城管"),
            "show" => cmd.arg("0000000000-1"),
            _ => cmd,
        };
        let run = cmd.arg("--index").arg(&nope).run().error(1);
        run.check(
            run.stderr.contains("baokan index"),
            "the message names `baokan index`",
        );
    }
    assert!(!nope.exists(), "a failed lookup creates nothing");

    let run = dir
        .command(&["search", "城管"])
        .env("BAOKAN_INDEX", &nope)
        .run()
        .error(1);
    run.check(run.stderr.contains("baokan index"), "$BAOKAN_INDEX is honored");
}

#[test]
fn zero_hits_is_success() {
    let dir = Dir::seeded("zero-hits");
    let results: Results = dir
        .command(&["search", "不存在的词语xyz", "--json", "--index", "idx"])
        .json();
    assert_eq!(results.total, 0);
    assert!(results.hits.is_empty());
    let run = dir
        .command(&["search", "不存在的词语xyz", "--jsonl", "--index", "idx"])
        .run()
        .quiet();
    run.check(run.stdout.is_empty(), "--jsonl with no hits prints nothing");
}

#[test]
fn unknown_id_is_a_runtime_error() {
    let dir = Dir::seeded("bad-id");
    for id in ["0000000000-1", "nonsense", ""] {
        let run = dir.command(&["show", id, "--index", "idx"]).run().error(1);
        run.check(
            run.stderr.contains("baokan search"),
            "the message says where ids come from",
        );
    }
}

#[test]
fn missing_corpus_fails_and_keeps_the_previous_index() {
    let dir = Dir::seeded("missing-corpus");
    let before = dir.export();
    let run = dir
        .command(&["index", "no-such-folder", "--index", "idx"])
        .run()
        .error(1);
    run.check(
        run.stderr.contains("no-such-folder"),
        "the message names the folder",
    );
    assert_eq!(dir.export(), before, "a failed build leaves the index as it was");

    let fresh = Dir::new("missing-corpus-fresh");
    fresh
        .command(&["index", "nowhere", "--index", "idx"])
        .run()
        .error(1);
    fresh.command(&["index"]).run().error(1);

    let file = Dir::new("corpus-is-a-file");
    file.create("page.txt", "标题\n\n正文");
    file.command(&["index", "page.txt", "--index", "idx"])
        .run()
        .error(1);
}

#[test]
fn first_run_without_seeds_says_how_to_build() {
    let dir = Dir::new("no-seeds");
    let run = dir.command(&["search", "城管"]).run().error(1);
    run.check(
        run.stderr.contains("baokan index"),
        "the message names `baokan index`",
    );
    assert!(!dir.join("index").exists(), "nothing is built from nothing");
}

#[test]
fn index_of_another_format_asks_for_a_rebuild_and_is_rebuilt() {
    let dir = Dir::seeded("old-format");
    dir.command(&["index", "seeds", "--index", "idx"]).run().success();
    let pointer = dir.join("idx/baokan-index.json");
    let mut json: serde_json::Value = serde_json::from_slice(&std::fs::read(&pointer).unwrap()).unwrap();
    let format = json["format"].as_u64().expect("the pointer names its format");
    json["format"] = (format - 1).into();
    std::fs::write(&pointer, json.to_string()).unwrap();

    let run = dir.command(&["search", "城管", "--index", "idx"]).run().error(1);
    run.check(
        run.stderr.contains(&format!(
            "has format {}, this baokan reads format {format}",
            format - 1
        )) && run.stderr.contains("`baokan index seeds --index idx`"),
        "the message names both formats and the command that rebuilds from the index's own corpus",
    );
    let run = dir.command(&["index", "--index", "idx"]).run().success();
    run.check(
        run.stdout.contains("rebuilt from scratch"),
        "an update of an old index rebuilds it, and says so",
    );
    assert!(dir.search(&["城管"]).total > 0, "the rebuilt index answers");
}

#[test]
fn damaged_index_asks_for_a_rebuild() {
    let dir = Dir::seeded("damaged");
    dir.create("idx/baokan-index.json", "{ not json");
    let run = dir.command(&["search", "城管", "--index", "idx"]).run().error(1);
    run.check(run.stderr.contains("--rebuild"), "the message says to rebuild");
    dir.command(&["index", "seeds", "--index", "idx"]).run().quiet();
    assert!(dir.search(&["城管"]).total > 0, "a rebuild repairs it");
}
