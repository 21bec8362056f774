//! OS-level file locks on an index folder: one writer at a time, and leases that keep a
//! generation from being removed while a search reads it.
//!
//! `DIR/baokan-index.lock` is held exclusively by the `index` run that writes; it holds that
//! run's process id for the message the next one prints. `DIR/gen-*.lease` is held shared by
//! every process reading that generation, exclusively by the writer removing it. The OS drops
//! every lock when its process ends, killed or not, so a lock never outlives its holder.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

const WRITER_LOCK: &str = "baokan-index.lock";
const LEASE_SUFFIX: &str = ".lease";

/// The right to write the index folder; released when dropped (or the process ends).
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// Takes the writer lock of `dir` (created if needed), or says who holds it.
pub fn writer(dir: &Path) -> anyhow::Result<WriterLock> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create index folder {}", dir.display()))?;
    let path = dir.join(WRITER_LOCK);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            bail!(
                "another `baokan index` (process {}) is updating {}; wait for it to finish, then run again",
                holder.trim(),
                dir.display()
            );
        }
        Err(TryLockError::Error(err)) => {
            return Err(err).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
    file.set_len(0)?;
    file.rewind()?;
    write!(file, "{}", std::process::id())?;
    Ok(WriterLock { _file: file })
}

/// A shared hold on one generation: it is not removed while this lives.
#[derive(Debug)]
pub struct Lease {
    _file: File,
}

/// The lease file of generation `name` in `dir`.
pub fn lease_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}{LEASE_SUFFIX}"))
}

/// The generation a lease file belongs to, when `file_name` is one.
pub fn leased_generation(file_name: &str) -> Option<&str> {
    file_name.strip_suffix(LEASE_SUFFIX)
}

/// Takes a shared lease on generation `name`, waiting while a writer is removing it. The
/// caller must check afterwards that the generation still exists.
pub fn lease(dir: &Path, name: &str) -> std::io::Result<Lease> {
    let file = lease_file(dir, name)?;
    file.lock_shared()?;
    Ok(Lease { _file: file })
}

/// Runs `remove` for generation `name` unless a reader holds a lease on it; then removes the
/// lease file. Returns whether it was removed.
pub fn remove_unleased(dir: &Path, name: &str, remove: impl FnOnce()) -> bool {
    let Ok(file) = lease_file(dir, name) else {
        return false;
    };
    if file.try_lock().is_err() {
        return false;
    }
    remove();
    let _ = std::fs::remove_file(lease_path(dir, name));
    true
}

fn lease_file(dir: &Path, name: &str) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lease_path(dir, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_writer_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let first = writer(dir.path()).unwrap();
        let err = writer(dir.path()).unwrap_err().to_string();
        assert!(err.contains(&std::process::id().to_string()), "{err}");
        assert!(err.contains("wait for it"), "{err}");
        drop(first);
        writer(dir.path()).unwrap();
    }

    #[test]
    fn a_leased_generation_is_not_removed() {
        let dir = tempfile::tempdir().unwrap();
        let held = lease(dir.path(), "gen-1").unwrap();
        assert!(!remove_unleased(dir.path(), "gen-1", || {}));
        drop(held);
        let mut removed = false;
        assert!(remove_unleased(dir.path(), "gen-1", || removed = true));
        assert!(removed);
        assert!(!lease_path(dir.path(), "gen-1").exists());
        assert_eq!(leased_generation("gen-1.lease"), Some("gen-1"));
    }
}
