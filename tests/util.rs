//! Test harness: a temporary folder per test, the real `baokan` binary run inside it, and the
//! JSON wire format mirrored as strict serde structs.
//!
//! Every failing check on a run prints the command, the folder listing, stdout and stderr.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

/// The sample corpus shipped with the crate. Tests copy it; they never index it in place.
pub const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

/// Number of files in the seed corpus.
pub const SEED_FILES: usize = 5;

/// The text of one seed file, chosen by its name prefix (`"000"`).
pub fn seed_text(prefix: &str) -> String {
    let mut names: Vec<PathBuf> = std::fs::read_dir(SEEDS)
        .expect("read seeds")
        .map(|e| e.expect("seed entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect();
    assert_eq!(names.len(), 1, "exactly one seed starts with {prefix}");
    std::fs::read_to_string(names.pop().expect("one seed")).expect("seed is UTF-8")
}

/// A temporary folder that is removed when the test ends.
pub struct Dir {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Dir {
    /// A fresh empty folder; `name` shows up in its path to tell tests apart.
    pub fn new(name: &str) -> Dir {
        let tmp = tempfile::Builder::new()
            .prefix(&format!("baokan-test-{name}-"))
            .tempdir()
            .expect("create temp dir");
        let root = tmp.path().canonicalize().expect("canonical temp dir");
        Dir { _tmp: tmp, root }
    }

    /// A fresh folder holding one page, `text`, at `./corpus/NAME`, indexed into `./idx`.
    pub fn with_page(name: &str, text: &str) -> Dir {
        let dir = Dir::new(name);
        dir.create(&format!("corpus/{name}.txt"), text);
        dir.command(&["index", "corpus", "--index", "idx", "-q"])
            .run()
            .success();
        dir
    }

    /// A fresh folder holding a copy of the seeds at `./seeds`, indexed into `./idx`.
    pub fn seeded(name: &str) -> Dir {
        let dir = Dir::new(name);
        dir.copy_seeds("seeds");
        dir.command(&["index", "seeds", "--index", "idx"]).run().success();
        dir
    }

    pub fn path(&self) -> &Path {
        &self.root
    }

    pub fn join(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.root.join(rel)
    }

    /// Copies the seed files into `rel` (created) and returns its path.
    pub fn copy_seeds(&self, rel: &str) -> PathBuf {
        let to = self.join(rel);
        std::fs::create_dir_all(&to).expect("create seeds copy");
        for entry in std::fs::read_dir(SEEDS).expect("read seeds") {
            let from = entry.expect("seed entry").path();
            let target = to.join(from.file_name().expect("file name"));
            std::fs::write(&target, std::fs::read(&from).expect("read seed")).expect("write seed copy");
        }
        to
    }

    /// Writes `contents` to `rel`, creating parent folders.
    pub fn create(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }

    /// `baokan ARGS…` to run in this folder.
    pub fn command(&self, args: &[&str]) -> TestCommand<'_> {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_baokan"));
        cmd.current_dir(&self.root)
            .env_remove("BAOKAN_INDEX")
            .env_remove("NO_COLOR")
            .env("RUST_BACKTRACE", "0")
            .args(args);
        TestCommand {
            dir: self,
            cmd,
            shown: args.iter().map(|a| shell_word(a)).collect::<Vec<_>>().join(" "),
        }
    }

    /// Every path under the folder, one per line (index internals summarized), for failure
    /// reports.
    pub fn listing(&self) -> String {
        let mut out = String::new();
        list(&self.root, &self.root, &mut out);
        out
    }
}

fn list(root: &Path, dir: &Path, out: &mut String) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let rel = path.strip_prefix(root).unwrap_or(&path).display().to_string();
        if path.is_dir() {
            out.push_str(&format!("  {rel}/\n"));
            if !path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("gen-"))
            {
                list(root, &path, out);
            }
        } else {
            let size = path.metadata().map(|m| m.len()).unwrap_or(0);
            out.push_str(&format!("  {rel} ({size} bytes)\n"));
        }
    }
}

fn shell_word(arg: &str) -> String {
    if !arg.is_empty() && arg.chars().all(|c| !c.is_whitespace() && c != '"' && c != '\'') {
        arg.to_string()
    } else {
        format!("'{arg}'")
    }
}

/// A `baokan` invocation being prepared.
pub struct TestCommand<'a> {
    dir: &'a Dir,
    cmd: Command,
    shown: String,
}

impl<'a> TestCommand<'a> {
    /// Adds an argument (for paths or other non-`&str` values).
    pub fn arg(mut self, arg: impl Into<OsString>) -> Self {
        let arg = arg.into();
        self.shown.push(' ');
        self.shown.push_str(&shell_word(&arg.to_string_lossy()));
        self.cmd.arg(arg);
        self
    }

