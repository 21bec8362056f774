//! An opened index → what an OpenSearch or Elasticsearch cluster ingests as-is: an index
//! template (settings and mappings) and bulk NDJSON files (`export --opensearch DIR`).
//!
//! The searchable fields are baokan's own tokens, written portably (`analysis::portable`) and
//! joined by spaces, under a `whitespace` analyzer: the grams fields one bigram per character
//! in order (so the cluster's positions are baokan's and a `match_phrase` of a term's bigrams
//! matches where baokan's exact match does), the words fields the jieba words the index holds
//! for the document, as often as it holds them (read from the index's postings, not
//! segmented again). Filter fields are keywords, the date a `YYYYMMDD` integer, and the
//! document as baokan prints it rides along unindexed. `_id` is baokan's id, so loading a
//! re-export updates in place.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Serialize;
use serde_json::{json, Value};
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, SegmentReader, TERMINATED};

use super::codec;
use super::store::Store;
use crate::analysis::{normalize_lines, normalize_str, portable};
use crate::document::Document;

/// A bulk file is closed once it holds this many bytes (the `_bulk` API's advice: 5–15 MB).
const BULK_FILE_BYTES: usize = 10_000_000;

/// Documents prepared in parallel before they are written in order.
const BATCH_DOCS: usize = 2048;

/// The fields that hold tokens: searched, never shown, left out of `_source`.
const TOKEN_FIELDS: [&str; 5] = [
    "title_grams",
    "body_grams",
    "title_words",
    "body_words",
    "columns",
];

/// What an export wrote.
#[derive(Debug)]
pub struct Exported {
    /// The template file.
    pub template: PathBuf,
    /// The bulk files, in order.
    pub bulk: Vec<PathBuf>,
    /// Documents written.
    pub documents: usize,
    /// Bytes of the bulk files.
    pub bytes: u64,
}

/// How to export.
#[derive(Clone, Debug)]
pub struct Export<'a> {
    /// The folder to write into (created when missing).
    pub dir: &'a Path,
    /// The cluster's index name (and the template's pattern).
    pub index: &'a str,
    /// Route each document by its paper and year, so that one paper-year lives in one shard.
    pub routing: bool,
}

/// The index template: settings (the `whitespace` analyzer and the BM25 of the token fields)
/// and mappings.
pub fn template(index: &str) -> Value {
    let tokens = |positions: bool| {
        json!({
            "type": "text",
            "analyzer": "baokan_tokens",
            "similarity": "baokan_bm25",
            "index_options": if positions { "positions" } else { "freqs" },
        })
    };
    let keyword = json!({ "type": "keyword" });
    json!({
        "index_patterns": [index],
        "template": {
            "settings": {
                "analysis": { "analyzer": { "baokan_tokens": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                }}},
                // baokan's BM25 has no length normalization: tantivy's k1 1.2 and b 0.75 over
                // an unbounded mean length score as k1 0.3 and b 0 (up to a constant factor).
                "similarity": { "baokan_bm25": { "type": "BM25", "k1": 0.3, "b": 0.0 } },
            },
            "mappings": {
                "dynamic": "strict",
                "_source": { "excludes": TOKEN_FIELDS },
                "properties": {
                    "id": keyword,
                    "kind": keyword,
                    "paper": keyword,
                    "source": keyword,
                    "region": keyword,
                    "city": keyword,
                    "province": keyword,
                    "places": keyword,
                    "date": { "type": "integer" },
                    "order": { "type": "long" },
                    "title_grams": tokens(true),
                    "body_grams": tokens(true),
                    "title_words": tokens(false),
                    "body_words": tokens(false),
                    "columns": tokens(true),
                    "doc": { "type": "object", "enabled": false },
                },
            },
        },
    })
}

