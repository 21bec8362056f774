//! What a generation was built from: one fingerprint per corpus file (path, size, mtime,
//! content hash, sidecar hash) and what came of it. Goes in and out of `gen-*/baokan-files.json`.
//!
//! The next `index` run compares the corpus with it: a file whose size and mtime are unchanged
//! is not read again (its documents, warnings or skip reason are carried over), unless it was
//! modified so close to the previous run that the mtime alone cannot be trusted.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use super::disk::write_durably;
use crate::ingest::corpus::Stat;

const FILE: &str = "baokan-files.json";

/// Modifications within this many nanoseconds before a run's start are re-checked by content:
/// file timestamps come from a coarse clock, and a write in the same tick as the previous
/// scan leaves the mtime unchanged.
const RACY_NS: i64 = 2_000_000_000;

/// The file list of one generation.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// When the run that built the generation started walking the corpus (ns since the epoch).
    pub scanned_at_ns: i64,
    /// Corpus-relative path → what was found there.
    pub files: BTreeMap<String, Entry>,
}

/// One corpus file as last indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub size: u64,
    pub mtime_ns: i64,
    /// The content hash of the bytes (FNV-1a), hex.
    pub hash: String,
    /// Hash of what the file's sidecars stated (see `indexer`), hex.
    pub sidecars: String,
    pub outcome: Outcome,
}

/// What indexing a file gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Its documents are in the index: counts by kind, and what the split warned about.
    Indexed {
        documents: BTreeMap<String, usize>,
        warnings: Vec<String>,
    },
    /// Not indexed, and why.
    Skipped { reason: String },
}

impl Manifest {
    /// Reads the manifest of the generation folder `generation`.
    pub fn load(generation: &Path) -> anyhow::Result<Manifest> {
        let path = generation.join(FILE);
        let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        serde_json::from_slice(&bytes).with_context(|| format!("{} is damaged", path.display()))
    }

    /// Writes it into `generation`, replacing any previous one atomically and durably.
    pub fn save(&self, generation: &Path) -> anyhow::Result<()> {
        let path = generation.join(FILE);
        let tmp = generation.join(format!("{FILE}.tmp"));
        write_durably(&tmp, &serde_json::to_vec(self)?)?;
        std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))
    }

    /// The entry for `path` when the file can be taken as unchanged from `stat` alone.
    pub fn unchanged(&self, path: &str, stat: Stat) -> Option<&Entry> {
        let entry = self.files.get(path)?;
        let same = entry.size == stat.size && entry.mtime_ns == stat.mtime_ns;
        let racy = stat.mtime_ns >= self.scanned_at_ns - RACY_NS;
        (same && !racy).then_some(entry)
    }
}

/// A content hash as stored.
pub fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// Whether `name` is a file the manifest owns in a generation folder (not tantivy's).
pub fn is_manifest_file(name: &str) -> bool {
    name.starts_with(FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(size: u64, mtime_ns: i64) -> Entry {
        Entry {
            size,
            mtime_ns,
            hash: hex(7),
            sidecars: hex(0),
            outcome: Outcome::Skipped {
                reason: "binary".into(),
            },
        }
    }

    #[test]
    fn unchanged_needs_same_metadata_and_an_old_enough_mtime() {
        let second = 1_000_000_000;
        let manifest = Manifest {
            scanned_at_ns: 100 * second,
            files: BTreeMap::from([
                ("old.txt".to_string(), entry(10, 50 * second)),
                ("recent.txt".to_string(), entry(10, 99 * second)),
            ]),
        };
        let stat = |size, mtime_ns| Stat { size, mtime_ns };
        assert!(manifest.unchanged("old.txt", stat(10, 50 * second)).is_some());
        assert!(manifest.unchanged("old.txt", stat(11, 50 * second)).is_none());
        assert!(manifest.unchanged("old.txt", stat(10, 51 * second)).is_none());
        assert!(manifest.unchanged("recent.txt", stat(10, 99 * second)).is_none());
        assert!(manifest.unchanged("new.txt", stat(10, 50 * second)).is_none());
    }

    #[test]
    fn saves_and_loads() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = Manifest {
            scanned_at_ns: 5,
            files: BTreeMap::from([("a.txt".to_string(), entry(1, 2))]),
        };
        manifest.save(dir.path()).unwrap();
        let loaded = Manifest::load(dir.path()).unwrap();
        assert_eq!(loaded.scanned_at_ns, 5);
        assert_eq!(loaded.files, manifest.files);
        std::fs::write(dir.path().join(FILE), "{").unwrap();
        assert!(Manifest::load(dir.path()).is_err());
    }
}
