//! A corpus folder → an up-to-date index generation, swapped in when complete.
//!
//! Under the index's writer lock: walk the corpus, compare each file with the current
//! generation's manifest, and write only what changed. A full build (first build, `--rebuild`,
//! or a previous index that cannot be reused) fills an empty generation; an incremental update
//! fills a hard-linked copy of the current one, deleting the documents of changed and removed
//! files and adding those of new and changed ones. Either way the new generation is published
//! by `store` only once committed, so a killed run leaves the previous index as it was. When
//! nothing changed no generation is written at all. The summary says what happened to every
//! file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;
use tantivy::merge_policy::LogMergePolicy;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use crate::analysis::{self, normalize_str};
use crate::corpus::{self, Contents, CorpusFile, Limits};
use crate::document::Document;
use crate::manifest::{self, Entry, Manifest, Outcome};
use crate::meta::sidecar::Given;
use crate::progress::Progress;
use crate::schema::{self, Fields};
use crate::store::{self, Generation};
use crate::{decode, ingest, lock, packing};

/// Memory the tantivy writer may use, shared by its threads. Larger segments repeat less of
/// the term dictionaries: 300 MB makes the index of the 100 MB generated corpus 1.16× the
/// corpus instead of 1.19× with 200 MB, and a 1 GB build peaks at about 710 MB of memory.
const WRITER_MEMORY: usize = 300_000_000;

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
    pub corpus: PathBuf,
    pub index: PathBuf,
    /// Build from scratch even when the current index could be updated.
    pub rebuild: bool,
    /// Larger files are skipped without being read.
    pub max_file_bytes: u64,
    /// Draw a progress bar on stderr when it is a terminal.
    pub progress: bool,
}

impl Options {
    /// Defaults: incremental, the default size limit, no progress bar.
    pub fn new(corpus: &Path, index: &Path) -> Options {
        Options {
            corpus: corpus.to_path_buf(),
            index: index.to_path_buf(),
            rebuild: false,
            max_file_bytes: DEFAULT_MAX_FILE_MB * 1_000_000,
            progress: false,
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
    pub corpus: String,
    pub index: String,
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
    pub files_skipped: Vec<SkippedFile>,
    /// Documents in the index now, by kind.
    pub documents: BTreeMap<String, usize>,
    pub warnings: Vec<String>,
    pub seconds: f64,
}

/// A skipped file in the summary.
#[derive(Debug, Serialize)]
pub struct SkippedFile {
    pub path: String,
    pub reason: String,
}

/// Brings the index in `index_dir` up to date with `corpus`, with default options.
pub fn build(corpus: &Path, index_dir: &Path) -> anyhow::Result<Summary> {
    run(&Options::new(corpus, index_dir))
}

/// Brings the index up to date as `options` say.
pub fn run(options: &Options) -> anyhow::Result<Summary> {
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
    let (base, note) = base(options, &corpus_name);
    let mut update = Update::new(options, base, scanned_at_ns)?;
    update.warnings.extend(note);
    update
        .skipped
        .extend(walk.skipped.into_iter().map(|s| SkippedFile {
            path: s.path,
            reason: s.reason,
        }));
    update.files(&walk.files)?;
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

/// The current generation an incremental update starts from.
struct Base {
    path: PathBuf,
    manifest: Manifest,
}

/// The generation to update, or none (full build) with a note saying why when that is a
/// surprise.
fn base(options: &Options, corpus_name: &str) -> (Option<Base>, Option<String>) {
    if options.rebuild || !store::exists(&options.index) {
        return (None, None);
    }
    let reusable = || -> anyhow::Result<Base> {
        let pointer = store::pointer(&options.index)?;
        if pointer.corpus != corpus_name {
            anyhow::bail!("it was built from {}", pointer.corpus);
        }
        let path = options.index.join(&pointer.generation);
        store::open_generation(&path).context("it is damaged")?;
        let manifest = Manifest::load(&path)?;
        Ok(Base { path, manifest })
    };
    match reusable() {
        Ok(base) => (Some(base), None),
        Err(err) => (
            None,
            Some(format!(
                "rebuilt from scratch: the previous index could not be updated ({err:#})"
            )),
        ),
    }
}

/// The generation being written: created empty for a full build, or on the first change as
/// a copy of the base.
struct Target {
    generation: Generation,
    writer: IndexWriter,
    fields: Fields,
}

impl Target {
    fn empty(index_dir: &Path) -> anyhow::Result<Target> {
        let generation = store::new_generation(index_dir)?;
        let (schema, fields) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_dir(&generation.path)
            .context("cannot create the index")?;
        analysis::register(&index);
        Target::open(generation, index, fields)
    }

    fn copy_of(base: &Base, index_dir: &Path) -> anyhow::Result<Target> {
        let generation = store::new_generation(index_dir)?;
        store::copy_generation(&base.path, &generation)?;
        let (index, fields, _) =
            store::open_generation(&generation.path).context("cannot open the copy of the index")?;
        Target::open(generation, index, fields)
    }

    /// The writer of `index`, whose tokenizers are registered.
    fn open(generation: Generation, index: Index, fields: Fields) -> anyhow::Result<Target> {
        let writer = index
            .writer::<TantivyDocument>(WRITER_MEMORY)
            .context("cannot open the index writer")?;
        let mut merges = LogMergePolicy::default();
        merges.set_max_docs_before_merge(MERGE_MAX_DOCS);
        writer.set_merge_policy(Box::new(merges));
        Ok(Target {
            generation,
            writer,
            fields,
        })
    }

    /// Deletes every document of the file shown as `shown`.
    fn delete_file(&mut self, shown: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.path, shown));
    }
}

/// One run's state: the base, the target, the new manifest, the counts.
struct Update<'a> {
    options: &'a Options,
    base: Option<Base>,
    target: Option<Target>,
    manifest: Manifest,
    added: usize,
    changed: usize,
    unchanged: usize,
    removed: usize,
    skipped: Vec<SkippedFile>,
    warnings: Vec<String>,
}

