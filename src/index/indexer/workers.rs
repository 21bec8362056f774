//! Files to read → what each holds, computed on worker threads a batch ahead of the writer.
//!
//! A worker reads a file (again when it moved while being read) and compares its content
//! hash and what its sidecars state with the previous index's entry; only when they differ
//! does it ingest the file and encode its documents for the index. Batches are bounded in
//! files and bytes, and the writer takes their results in corpus order, so the index is the
//! same whatever the timing.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{BATCH_BYTES, BATCH_FILES, MAX_WORKERS};
use crate::document::Document;
use crate::index::codec::Encoded;
use crate::index::manifest::{self, Entry, Outcome};
use crate::ingest::corpus::{self, Contents, CorpusFile};
use crate::ingest::{self, Source};

/// The key of what `source`'s sidecars state, as the manifest records it: a file whose
/// sidecars changed is indexed again even when its own bytes did not.
pub(super) fn sidecars_key(source: &Source) -> String {
    manifest::hex(source.sidecars_hash())
}

/// What a worker made of one file.
pub(super) enum Prepared {
    /// It could not be read (the reason): its documents go, and it is not recorded.
    Unreadable(String),
    /// Its content is what the previous index holds: that entry, with the new size and mtime.
    Same(Entry),
    /// New or changed content: the entry to record and the documents to add.
    Changed { entry: Entry, documents: Vec<Encoded> },
}

/// A file to read, what its sidecars say (and their key), and its entry in the previous index.
pub(super) struct ToRead<'a> {
    pub(super) file: &'a CorpusFile,
    pub(super) source: Source,
    pub(super) sidecars: String,
    pub(super) previous: Option<Entry>,
}

impl ToRead<'_> {
    /// Reads the file and, when its content (or what its sidecars say) differs from the
    /// previous index's, ingests it and encodes its documents: the part of indexing done by
    /// worker threads.
    fn prepare(&self) -> Prepared {
        let contents = match corpus::read(&self.file.path) {
            Ok(contents) => contents,
            Err(err) => return Prepared::Unreadable(format!("unreadable: {err}")),
        };
        let hash = manifest::hex(contents.hash);
        let same = |p: &&Entry| p.hash == hash && p.sidecars == self.sidecars;
        if let Some(previous) = self.previous.as_ref().filter(same) {
            return Prepared::Same(Entry {
                size: contents.stat.size,
                mtime_ns: contents.stat.mtime_ns,
                ..previous.clone()
            });
        }
        let (outcome, documents) = ingested(&self.source, &contents);
        let entry = Entry {
            size: contents.stat.size,
            mtime_ns: contents.stat.mtime_ns,
            hash,
            sidecars: self.sidecars.clone(),
            outcome,
        };
        Prepared::Changed {
            entry,
            documents: documents.iter().map(Encoded::of).collect(),
        }
    }
}

/// Prepares every file of `to_read` on worker threads, a batch ahead, and hands the results
/// to `apply` in `to_read`'s order; stops at `apply`'s first error.
pub(super) fn read_ahead(
    to_read: &[ToRead],
    mut apply: impl FnMut(&ToRead, Prepared) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_WORKERS));
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            for batch in batches(to_read) {
                let prepared = parallel_map(batch, workers, ToRead::prepare);
                if sender.send(batch.iter().zip(prepared)).is_err() {
                    return; // the writer stopped on an error
                }
            }
        });
        for batch in receiver {
            for (read, prepared) in batch {
                apply(read, prepared)?;
            }
        }
        Ok(())
    })
}

/// `to_read` cut into batches of at most [`BATCH_FILES`] files and about [`BATCH_BYTES`].
fn batches<'a, 'f>(to_read: &'a [ToRead<'f>]) -> impl Iterator<Item = &'a [ToRead<'f>]> {
    let mut rest = to_read;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut bytes = 0;
        let mut len = 0;
        while len < rest.len() && len < BATCH_FILES && (len == 0 || bytes < BATCH_BYTES) {
            bytes += rest[len].file.stat.size;
            len += 1;
        }
        let (batch, tail) = rest.split_at(len);
        rest = tail;
        Some(batch)
    })
}

/// `f` of every item, computed on `workers` threads, in the items' order.
fn parallel_map<T: Sync, R: Send>(items: &[T], workers: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut results: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.min(items.len())).map(|_| scope.spawn(work)).collect();
        for handle in handles {
            let done = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, result) in done {
                results[i] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.expect("every item is taken by a worker"))
        .collect()
}

/// Ingests `contents`: the outcome to record and the documents to add.
fn ingested(source: &Source, contents: &Contents) -> (Outcome, Vec<Document>) {
    let ingested = match ingest::ingest(source, &contents.bytes) {
        Ok(ingested) => ingested,
        Err(not_text) => {
            let reason = not_text.to_string();
            return (Outcome::Skipped { reason }, Vec::new());
        }
    };
    let mut warnings = ingested.warnings;
    if contents.unsteady {
        warnings.push(format!(
            "{}: changed while being read; indexed as last read, checked again by the next run",
            source.shown
        ));
    }
    let mut documents = BTreeMap::new();
    for document in &ingested.documents {
        *documents.entry(document.kind.as_str().to_string()).or_default() += 1;
    }
    let outcome = Outcome::Indexed { documents, warnings };
    (outcome, ingested.documents)
}
