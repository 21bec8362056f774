//! An index folder on disk: which tantivy generation is current, its format, opening it for
//! reading, and making, copying, publishing and removing generations.
//!
//! Layout: `DIR/baokan-index.json` names the current generation `DIR/gen-*/` (a tantivy
//! index plus `baokan-files.json`, see `manifest`) and the format version. A build writes a new
//! generation beside the old one and swaps the pointer file by rename at the end, so a failed
//! or killed build never touches the index searches use. Readers hold a lease on the
//! generation they read (see `lock`); generations that are neither current nor leased, and
//! temporary files, are removed by the next writer.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher};

use super::disk::{sync_dir, write_durably};
use super::lock::{self, Lease};
use super::manifest;
use super::reprints::{self, Reprints};
use super::schema::{self, Fields, FORMAT_VERSION};
use crate::analysis;

const POINTER: &str = "baokan-index.json";
const GENERATION_PREFIX: &str = "gen-";
/// Times a reader re-reads the pointer when the generation it named was removed meanwhile.
const OPEN_TRIES: usize = 5;

/// The pointer file's contents.
#[derive(Debug, Serialize, Deserialize)]
pub struct Pointer {
    /// The format version the index was written in.
    pub format: u32,
    /// The folder name of the current generation.
    pub generation: String,
    /// The corpus the index was built from, as given.
    pub corpus: String,
}

impl Pointer {
    /// Whether the index is in the format this baokan reads and writes.
    pub fn current(&self) -> bool {
        self.format == FORMAT_VERSION
    }
}

/// An opened index generation: its fields and a reader, leased for as long as it lives.
pub struct Store {
    /// The schema's field handles.
    pub(crate) fields: Fields,
    /// A reader opened (and so checked) with the index; searches take searchers from it.
    reader: IndexReader,
    /// Keeps the generation from being removed while this store lives.
    _lease: Lease,
    /// The generation's folder.
    path: PathBuf,
    /// Its groups of reprints, read when first asked for.
    reprints: OnceLock<Reprints>,
}

impl Store {
    /// A searcher over the generation, which never changes while the store lives.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The generation's groups of reprints, read from beside it on first use.
    pub fn reprints(&self) -> anyhow::Result<&Reprints> {
        if let Some(loaded) = self.reprints.get() {
            return Ok(loaded);
        }
        let loaded = Reprints::load(&self.path)?;
        Ok(self.reprints.get_or_init(|| loaded))
    }
}

/// Whether `dir` holds an index (of any version).
pub fn exists(dir: &Path) -> bool {
    dir.join(POINTER).is_file()
}

/// Opens the current generation of the index in `dir`, leased for as long as the store lives.
pub fn open(dir: &Path) -> anyhow::Result<Store> {
    let mut tries = 0;
    loop {
        tries += 1;
        let pointer = pointer(dir)?;
        let lease = lock::lease(dir, &pointer.generation)
            .with_context(|| format!("cannot lease the index generation in {}", dir.display()))?;
        let generation = dir.join(&pointer.generation);
        // A writer may have swapped the pointer and removed this generation meanwhile.
        if !generation.join("meta.json").is_file()
            && tries < OPEN_TRIES
            && self::pointer(dir)?.generation != pointer.generation
        {
            continue;
        }
        let (_, fields, reader) = open_generation(&generation).with_context(|| damaged(dir))?;
        return Ok(Store {
            fields,
            reader,
            _lease: lease,
            path: generation,
            reprints: OnceLock::new(),
        });
    }
}

/// Reads and checks the pointer file of `dir`.
pub fn pointer(dir: &Path) -> anyhow::Result<Pointer> {
    let pointer = recorded(dir)?;
    if !pointer.current() {
        bail!(
            "the index at {} has format {}, this baokan reads format {}; rebuild it with `baokan index {} --index {}`",
            dir.display(),
            pointer.format,
            FORMAT_VERSION,
            pointer.corpus,
            dir.display()
        );
    }
    Ok(pointer)
}

/// The pointer file of `dir`, of any format.
pub fn recorded(dir: &Path) -> anyhow::Result<Pointer> {
    let pointer_path = dir.join(POINTER);
    if !pointer_path.is_file() {
        bail!(
            "no index at {}; build one with `baokan index CORPUS --index {}`",
            dir.display(),
            dir.display()
        );
    }
    std::fs::read(&pointer_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .with_context(|| {
            format!(
                "{} is unreadable; rebuild it with `baokan index CORPUS --index {} --rebuild`",
                pointer_path.display(),
                dir.display()
            )
        })
}

/// Opens the tantivy index in `path` with tokenizers registered, its fields and a reader.
pub fn open_generation(path: &Path) -> anyhow::Result<(Index, Fields, IndexReader)> {
    let index = Index::open_in_dir(path)?;
    analysis::register(&index);
    let fields = schema::fields(&index.schema()).context("unknown schema")?;
    // A generation never changes once published: no reload, no watcher thread.
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok((index, fields, reader))
}

fn damaged(dir: &Path) -> String {
    format!(
        "the index at {} is damaged; rebuild with `baokan index --rebuild`",
        dir.display()
    )
}

/// A generation being built, not yet visible to searches.
pub struct Generation {
    /// Its folder name.
    pub name: String,
    /// Its folder.
    pub path: PathBuf,
}

/// Creates a fresh, empty generation folder in `dir`.
pub fn new_generation(dir: &Path) -> anyhow::Result<Generation> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create index folder {}", dir.display()))?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let name = format!("{GENERATION_PREFIX}{stamp}-{}", std::process::id());
    let path = dir.join(&name);
    std::fs::create_dir(&path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(Generation { name, path })
}

/// Fills the empty generation `to` with the tantivy files of generation folder `from`: hard
/// links where the file system allows, copies elsewhere. tantivy never changes a file once
/// written (it writes new ones and renames `meta.json` into place), so the two generations
/// can share files. Lock files and the manifest are not carried over.
pub fn copy_generation(from: &Path, to: &Generation) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // The manifest and the reprints are written anew (never through a hard link).
        if name.starts_with(".tantivy")
            || manifest::is_manifest_file(&name)
            || name.starts_with(reprints::FILE)
            || !entry.file_type()?.is_file()
        {
            continue;
        }
        let target = to.path.join(&name);
        if std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {} into the new index", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Makes `generation` the current one (atomic, durable rename of the pointer file), then
/// removes the generations no reader holds.
pub fn publish(dir: &Path, generation: &Generation, corpus: &str) -> anyhow::Result<()> {
    let pointer = Pointer {
        format: FORMAT_VERSION,
        generation: generation.name.clone(),
        corpus: corpus.to_string(),
    };
    let tmp = dir.join(format!("{POINTER}.{}.tmp", std::process::id()));
    write_durably(&tmp, &serde_json::to_vec_pretty(&pointer)?)?;
    std::fs::rename(&tmp, dir.join(POINTER)).context("cannot swap in the new index")?;
    sync_dir(dir);
    remove_stale(dir, Some(&generation.name));
    Ok(())
}

/// Removes generations other than `keep` that no reader holds, their lease files, and
/// temporary files (best effort: what is in use stays for a later run).
pub fn remove_stale(dir: &Path, keep: Option<&str>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let generation = lock::leased_generation(&name).unwrap_or(&name);
        if generation.starts_with(GENERATION_PREFIX) && Some(generation) != keep {
            let path = dir.join(generation);
            lock::remove_unleased(dir, generation, || {
                let _ = std::fs::remove_dir_all(&path);
            });
        } else if name.starts_with(POINTER) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
