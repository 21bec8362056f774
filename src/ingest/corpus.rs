//! A corpus folder → the files to index with their fingerprints, in a stable order, and the
//! entries skipped with why; a file → its bytes and content hash, read consistently.
//!
//! Regular files named `*.txt`, `*.tsv`, `*.csv` or without an extension are candidates.
//! Hidden entries, sidecars (`*.meta.json`, `baokan.toml`) and the index folder are passed
//! over silently; every other entry that is not
//! a candidate (symlinks, FIFOs and other special files, other extensions, unreadable folders,
//! files over the size limit, names that clash once made UTF-8) is reported as skipped.

use std::collections::HashSet;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::{DirEntry, WalkDir};

use super::meta::sidecar;

/// A file to index.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    pub path: PathBuf,
    /// Path relative to the corpus root, `/`-separated: what document ids are derived from.
    /// Bytes of a name that are not UTF-8 are written `\xNN`.
    pub relative: String,
    /// The corpus folder as given joined with `relative`: the documents' `path`, which a
    /// user can open from where they ran `baokan index`.
    pub shown: String,
    /// Size and modification time when the folder was walked.
    pub stat: Stat,
}

/// The metadata that says whether a file may have changed without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stat {
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: i64,
}

impl Stat {
    /// The size and modification time of `meta`.
    pub fn of(meta: &Metadata) -> Stat {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i64);
        Stat {
            size: meta.len(),
            mtime_ns,
        }
    }
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

/// What to leave out of a walk besides hidden entries.
#[derive(Debug, Clone, Copy)]
pub struct Limits<'a> {
    /// Never descended into.
    pub index_dir: &'a Path,
    /// Larger files are skipped without being read.
    pub max_file_bytes: u64,
}

const TEXT_EXTENSIONS: &[&str] = &["txt", "tsv", "csv"];

/// Walks `root` in file-name order.
pub fn walk(root: &Path, limits: Limits<'_>) -> std::io::Result<Walk> {
    let index_dir = limits.index_dir.canonicalize().ok();
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            let hidden = entry.depth() > 0 && name.starts_with('.');
            let is_index = index_dir.is_some() && entry.path().canonicalize().ok() == index_dir;
            !hidden && !is_index && !sidecar::is_sidecar(&name)
        });
    let mut walk = Walk::default();
    let mut seen = HashSet::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) if err.depth() == 0 => return Err(err.into()),
            Err(err) => {
                let path = err.path().map(|p| relative(root, p)).unwrap_or_default();
                walk.skipped.push(skip(path, format!("unreadable: {err}")));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = relative(root, entry.path());
        match candidate(root, &entry, &rel, limits.max_file_bytes) {
            Ok(file) if !seen.insert(file.relative.clone()) => walk.skipped.push(skip(
                rel,
                "its name, made UTF-8, is the same as another file's".into(),
            )),
            Ok(file) => walk.files.push(file),
            Err(reason) => walk.skipped.push(skip(rel, reason)),
        }
    }
    Ok(walk)
}

/// `entry` as a file to index, or why it is not one.
fn candidate(root: &Path, entry: &DirEntry, rel: &str, max_bytes: u64) -> Result<CorpusFile, String> {
    let kind = entry.file_type();
    if kind.is_symlink() {
        return Err("symlink (not followed)".into());
    }
    if !kind.is_file() {
        return Err(format!("not a regular file ({})", special_kind(entry)));
    }
    let ext = entry
        .path()
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    if let Some(ext) = ext.filter(|e| !TEXT_EXTENSIONS.contains(&e.as_str())) {
        return Err(format!("not a text file (.{ext})"));
    }
    let meta = entry.metadata().map_err(|e| format!("unreadable: {e}"))?;
    if meta.len() > max_bytes {
        return Err(format!(
            "too large ({:.1} MB; the limit is {} MB, see --max-file-mb)",
            meta.len() as f64 / 1e6,
            max_bytes / 1_000_000
        ));
    }
    Ok(CorpusFile {
        path: entry.path().to_path_buf(),
        shown: shown(root, rel),
        relative: rel.to_string(),
        stat: Stat::of(&meta),
    })
}

/// A name for a file type that is neither a folder, a regular file nor a symlink.
fn special_kind(entry: &DirEntry) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = entry.file_type();
        if kind.is_fifo() {
            return "FIFO";
        } else if kind.is_socket() {
            return "socket";
        } else if kind.is_block_device() || kind.is_char_device() {
            return "device";
        }
    }
    let _ = entry;
    "special file"
}