    /// Sets an environment variable for the run.
    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// Runs the command to completion. Whatever the outcome, no output may mention a panic.
    pub fn run(mut self) -> Run<'a> {
        let output = self.cmd.output().expect("spawn baokan");
        let run = Run {
            dir: self.dir,
            shown: self.shown,
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code(),
        };
        run.check(
            !run.stdout.contains("panicked") && !run.stderr.contains("panicked"),
            "baokan panicked",
        );
        run
    }

    /// Runs, requires exit 0 with an empty stderr, and parses stdout as one JSON value.
    pub fn json<T: DeserializeOwned>(self) -> T {
        self.run().quiet().json()
    }
}

/// A finished run.
pub struct Run<'a> {
    dir: &'a Dir,
    shown: String,
    pub stdout: String,
    pub stderr: String,
    /// `None` when killed by a signal.
    pub code: Option<i32>,
}

impl Run<'_> {
    /// Panics with `what` and everything needed to see why, unless `ok`.
    pub fn check(&self, ok: bool, what: impl Display) {
        if !ok {
            self.fail(what);
        }
    }

    /// Panics with `what`, the command, the folder listing, stdout and stderr.
    pub fn fail(&self, what: impl Display) -> ! {
        panic!(
            "\n{what}\n\ncommand: baokan {}\nexit code: {:?}\nfolder {}:\n{}\n--- stdout ---\n{}\n--- stderr ---\n{}\n",
            self.shown,
            self.code,
            self.dir.path().display(),
            self.dir.listing(),
            self.stdout,
            self.stderr
        )
    }

    /// Requires exit code 0.
    pub fn success(self) -> Self {
        self.check(self.code == Some(0), "expected success (exit 0)");
        self
    }

    /// Requires exit code 0 and nothing on stderr.
    pub fn quiet(self) -> Self {
        let run = self.success();
        run.check(run.stderr.is_empty(), "expected an empty stderr");
        run
    }

    /// Requires exit `code`, an empty stdout and exactly one stderr line starting `baokan:`.
    pub fn error(self, code: i32) -> Self {
        self.check(self.code == Some(code), format!("expected exit code {code}"));
        self.check(self.stdout.is_empty(), "expected no stdout on error");
        self.check(
            self.stderr.ends_with('\n') && self.stderr.lines().count() == 1,
            "expected exactly one line on stderr",
        );
        self.check(
            self.stderr.starts_with("baokan: "),
            "expected stderr to start with 'baokan: '",
        );
        self
    }

    /// Stdout parsed as one JSON value.
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| self.fail(format!("stdout is not the expected JSON: {e}")))
    }

    /// Stdout parsed as JSON Lines.
    pub fn json_lines<T: DeserializeOwned>(&self) -> Vec<T> {
        self.stdout
            .lines()
            .enumerate()
            .map(|(n, line)| {
                serde_json::from_str(line).unwrap_or_else(|e| {
                    self.fail(format!("stdout line {} is not the expected JSON: {e}", n + 1))
                })
            })
            .collect()
    }
}

/// Makes an `Option` field required: the key must be present, its value may be `null`.
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer)
}

/// `kind` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Article,
    Column,
    PhotoCaption,
    TableRow,
}

/// `date_precision` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    Day,
    MonthDay,
    Year,
}

/// `search --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    pub query: String,
    pub total: usize,
    pub relaxed: bool,
    #[serde(deserialize_with = "present")]
    pub words_held: Option<usize>,
    pub took_ms: f64,
    pub expansions: Vec<Expansion>,
    #[serde(deserialize_with = "present")]
    pub facets: Option<Facets>,
    #[serde(deserialize_with = "present")]
    pub stories: Option<usize>,
    pub hits: Vec<Hit>,
}

/// A query term searched in other forms too.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expansion {
    pub term: String,
    pub alternatives: Vec<String>,
}

/// `facets` of `search --json --facets`: hit counts by value.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facets {
    pub paper: BTreeMap<String, usize>,
    pub year: BTreeMap<String, usize>,
    pub month: BTreeMap<String, usize>,
    pub province: BTreeMap<String, usize>,
    pub city: BTreeMap<String, usize>,
    pub region: BTreeMap<String, usize>,
    pub kind: BTreeMap<String, usize>,
}

impl Results {
    pub fn ids(&self) -> Vec<String> {
        self.hits.iter().map(|h| h.id.clone()).collect()
    }
}

impl Hit {
    /// The date as sorted and filtered: `YYYY-MM-DD`, or `YYYY` for a date known only to its
    /// year (a table row of a `2023年` table).
    pub fn day_or_year(&self) -> Option<String> {
        match (&self.date, self.date_precision) {
            (Some(date), _) => Some(date.clone()),
            (None, Some(Precision::Year)) => self
                .date_text
                .as_deref()
                .map(|t| t.trim_end_matches('年').to_string()),
            _ => None,
        }
    }
}

