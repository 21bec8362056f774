//! A corpus folder → the files to index, in a stable order, and the ones skipped with why.
//!
//! Regular files named `*.txt`, `*.tsv`, `*.csv` or without an extension are candidates.
//! Hidden entries, sidecars (`*.meta.json`, `baokan.toml`) and the index folder are passed
//! over silently; symlinks and other
//! extensions are reported as skipped.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::meta::sidecar;

/// A file to index.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    pub path: PathBuf,
    /// Path relative to the corpus root, `/`-separated: what document ids are derived from.
    pub relative: String,
    /// The corpus folder as given joined with `relative`: the documents' `path`, which a
    /// user can open from where they ran `baokan index`.
    pub shown: String,
}

/// A file that was not indexed and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// The result of walking a corpus.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<CorpusFile>,
    pub skipped: Vec<Skipped>,
}

const TEXT_EXTENSIONS: &[&str] = &["txt", "tsv", "csv"];

/// Walks `root`, never descending into `index_dir`.
pub fn walk(root: &Path, index_dir: &Path) -> std::io::Result<Walk> {
    let index_dir = index_dir.canonicalize().ok();
    let mut walk = Walk::default();
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    let walker = walker.filter_entry(|entry| {
        let name = entry.file_name().to_string_lossy();
        let hidden = entry.depth() > 0 && name.starts_with('.');
        let is_index = index_dir.is_some() && entry.path().canonicalize().ok() == index_dir;
        !hidden && !is_index && !sidecar::is_sidecar(&name)
    });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) if err.depth() == 0 => return Err(err.into()),
            Err(err) => {
                let path = err.path().map(|p| relative(root, p)).unwrap_or_default();
                walk.skipped.push(Skipped {
                    path,
                    reason: format!("unreadable: {err}"),
                });
                continue;
            }
        };
        let rel = relative(root, entry.path());
        if entry.path_is_symlink() {
            walk.skipped.push(Skipped {
                path: rel,
                reason: "symlink (not followed)".into(),
            });
        } else if entry.file_type().is_file() {
            match entry
                .path()
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
            {
                Some(ext) if !TEXT_EXTENSIONS.contains(&ext.as_str()) => walk.skipped.push(Skipped {
                    path: rel,
                    reason: format!("not a text file (.{ext})"),
                }),
                _ => walk.files.push(CorpusFile {
                    path: entry.into_path(),
                    shown: format!("{}/{rel}", root.display().to_string().trim_end_matches('/')),
                    relative: rel,
                }),
            }
        }
    }
    Ok(walk)
}

/// `path` relative to `root`, `/`-separated, lossy for names that are not UTF-8.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}
