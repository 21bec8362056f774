//! A corpus folder → a new index generation, swapped in when complete.
//!
//! Every build is a full rebuild for now: walk, ingest each file, add its documents, commit,
//! publish. The summary says what was indexed and what was skipped, with reasons.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;
use tantivy::{Index, TantivyDocument};

use crate::analysis::{self, normalize_str};
use crate::corpus::{self, Skipped};
use crate::document::Document;
use crate::ingest;
use crate::schema::{self, Fields};
use crate::store;

/// Memory the tantivy writer may use.
const WRITER_MEMORY: usize = 200_000_000;

/// What a build did.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub corpus: String,
    pub index: String,
    pub files_indexed: usize,
    pub files_skipped: Vec<SkippedFile>,
    /// Documents by kind.
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

impl From<Skipped> for SkippedFile {
    fn from(s: Skipped) -> Self {
        SkippedFile {
            path: s.path,
            reason: s.reason,
        }
    }
}

/// Builds a fresh index of `corpus` in `index_dir`.
pub fn build(corpus: &Path, index_dir: &Path) -> anyhow::Result<Summary> {
    let started = Instant::now();
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
    let walk = corpus::walk(corpus, index_dir)
        .with_context(|| format!("cannot read corpus {}", corpus.display()))?;
    let generation = store::new_generation(index_dir)?;
    let (schema, fields) = schema::build();
    let index = Index::create_in_dir(&generation.path, schema).context("cannot create the index")?;
    analysis::register(&index);
    let mut writer = index
        .writer::<TantivyDocument>(WRITER_MEMORY)
        .context("cannot open the index writer")?;

    let mut summary = Summary {
        corpus: corpus.display().to_string(),
        index: index_dir.display().to_string(),
        files_skipped: walk.skipped.into_iter().map(SkippedFile::from).collect(),
        ..Summary::default()
    };
    for file in &walk.files {
        match ingest::ingest(file) {
            Ok(ingested) => {
                summary.files_indexed += 1;
                summary.warnings.extend(ingested.warnings);
                for document in &ingested.documents {
                    *summary
                        .documents
                        .entry(document.kind.as_str().to_string())
                        .or_default() += 1;
                    writer.add_document(tantivy_document(&fields, document)?)?;
                }
            }
            Err(reason) => summary.files_skipped.push(SkippedFile {
                path: file.relative.clone(),
                reason,
            }),
        }
    }
    writer.commit().context("cannot commit the index")?;
    writer
        .wait_merging_threads()
        .context("cannot finish merging the index")?;
    store::publish(index_dir, &generation, &summary.corpus)?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The tantivy document for `doc`: filter fields, normalized text fields, stored JSON.
fn tantivy_document(fields: &Fields, doc: &Document) -> anyhow::Result<TantivyDocument> {
    let mut out = TantivyDocument::default();
    out.add_text(fields.id, &doc.id);
    out.add_text(fields.path, &doc.path);
    out.add_text(fields.kind, doc.kind.as_str());
    if let Some(paper) = &doc.paper {
        out.add_text(fields.paper, paper);
    }
    if let Some(region) = &doc.region {
        out.add_text(fields.region, region);
    }
    if let Some(date) = doc.date_number() {
        out.add_i64(fields.date, date);
    }
    let title = normalize_str(&doc.title);
    let body = normalize_str(&doc.body);
    out.add_text(fields.title_grams, &title);
    out.add_text(fields.body_grams, &body);
    out.add_text(fields.title_words, &title);
    out.add_text(fields.body_words, &body);
    out.add_text(fields.doc, serde_json::to_string(doc)?);
    Ok(out)
}