/// Writes the template and the bulk files of every document of `store` into `to.dir`, in
/// the index's order (segment, then document), the same for the same index.
pub fn export(store: &Store, to: &Export) -> anyhow::Result<Exported> {
    std::fs::create_dir_all(to.dir).with_context(|| format!("cannot create {}", to.dir.display()))?;
    let template_path = to.dir.join("template.json");
    let text = serde_json::to_string_pretty(&template(to.index))?;
    std::fs::write(&template_path, text + "\n")
        .with_context(|| format!("cannot write {}", template_path.display()))?;

    let searcher = store.searcher();
    let fields = &store.fields;
    let mut bulk = Bulk::new(to.dir);
    let mut documents = 0;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for segment in searcher.segment_readers() {
        let title_words = Words::of(segment, fields.title_words)?;
        let body_words = Words::of(segment, fields.body_words)?;
        let store_reader = segment.get_store_reader(64)?;
        let ids: Vec<DocId> = segment.doc_ids_alive().collect();
        for batch in ids.chunks(BATCH_DOCS) {
            // Each thread writes the lines of a share of the batch; the shares go out in order.
            let shares: Vec<anyhow::Result<Vec<Vec<u8>>>> = std::thread::scope(|scope| {
                let workers: Vec<_> = batch
                    .chunks(batch.len().div_ceil(threads))
                    .map(|share| {
                        let (store_reader, title_words, body_words) =
                            (&store_reader, &title_words, &body_words);
                        scope.spawn(move || {
                            share
                                .iter()
                                .map(|&doc_id| {
                                    let doc = codec::decode(&store_reader.get(doc_id)?, fields)?;
                                    let mut lines = serde_json::to_vec(&Action::of(&doc, to))?;
                                    lines.push(b'\n');
                                    let words = (title_words.of_doc(doc_id), body_words.of_doc(doc_id));
                                    serde_json::to_writer(&mut lines, &Source::of(&doc, words.0, words.1))?;
                                    lines.push(b'\n');
                                    Ok(lines)
                                })
                                .collect()
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .map(|w| w.join().expect("an export thread"))
                    .collect()
            });
            for share in shares {
                for lines in share? {
                    bulk.push(&lines)?;
                    documents += 1;
                }
            }
        }
    }
    let (files, bytes) = bulk.finish()?;
    Ok(Exported {
        template: template_path,
        bulk: files,
        documents,
        bytes,
    })
}

/// A bulk action line: index `_id` into `_index`, routed by paper and year when asked.
#[derive(Serialize)]
struct Action<'a> {
    index: ActionIndex<'a>,
}

#[derive(Serialize)]
struct ActionIndex<'a> {
    _index: &'a str,
    _id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    routing: Option<String>,
}

impl<'a> Action<'a> {
    fn of(doc: &'a Document, to: &'a Export) -> Action<'a> {
        let routing = to.routing.then(|| {
            let paper = doc.paper.as_deref().unwrap_or("-");
            let year = doc
                .date_number()
                .map_or("-".to_string(), |d| (d / 10_000).to_string());
            format!("{paper}/{year}")
        });
        Action {
            index: ActionIndex {
                _index: to.index,
                _id: &doc.id,
                routing,
            },
        }
    }
}

/// A bulk source line: filter fields, tokens, and the document itself.
#[derive(Serialize)]
struct Source<'a> {
    id: &'a str,
    kind: &'a str,
    paper: &'a Option<String>,
    source: &'a Option<String>,
    region: &'a Option<String>,
    city: &'a Option<String>,
    province: &'a Option<String>,
    places: Vec<String>,
    date: Option<i64>,
    order: u64,
    title_grams: String,
    body_grams: String,
    title_words: String,
    body_words: String,
    columns: String,
    doc: &'a Document,
}

impl<'a> Source<'a> {
    fn of(doc: &'a Document, title_words: String, body_words: String) -> Source<'a> {
        Source {
            id: &doc.id,
            kind: doc.kind.as_str(),
            paper: &doc.paper,
            source: &doc.source,
            region: &doc.region,
            city: &doc.city,
            province: &doc.province,
            places: codec::places_of(doc),
            date: doc.date_number(),
            order: doc.corpus_order(),
            title_grams: portable::grams(&normalize_str(&doc.title)),
            body_grams: portable::grams(&normalize_str(&doc.body)),
            title_words,
            body_words,
            columns: portable::grams(&normalize_lines(doc.column_names())),
            doc,
        }
    }
}

/// The jieba words of one field of a segment, read from its postings term by term: for each
/// document, which words it holds and how often.
struct Words {
    /// Every word of the field, written portably.
    words: Vec<String>,
    /// For each document id, its words (indexes into `words`) and their counts.
    held: Vec<Vec<(u32, u32)>>,
}

impl Words {
    fn of(segment: &SegmentReader, field: Field) -> anyhow::Result<Words> {
        let inverted = segment.inverted_index(field)?;
        let mut words = Vec::new();
        let mut held = vec![Vec::new(); segment.max_doc() as usize];
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let word = words.len() as u32;
            words.push(portable::portable(&String::from_utf8_lossy(terms.key())));
            let mut postings =
                inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::WithFreqs)?;
            while postings.doc() != TERMINATED {
                held[postings.doc() as usize].push((word, postings.term_freq()));
                postings.advance();
            }
        }
        Ok(Words { words, held })
    }

    /// The words of `doc`, each as often as it holds it, one space between two.
    fn of_doc(&self, doc: DocId) -> String {
        let mut out = String::new();
        for &(word, count) in &self.held[doc as usize] {
            for _ in 0..count {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&self.words[word as usize]);
            }
        }
        out
    }
}

/// Bulk files being written: `bulk-0001.ndjson`, … each closed past [`BULK_FILE_BYTES`].
struct Bulk<'a> {
    dir: &'a Path,
    files: Vec<PathBuf>,
    current: Option<(BufWriter<File>, usize)>,
    bytes: u64,
}

impl<'a> Bulk<'a> {
    fn new(dir: &'a Path) -> Bulk<'a> {
        Bulk {
            dir,
            files: Vec::new(),
            current: None,
            bytes: 0,
        }
    }

    /// Appends one action and its source (`lines`), starting a new file when the current one
    /// is full.
    fn push(&mut self, lines: &[u8]) -> anyhow::Result<()> {
        if self
            .current
            .as_ref()
            .is_some_and(|(_, n)| n + lines.len() > BULK_FILE_BYTES)
        {
            self.close()?;
        }
        if self.current.is_none() {
            let path = self.dir.join(format!("bulk-{:04}.ndjson", self.files.len() + 1));
            let file = File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
            self.files.push(path);
            self.current = Some((BufWriter::new(file), 0));
        }
        let (writer, written) = self.current.as_mut().expect("a file is open");
        writer.write_all(lines)?;
        *written += lines.len();
        self.bytes += lines.len() as u64;
        Ok(())
    }

    fn close(&mut self) -> anyhow::Result<()> {
        if let Some((mut writer, _)) = self.current.take() {
            writer.flush()?;
        }
        Ok(())
    }

    /// The files written and their bytes.
    fn finish(mut self) -> anyhow::Result<(Vec<PathBuf>, u64)> {
        self.close()?;
        Ok((self.files, self.bytes))
    }
}