fn skip(path: String, reason: String) -> Skipped {
    Skipped { path, reason }
}

/// The path documents of the file at corpus-relative `rel` show: `root` as given, joined.
pub fn shown(root: &Path, rel: &str) -> String {
    format!("{}/{rel}", root.display().to_string().trim_end_matches('/'))
}

/// `path` relative to `root`, `/`-separated; name bytes that are not UTF-8 become `\xNN`.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel.components().map(|c| utf8_name(c.as_os_str())).collect();
    parts.join("/")
}

#[cfg(unix)]
fn utf8_name(name: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}

#[cfg(not(unix))]
fn utf8_name(name: &std::ffi::OsStr) -> String {
    name.to_string_lossy().into_owned()
}

/// A file's bytes as read, and whether they can be trusted to match `stat`.
#[derive(Debug)]
pub struct Contents {
    pub bytes: Vec<u8>,
    /// Size and modification time just before the bytes were read.
    pub stat: Stat,
    pub hash: u64,
    /// The file kept changing while it was read (after a few tries).
    pub unsteady: bool,
}

/// Tries before settling for bytes of a file that keeps changing.
const READ_TRIES: usize = 3;

/// Reads `path`, again when its size or modification time moved during the read.
pub fn read(path: &Path) -> std::io::Result<Contents> {
    let mut tries = 0;
    loop {
        tries += 1;
        let before = Stat::of(&std::fs::metadata(path)?);
        let bytes = std::fs::read(path)?;
        let after = Stat::of(&std::fs::metadata(path)?);
        let steady = before == after && bytes.len() as u64 == after.size;
        if steady || tries == READ_TRIES {
            return Ok(Contents {
                hash: content_hash(&bytes),
                bytes,
                stat: before,
                unsteady: !steady,
            });
        }
    }
}

/// FNV-1a over the bytes: stable across runs, platforms and Rust versions.
pub fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(index_dir: &Path) -> Limits<'_> {
        Limits {
            index_dir,
            max_file_bytes: 1_000,
        }
    }

    #[test]
    fn walk_lists_candidates_and_skips_with_reasons() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "甲").unwrap();
        std::fs::write(root.join("b"), "乙").unwrap();
        std::fs::write(root.join("c.pdf"), "%PDF").unwrap();
        std::fs::write(root.join("big.txt"), vec![b'x'; 2_000]).unwrap();
        std::fs::write(root.join(".hidden.txt"), "隐").unwrap();
        let walk = walk(root, limits(&root.join("idx"))).unwrap();
        let files: Vec<&str> = walk.files.iter().map(|f| f.relative.as_str()).collect();
        assert_eq!(files, ["a.txt", "b"]);
        assert_eq!(walk.files[0].stat.size, 3);
        assert!(walk.files[0].shown.ends_with("/a.txt"));
        let skipped: Vec<(&str, &str)> = walk
            .skipped
            .iter()
            .map(|s| (s.path.as_str(), s.reason.as_str()))
            .collect();
        assert_eq!(
            skipped,
            [
                (
                    "big.txt",
                    "too large (0.0 MB; the limit is 0 MB, see --max-file-mb)"
                ),
                ("c.pdf", "not a text file (.pdf)"),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_escaped_and_clashes_skipped() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let raw = std::ffi::OsStr::from_bytes(b"p\xff.txt");
        std::fs::write(root.join(raw), "甲").unwrap();
        std::fs::write(root.join("p\\xFF.txt"), "乙").unwrap();
        let walk = walk(root, limits(&root.join("idx"))).unwrap();
        assert_eq!(walk.files.len(), 1);
        assert_eq!(walk.files[0].relative, "p\\xFF.txt");
        assert_eq!(walk.skipped.len(), 1);
        assert!(walk.skipped[0].reason.contains("same as another"));
    }

    #[test]
    fn read_returns_bytes_hash_and_stat() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "城管").unwrap();
        let contents = read(&path).unwrap();
        assert_eq!(contents.bytes, "城管".as_bytes());
        assert_eq!(contents.stat.size, 6);
        assert!(!contents.unsteady);
        assert_eq!(contents.hash, content_hash("城管".as_bytes()));
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
    }
}
