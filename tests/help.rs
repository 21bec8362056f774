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
    for command in [
        "index",
        "search",
        "show",
        "stats",
        "export",
        "serve",
        "trend",
        "completions",
        "man",
    ] {
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
    for command in ["index", "show", "stats", "export", "serve", "trend"] {
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

#[test]
fn completion_scripts_load_in_their_shell_and_the_manual_names_every_command() {
    let dir = Dir::new("completions");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = dir.command(&["completions", shell]).run().quiet();
        for word in ["baokan", "search", "trend", "since"] {
            run.check(run.stdout.contains(word), format!("{shell} completes {word}"));
        }
    }
    let script = dir.command(&["completions", "bash"]).run().quiet().stdout;
    dir.create("baokan.bash", &script);
    let loaded = std::process::Command::new("bash")
        .args(["-c", "source ./baokan.bash && complete -p baokan"])
        .current_dir(dir.path())
        .output()
        .expect("run bash");
    let said = String::from_utf8_lossy(&loaded.stdout);
    assert!(
        loaded.status.success() && said.contains("baokan"),
        "bash loads it: {said}"
    );
    dir.command(&["completions", "tcsh"]).run().error(2);

    let man = dir.command(&["man"]).run().quiet();
    man.check(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH baokan"),
        "a roff page",
    );
    for command in ["index", "search", "show", "stats", "export", "serve", "trend"] {
        man.check(
            man.stdout.contains(command),
            format!("the manual names {command}"),
        );
    }
}