impl<'a> Update<'a> {
    fn new(options: &'a Options, base: Option<Base>, scanned_at_ns: i64) -> anyhow::Result<Update<'a>> {
        let target = match base {
            None => Some(Target::empty(&options.index)?),
            Some(_) => None,
        };
        Ok(Update {
            options,
            base,
            target,
            manifest: Manifest {
                scanned_at_ns,
                files: BTreeMap::new(),
            },
            added: 0,
            changed: 0,
            unchanged: 0,
            removed: 0,
            skipped: Vec::new(),
            warnings: Vec::new(),
        })
    }

    /// Brings every corpus file up to date, with a progress bar over the files to read. Worker
    /// threads read, decode and split the files a batch at a time, one batch ahead of the
    /// writer, which takes them in corpus order, so the index is the same whatever the timing.
    fn files(&mut self, files: &[CorpusFile]) -> anyhow::Result<()> {
        let mut to_read = Vec::new();
        for file in files {
            let sidecars = Sidecars::of(file);
            match self.unchanged_entry(file, &sidecars).cloned() {
                Some(entry) => self.keep(file, entry),
                None => to_read.push(ToRead {
                    file,
                    sidecars,
                    previous: self.previous(file).cloned(),
                }),
            }
        }
        let bytes = to_read.iter().map(|r| r.file.stat.size).sum();
        let mut progress = Progress::new(self.options.progress, to_read.len(), bytes);
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_WORKERS));
        let to_read = &to_read;
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
                    self.apply(read.file, prepared)?;
                    progress.file_done(read.file.stat.size);
                }
            }
            anyhow::Ok(())
        })?;
        progress.finish();
        Ok(())
    }

    /// The previous index's entry of `file`, if it had one.
    fn previous(&self, file: &CorpusFile) -> Option<&Entry> {
        self.base.as_ref()?.manifest.files.get(&file.relative)
    }

    /// The previous entry of `file` when its metadata and its sidecars say it did not change.
    fn unchanged_entry(&self, file: &CorpusFile, sidecars: &Sidecars) -> Option<&Entry> {
        let entry = self
            .base
            .as_ref()?
            .manifest
            .unchanged(&file.relative, file.stat)?;
        (entry.sidecars == sidecars.key).then_some(entry)
    }

    fn keep(&mut self, file: &CorpusFile, entry: Entry) {
        self.unchanged += 1;
        self.manifest.files.insert(file.relative.clone(), entry);
    }

    /// Records what a worker made of `file`: its documents replace the previous ones when its
    /// content changed.
    fn apply(&mut self, file: &CorpusFile, prepared: Prepared) -> anyhow::Result<()> {
        let (entry, documents) = match prepared {
            Prepared::Unreadable(reason) => {
                self.skipped.push(SkippedFile {
                    path: file.relative.clone(),
                    reason,
                });
                return self.forget(file);
            }
            Prepared::Same(entry) => {
                self.keep(file, entry);
                return Ok(());
            }
            Prepared::Changed { entry, documents } => (entry, documents),
        };
        let existed = self.previous(file).is_some();
        let target = self.target()?;
        if existed {
            target.delete_file(&file.shown);
        }
        for document in &documents {
            target.writer.add_document(document.tantivy(&target.fields))?;
        }
        if existed {
            self.changed += 1;
        } else {
            self.added += 1;
        }
        self.manifest.files.insert(file.relative.clone(), entry);
        Ok(())
    }

    /// Drops the documents of a file that could not be read this time; it is not recorded,
    /// so the next run tries it again.
    fn forget(&mut self, file: &CorpusFile) -> anyhow::Result<()> {
        let existed = self
            .base
            .as_ref()
            .is_some_and(|b| b.manifest.files.contains_key(&file.relative));
        if existed {
            self.removed += 1;
            self.target()?.delete_file(&file.shown);
        }
        Ok(())
    }

    /// Deletes the documents of files of the previous index that the walk did not return.
    fn remove_missing(&mut self, files: &[CorpusFile], corpus_name: &str) -> anyhow::Result<()> {
        let present: BTreeSet<&str> = files.iter().map(|f| f.relative.as_str()).collect();
        let missing: Vec<String> = self
            .base
            .iter()
            .flat_map(|b| b.manifest.files.keys())
            .filter(|path| !present.contains(path.as_str()))
            .cloned()
            .collect();
        for path in missing {
            self.removed += 1;
            self.target()?
                .delete_file(&corpus::shown(Path::new(corpus_name), &path));
        }
        Ok(())
    }

    /// The target generation, created (as a copy of the base) on first use.
    fn target(&mut self) -> anyhow::Result<&mut Target> {
        if self.target.is_none() {
            let base = self
                .base
                .as_ref()
                .expect("a full build creates its target up front");
            self.target = Some(Target::copy_of(base, &self.options.index)?);
        }
        Ok(self.target.as_mut().expect("just created"))
    }

    /// Commits and publishes the target, or records the new fingerprints when nothing
    /// changed; then sums up.
    fn finish(self, corpus_name: &str) -> anyhow::Result<Summary> {
        match (self.target, &self.base) {
            (Some(target), _) => {
                let mut writer = target.writer;
                writer.commit().context("cannot commit the index")?;
                writer
                    .wait_merging_threads()
                    .context("cannot finish merging the index")?;
                self.manifest.save(&target.generation.path)?;
                store::publish(&self.options.index, &target.generation, corpus_name)?;
            }
            (None, Some(base)) => self.manifest.save(&base.path)?,
            (None, None) => unreachable!("a full build always has a target"),
        }
        let mut summary = Summary {
            corpus: corpus_name.to_string(),
            index: self.options.index.display().to_string(),
            mode: if self.base.is_some() {
                Mode::Incremental
            } else {
                Mode::Full
            },
            files_indexed: 0,
            files_added: self.added,
            files_changed: self.changed,
            files_unchanged: self.unchanged,
            files_removed: self.removed,
            files_skipped: self.skipped,
            documents: BTreeMap::new(),
            warnings: self.warnings,
            seconds: 0.0,
        };
        for (path, entry) in &self.manifest.files {
            tally(&mut summary, path, &entry.outcome);
        }
        summary.files_skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(summary)
    }
}

