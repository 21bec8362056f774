//! Bytes → a file that survives a crash: written, flushed to disk, and renames in its folder
//! flushed too. Used for the pointer file (`store`) and the file list (`manifest`).

use std::path::Path;

use anyhow::Context;

/// Writes `bytes` to `path` and flushes them to disk.
pub(super) fn write_durably(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let write = || -> std::io::Result<()> {
        let file = std::fs::File::create(path)?;
        std::io::Write::write_all(&mut &file, bytes)?;
        file.sync_all()
    };
    write().with_context(|| format!("cannot write {}", path.display()))
}

/// Flushes a folder's entries (the renames in it) to disk, where the platform allows.
pub(super) fn sync_dir(dir: &Path) {
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
}
