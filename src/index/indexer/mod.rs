//! A corpus folder → an up-to-date index generation, swapped in when complete.
//!
//! Under the index's writer lock: walk the corpus, compare each file with the current
//! generation's manifest, and write only what changed (`update`). A full build (first build,
//! `--rebuild`, or a previous index that cannot be reused) fills an empty generation; an
//! incremental update fills a hard-linked copy of the current one, deleting the documents of
//! changed and removed files and adding those of new and changed ones. Worker threads read and
//! ingest the files a batch ahead of the writer (`workers`). Either way the new generation is
//! published by `store` only once committed, so a killed run leaves the previous index as it
//! was. When nothing changed no generation is written at all. The summary says what happened
//! to every file.

mod update;
mod workers;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

use super::{lock, store};
use crate::ingest::corpus::{self, Limits};
use update::Update;

/// Memory the tantivy writer may use, shared by its threads. Larger segments repeat less of
/// the term dictionaries: 300 MB makes the index of the 100 MB generated corpus 1.16× the
/// corpus instead of 1.19× with 200 MB, and a 1 GB build peaks at about 710 MB of memory.
pub(super) const WRITER_MEMORY: usize = 300_000_000;

/// Segments of more documents than this are never merged. A full build flushes segments of
/// about 28,000 documents each (what fits the writer's memory), which thus stay as written:
/// merging them would re-read and re-write the whole index at the end of every build (about
/// 40% of the time of a 1 GB build, and as much memory again in mapped pages). Small segments
/// of incremental updates still merge with each other.
const MERGE_MAX_DOCS: usize = 10_000;

/// Threads reading and splitting files beside the writer's own, at most.
const MAX_WORKERS: usize = 8;

/// A batch of files read at once holds at most this many files and about this many bytes:
/// enough to keep every worker busy, little enough to bound the memory a batch takes.
const BATCH_FILES: usize = 256;
const BATCH_BYTES: u64 = 64_000_000;

/// Files larger than this many megabytes are skipped unless `--max-file-mb` says otherwise.
pub const DEFAULT_MAX_FILE_MB: u64 = 16;
/// What to index, where, and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// The index folder.
    pub index: PathBuf,
    /// Build from scratch even when the current index could be updated.
    pub rebuild: bool,
    /// Larger files are skipped without being read.
    pub max_file_bytes: u64,
}

impl Options {
    /// Defaults: incremental, the default size limit.
    pub fn new(corpus: &Path, index: &Path) -> Options {
        Options {
            corpus: corpus.to_path_buf(),
            index: index.to_path_buf(),
            rebuild: false,
            max_file_bytes: DEFAULT_MAX_FILE_MB * 1_000_000,
        }
    }
}

/// How the index was brought up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Every file read into an empty generation; every file counts as added.
    Full,
    /// Only new and changed files read; the rest carried over from the previous index.
    Incremental,
}

/// What a run did.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// The corpus folder, as given.
    pub corpus: String,
    /// The index folder, as given.
    pub index: String,
    /// Full build or incremental update.
    pub mode: Mode,
    /// Files whose documents are in the index now.
    pub files_indexed: usize,
    /// Files not in the previous index (all of them in a full build).
    pub files_added: usize,
    /// Files whose content changed since the previous index.
    pub files_changed: usize,
    /// Files whose content did not change (read again only when their metadata moved).
    pub files_unchanged: usize,
    /// Files of the previous index that are gone from the corpus (or now skipped by the walk).
    pub files_removed: usize,
    /// Every corpus entry not indexed, sorted by path.
    pub files_skipped: Vec<SkippedFile>,
    /// Documents in the index now, by kind.
    pub documents: BTreeMap<String, usize>,
    /// What the user should hear about: odd rows, ignored sidecars, replaced bytes, rebuilds.
    pub warnings: Vec<String>,
    /// How long the run took.
    pub seconds: f64,
}

/// A skipped file in the summary.
#[derive(Debug, Serialize)]
pub struct SkippedFile {
    /// Corpus-relative path.
    pub path: String,
    /// Why it was not indexed.
    pub reason: String,
}

/// What a run reports as it reads files, for a progress bar; every method does nothing unless
/// implemented.
pub trait Progress {
    /// Reading starts: `files` files of `bytes` bytes in all are to be read.
    fn start(&mut self, files: usize, bytes: u64) {
        let _ = (files, bytes);
    }
    /// One more file, of `bytes` bytes, is done.
    fn file_done(&mut self, bytes: u64) {
        let _ = bytes;
    }
    /// Reading is over.
    fn finish(&mut self) {}
}

/// No progress to show.
impl Progress for () {}

/// Brings the index in `index_dir` up to date with `corpus`, with default options and no
/// progress shown.
pub fn build(corpus: &Path, index_dir: &Path) -> anyhow::Result<Summary> {
    run(&Options::new(corpus, index_dir), &mut ())
}

/// Brings the index up to date as `options` say, telling `progress` about the files read.
pub fn run(options: &Options, progress: &mut dyn Progress) -> anyhow::Result<Summary> {
    let started = Instant::now();
    check_corpus(&options.corpus)?;
    let _lock = lock::writer(&options.index)?;
    if let Ok(pointer) = store::pointer(&options.index) {
        store::remove_stale(&options.index, Some(&pointer.generation));
    }
    let corpus_name = options.corpus.display().to_string();
    let scanned_at_ns = now_ns();
    let limits = Limits {
        index_dir: &options.index,
        max_file_bytes: options.max_file_bytes,
    };
    let walk = corpus::walk(&options.corpus, limits)
        .with_context(|| format!("cannot read corpus {}", options.corpus.display()))?;
    let (base, note) = update::base(options, &corpus_name);
    let mut update = Update::new(options, base, scanned_at_ns)?;
    update.warnings.extend(note);
    update
        .skipped
        .extend(walk.skipped.into_iter().map(|s| SkippedFile {
            path: s.path,
            reason: s.reason,
        }));
    update.files(&walk.files, progress)?;
    update.remove_missing(&walk.files, &corpus_name)?;
    let mut summary = update.finish(&corpus_name)?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn check_corpus(corpus: &Path) -> anyhow::Result<()> {
    if corpus.is_file() {
        anyhow::bail!(
            "{} is a file; give the folder that holds the pages",
            corpus.display()
        );
    }
    if !corpus.is_dir() {
        anyhow::bail!(
            "corpus folder {} does not exist; give the folder that holds the pages",
            corpus.display()
        );
    }
    Ok(())
}

fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64)
}