/// One hit of `search --json` / `--jsonl`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hit {
    pub id: String,
    pub kind: Kind,
    pub score: f64,
    pub title: String,
    #[serde(deserialize_with = "present")]
    pub subtitle: Option<String>,
    #[serde(deserialize_with = "present")]
    pub date: Option<String>,
    #[serde(deserialize_with = "present")]
    pub date_text: Option<String>,
    #[serde(deserialize_with = "present")]
    pub date_precision: Option<Precision>,
    #[serde(deserialize_with = "present")]
    pub date_source: Option<String>,
    #[serde(deserialize_with = "present")]
    pub paper: Option<String>,
    #[serde(deserialize_with = "present")]
    pub source: Option<String>,
    #[serde(deserialize_with = "present")]
    pub region: Option<String>,
    #[serde(deserialize_with = "present")]
    pub region_code: Option<String>,
    #[serde(deserialize_with = "present")]
    pub city: Option<String>,
    #[serde(deserialize_with = "present")]
    pub province: Option<String>,
    pub reporters: Vec<String>,
    pub path: String,
    pub lines: [usize; 2],
    pub snippet: String,
    pub highlights: Vec<[usize; 2]>,
    pub title_highlights: Vec<[usize; 2]>,
    #[serde(deserialize_with = "present")]
    pub reprint_group: Option<String>,
    pub reprints: usize,
    #[serde(deserialize_with = "present")]
    pub fields: Option<BTreeMap<String, String>>,
    #[serde(deserialize_with = "present")]
    pub table_title: Option<String>,
    #[serde(deserialize_with = "present")]
    pub matched_terms: Option<Vec<String>>,
    #[serde(deserialize_with = "present")]
    pub explain: Option<Explain>,
}

/// A hit's `explain` object (`search --explain`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Explain {
    pub score: f64,
    pub bm25: f64,
    pub parts: BTreeMap<String, f64>,
    pub factors: BTreeMap<String, f64>,
    #[serde(deserialize_with = "present")]
    pub as_row: Option<f64>,
    #[serde(deserialize_with = "present")]
    pub words_held: Option<usize>,
}

/// One line of `export`, or `show --json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doc {
    pub id: String,
    pub kind: Kind,
    pub title: String,
    #[serde(deserialize_with = "present")]
    pub subtitle: Option<String>,
    #[serde(deserialize_with = "present")]
    pub date: Option<String>,
    #[serde(deserialize_with = "present")]
    pub date_text: Option<String>,
    #[serde(deserialize_with = "present")]
    pub date_precision: Option<Precision>,
    #[serde(deserialize_with = "present")]
    pub date_source: Option<String>,
    #[serde(deserialize_with = "present")]
    pub paper: Option<String>,
    #[serde(deserialize_with = "present")]
    pub source: Option<String>,
    #[serde(deserialize_with = "present")]
    pub region: Option<String>,
    #[serde(deserialize_with = "present")]
    pub region_code: Option<String>,
    #[serde(deserialize_with = "present")]
    pub city: Option<String>,
    #[serde(deserialize_with = "present")]
    pub province: Option<String>,
    pub reporters: Vec<String>,
    pub path: String,
    pub lines: [usize; 2],
    #[serde(deserialize_with = "present")]
    pub fields: Option<BTreeMap<String, String>>,
    #[serde(deserialize_with = "present")]
    pub table_title: Option<String>,
    pub body: String,
}

/// `index --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub corpus: String,
    pub index: String,
    pub mode: Mode,
    pub files_indexed: usize,
    pub files_added: usize,
    pub files_changed: usize,
    pub files_unchanged: usize,
    pub files_removed: usize,
    pub files_skipped: Vec<Skipped>,
    pub documents: BTreeMap<String, usize>,
    pub warnings: Vec<String>,
    pub seconds: f64,
}

/// `mode` of [`Summary`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Full,
    Incremental,
}

/// A skipped file in [`Summary`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// `stats --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    pub documents: usize,
    pub files: usize,
    pub by_kind: BTreeMap<String, usize>,
    pub by_paper: BTreeMap<String, usize>,
    pub by_province: BTreeMap<String, usize>,
    pub by_city: BTreeMap<String, usize>,
    pub by_region: BTreeMap<String, usize>,
    pub by_year: BTreeMap<String, usize>,
    #[serde(deserialize_with = "present")]
    pub date_span: Option<[String; 2]>,
}

impl Dir {
    /// `search ARGS… --index idx --json`, required to succeed quietly.
    pub fn search(&self, args: &[&str]) -> Results {
        self.command(&["search"])
            .args(args)
            .args(&["--index", "idx", "--json"])
            .json()
    }

    /// Every document of the index `./idx` (`export`).
    pub fn export(&self) -> Vec<Doc> {
        self.export_from("idx")
    }

    /// Every document of the index at `index` (`export`).
    pub fn export_from(&self, index: &str) -> Vec<Doc> {
        self.command(&["export", "--index", index])
            .run()
            .quiet()
            .json_lines()
    }
}

impl TestCommand<'_> {
    /// Adds several `&str` arguments.
    pub fn args(mut self, args: &[&str]) -> Self {
        for arg in args {
            self = self.arg(*arg);
        }
        self
    }
}
