//! One run's bookkeeping: the generation it starts from (the base), the generation it writes
//! (the target, made on the first change), the new manifest and the counts of the summary.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::Context;
use tantivy::merge_policy::LogMergePolicy;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::workers::{self, Prepared, ToRead};
use super::{Mode, Options, Progress, SkippedFile, Summary, MERGE_MAX_DOCS, WRITER_MEMORY};
use crate::analysis;
use crate::index::manifest::{Entry, Manifest, Outcome};
use crate::index::reprints;
use crate::index::schema::{self, Fields};
use crate::index::store::{self, Generation};
use crate::ingest::corpus::{self, CorpusFile};
use crate::ingest::Source;

/// The current generation an incremental update starts from.
pub(super) struct Base {
    path: PathBuf,
    manifest: Manifest,
}

/// The generation to update, or none (full build) with a note saying why when that is a
/// surprise.
pub(super) fn base(options: &Options, corpus_name: &str) -> (Option<Base>, Option<String>) {
    if options.rebuild || !store::exists(&options.index) {
        return (None, None);
    }
    let reusable = || -> anyhow::Result<Base> {
        let pointer = store::recorded(&options.index)?;
        if !pointer.current() {
            anyhow::bail!(
                "it is of format {}, not {}",
                pointer.format,
                schema::FORMAT_VERSION
            );
        }
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
pub(super) struct Update<'a> {
    options: &'a Options,
    base: Option<Base>,
    target: Option<Target>,
    manifest: Manifest,
    added: usize,
    changed: usize,
    unchanged: usize,
    removed: usize,
    pub(super) skipped: Vec<SkippedFile>,
    pub(super) warnings: Vec<String>,
}

impl<'a> Update<'a> {
    pub(super) fn new(
        options: &'a Options,
        base: Option<Base>,
        scanned_at_ns: i64,
    ) -> anyhow::Result<Update<'a>> {
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

    /// Brings every corpus file up to date, telling `progress` about the files read. The
    /// files whose size, mtime and sidecars did not move are kept as they are; worker threads
    /// read the others a batch ahead (see `workers`), and their documents are written in
    /// corpus order.
    pub(super) fn files(&mut self, files: &[CorpusFile], progress: &mut dyn Progress) -> anyhow::Result<()> {
        let mut to_read = Vec::new();
        for file in files {
            let source = Source::of(file);
            let sidecars = workers::sidecars_key(&source);
            match self.unchanged_entry(file, &sidecars).cloned() {
                Some(entry) => self.keep(file, entry),
                None => to_read.push(ToRead {
                    file,
                    source,
                    sidecars,
                    previous: self.previous(file).cloned(),
                }),
            }
        }
        progress.start(to_read.len(), to_read.iter().map(|r| r.file.stat.size).sum());
        workers::read_ahead(&to_read, |read, prepared| {
            self.apply(read.file, prepared)?;
            progress.file_done(read.file.stat.size);
            Ok(())
        })?;
        progress.finish();
        Ok(())
    }

    /// The previous index's entry of `file`, if it had one.
    fn previous(&self, file: &CorpusFile) -> Option<&Entry> {
        self.base.as_ref()?.manifest.files.get(&file.relative)
    }

    /// The previous entry of `file` when its metadata and its sidecars (`sidecars`, their
    /// key) say it did not change.
    fn unchanged_entry(&self, file: &CorpusFile, sidecars: &str) -> Option<&Entry> {
        let entry = self
            .base
            .as_ref()?
            .manifest
            .unchanged(&file.relative, file.stat)?;
        (entry.sidecars == sidecars).then_some(entry)
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
    pub(super) fn remove_missing(&mut self, files: &[CorpusFile], corpus_name: &str) -> anyhow::Result<()> {
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
    pub(super) fn finish(self, corpus_name: &str) -> anyhow::Result<Summary> {
        match (self.target, &self.base) {
            (Some(target), _) => {
                let mut writer = target.writer;
                let index = writer.index().clone();
                writer.commit().context("cannot commit the index")?;
                writer
                    .wait_merging_threads()
                    .context("cannot finish merging the index")?;
                reprints::write(&index, &target.generation.path)?;
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