/// Adds one file's outcome to the summary.
fn tally(summary: &mut Summary, path: &str, outcome: &Outcome) {
    match outcome {
        Outcome::Indexed { documents, warnings } => {
            summary.files_indexed += 1;
            for (kind, count) in documents {
                *summary.documents.entry(kind.clone()).or_default() += count;
            }
            summary.warnings.extend(warnings.iter().cloned());
        }
        Outcome::Skipped { reason } => summary.files_skipped.push(SkippedFile {
            path: path.to_string(),
            reason: reason.clone(),
        }),
    }
}

/// What the sidecars state about a file, and a fingerprint of it: a file whose sidecars
/// changed is indexed again even when its own bytes did not.
struct Sidecars {
    given: Given,
    warning: Option<String>,
    key: String,
}

impl Sidecars {
    fn of(file: &CorpusFile) -> Sidecars {
        let (given, warning) = ingest::stated(file);
        let key = manifest::hex(corpus::content_hash(format!("{given:?} {warning:?}").as_bytes()));
        Sidecars { given, warning, key }
    }
}

/// What a worker made of one file.
enum Prepared {
    /// It could not be read (the reason): its documents go, and it is not recorded.
    Unreadable(String),
    /// Its content is what the previous index holds: that entry, with the new size and mtime.
    Same(Entry),
    /// New or changed content: the entry to record and the documents to add.
    Changed { entry: Entry, documents: Vec<Indexable> },
}

