//! `--help` and `--version`: they succeed and document every search flag.

use crate::util::Dir;

const SEARCH_FLAGS: &[&str] = &[
    "--limit", "--offset", "--since", "--until", "--paper", "--region", "--kind", "--sort", "--json",
    "--jsonl", "--index", "--color",
];

#[test]
fn cli_help() {
    let dir = Dir::new("help");
    let top = dir.command(&["--help"]).run().quiet();
    for command in ["index", "search", "show", "stats", "export"] {
        top.check(top.stdout.contains(command), format!("--help lists `{command}`"));
    }
    for args in [&["search", "--help"][..], &["help", "search"], &["search", "-h"]] {
        let run = dir.command(args).run().quiet();
        for flag in SEARCH_FLAGS {
            run.check(run.stdout.contains(flag), format!("search help lists {flag}"));
        }
        for value in [
            "relevance",
            "newest",
            "oldest",
            "table_row",
            "photo_caption",
            "always",
            "never",
        ] {
            run.check(
                run.stdout.contains(value),
                format!("search help lists the value {value}"),
            );
        }
    }
    for command in ["index", "show", "stats", "export"] {
        let run = dir.command(&[command, "--help"]).run().quiet();
        run.check(run.stdout.contains("--index"), "every command takes --index");
    }
    let version = dir.command(&["--version"]).run().quiet();
    version.check(
        version.stdout.contains(env!("CARGO_PKG_VERSION")),
        "--version prints the crate version",
    );
    assert!(!dir.join("index").exists(), "help builds nothing");
}
