//! An index folder on disk: which tantivy generation is current, its format, and opening it.
//!
//! Layout: `DIR/baokan-index.json` names the current generation `DIR/gen-*/` (a tantivy
//! index) and the format version. A build writes a new generation beside the old one and
//! swaps the pointer file by rename at the end, so a failed or killed build never touches
//! the index searches use; leftover generations are removed by the next build.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};
use tantivy::Index;

use crate::analysis;
use crate::schema::{self, Fields, FORMAT_VERSION};

const POINTER: &str = "baokan-index.json";

/// The pointer file's contents.
#[derive(Debug, Serialize, Deserialize)]
pub struct Pointer {
    pub format: u32,
    pub generation: String,
    /// The corpus the index was built from, as given.
    pub corpus: String,
}

/// An opened index with its schema fields.
pub struct Store {
    pub index: Index,
    pub fields: Fields,
    pub pointer: Pointer,
}

/// Whether `dir` holds an index (of any version).
pub fn exists(dir: &Path) -> bool {
    dir.join(POINTER).is_file()
}

/// Opens the current generation of the index in `dir`.
pub fn open(dir: &Path) -> anyhow::Result<Store> {
    let pointer_path = dir.join(POINTER);
    if !pointer_path.is_file() {
        bail!(
            "no index at {}; build one with `baokan index CORPUS --index {}`",
            dir.display(),
            dir.display()
        );
    }
    let pointer: Pointer = std::fs::read(&pointer_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .with_context(|| {
            format!(
                "{} is unreadable; rebuild with `baokan index --rebuild`",
                pointer_path.display()
            )
        })?;
    if pointer.format != FORMAT_VERSION {
        bail!(
            "the index at {} has format {}, this baokan reads format {}; rebuild with `baokan index --rebuild`",
            dir.display(),
            pointer.format,
            FORMAT_VERSION
        );
    }
    let index = Index::open_in_dir(dir.join(&pointer.generation)).with_context(|| {
        format!(
            "the index at {} is damaged; rebuild with `baokan index --rebuild`",
            dir.display()
        )
    })?;
    analysis::register(&index);
    let fields = schema::fields(&index.schema()).with_context(|| {
        format!(
            "the index at {} has an unknown schema; rebuild with `baokan index --rebuild`",
            dir.display()
        )
    })?;
    Ok(Store {
        index,
        fields,
        pointer,
    })
}

/// A generation being built, not yet visible to searches.
pub struct Generation {
    pub name: String,
    pub path: PathBuf,
}

/// Creates a fresh, empty generation folder in `dir`.
pub fn new_generation(dir: &Path) -> anyhow::Result<Generation> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create index folder {}", dir.display()))?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let name = format!("gen-{stamp}-{}", std::process::id());
    let path = dir.join(&name);
    std::fs::create_dir(&path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(Generation { name, path })
}

/// Makes `generation` the current one (atomic rename of the pointer file), then removes
/// every other generation.
pub fn publish(dir: &Path, generation: &Generation, corpus: &str) -> anyhow::Result<()> {
    let pointer = Pointer {
        format: FORMAT_VERSION,
        generation: generation.name.clone(),
        corpus: corpus.to_string(),
    };
    let tmp = dir.join(format!("{POINTER}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, serde_json::to_vec_pretty(&pointer)?)
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, dir.join(POINTER)).context("cannot swap in the new index")?;
    remove_stale(dir, &generation.name);
    Ok(())
}

/// Removes generations and temporary files other than `keep` (best effort).
fn remove_stale(dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("gen-") && name != keep {
            let _ = std::fs::remove_dir_all(entry.path());
        } else if name.starts_with(POINTER) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