/// A file to read, what its sidecars say, and its entry in the previous index.
struct ToRead<'a> {
    file: &'a CorpusFile,
    sidecars: Sidecars,
    previous: Option<Entry>,
}

impl ToRead<'_> {
    /// Reads the file and, when its content (or what its sidecars say) differs from the
    /// previous index's, decodes and splits it: the part of indexing done by worker threads.
    fn prepare(&self) -> Prepared {
        let (file, sidecars) = (self.file, &self.sidecars);
        let contents = match corpus::read(&file.path) {
            Ok(contents) => contents,
            Err(err) => return Prepared::Unreadable(format!("unreadable: {err}")),
        };
        let hash = manifest::hex(contents.hash);
        let same = |p: &&Entry| p.hash == hash && p.sidecars == sidecars.key;
        if let Some(previous) = self.previous.as_ref().filter(same) {
            return Prepared::Same(Entry {
                size: contents.stat.size,
                mtime_ns: contents.stat.mtime_ns,
                ..previous.clone()
            });
        }
        let (outcome, documents) = documents(file, &contents, sidecars);
        let entry = Entry {
            size: contents.stat.size,
            mtime_ns: contents.stat.mtime_ns,
            hash,
            sidecars: sidecars.key.clone(),
            outcome,
        };
        Prepared::Changed {
            entry,
            documents: documents.iter().map(Indexable::of).collect(),
        }
    }
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

/// Decodes and splits `contents`: the outcome to record and the documents to add.
fn documents(file: &CorpusFile, contents: &Contents, sidecars: &Sidecars) -> (Outcome, Vec<Document>) {
    let decoded = match decode::decode(&contents.bytes) {
        Ok(decoded) => decoded,
        Err(err) => {
            let reason = err.to_string();
            return (Outcome::Skipped { reason }, Vec::new());
        }
    };
    let ingested = ingest::documents(&file.relative, &file.shown, &decoded.text, sidecars.given.clone());
    let mut warnings = ingested.warnings;
    warnings.extend(sidecars.warning.clone());
    if decoded.replaced > 0 {
        warnings.push(format!(
            "{}: {} invalid UTF-8 sequences replaced by U+FFFD",
            file.shown, decoded.replaced
        ));
    }
    if contents.unsteady {
        warnings.push(format!(
            "{}: changed while being read; indexed as last read, checked again by the next run",
            file.shown
        ));
    }
    let mut documents = BTreeMap::new();
    for document in &ingested.documents {
        *documents.entry(document.kind.as_str().to_string()).or_default() += 1;
    }
    let outcome = Outcome::Indexed { documents, warnings };
    (outcome, ingested.documents)
}

/// A document with everything the index needs computed: normalized title and body, JSON.
struct Indexable {
    id: String,
    path: String,
    kind: &'static str,
    paper: Option<String>,
    region: Option<String>,
    date: Option<i64>,
    title: String,
    body: String,
    /// The document's JSON as the index stores it (see `packing`).
    stored: Vec<u8>,
}

impl Indexable {
    fn of(doc: &Document) -> Indexable {
        Indexable {
            id: doc.id.clone(),
            path: doc.path.clone(),
            kind: doc.kind.as_str(),
            paper: doc.paper.clone(),
            region: doc.region.clone(),
            date: doc.date_number(),
            title: normalize_str(&doc.title),
            body: normalize_str(&doc.body),
            stored: packing::pack(&serde_json::to_string(doc).expect("a document serializes to JSON")),
        }
    }

    /// The tantivy document: filter fields, normalized text fields, stored JSON.
    fn tantivy(&self, fields: &Fields) -> TantivyDocument {
        let mut out = TantivyDocument::default();
        out.add_text(fields.id, &self.id);
        out.add_text(fields.path, &self.path);
        out.add_text(fields.kind, self.kind);
        if let Some(paper) = &self.paper {
            out.add_text(fields.paper, paper);
        }
        if let Some(region) = &self.region {
            out.add_text(fields.region, region);
        }
        if let Some(date) = self.date {
            out.add_i64(fields.date, date);
        }
        out.add_text(fields.title_grams, &self.title);
        out.add_text(fields.body_grams, &self.body);
        out.add_text(fields.title_words, &self.title);
        out.add_text(fields.body_words, &self.body);
        out.add_bytes(fields.doc, &self.stored);
        out
    }
}
