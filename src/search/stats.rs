//! An opened index → what it holds: documents by kind, paper, province, city, region and year,
//! the files they come from, and the date span (`baokan stats`), counted from the fast fields
//! and the path terms without loading a document.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use tantivy::query::AllQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher, TERMINATED};

use super::facets::FacetCollector;
use crate::index::schema;
use crate::index::Store;

/// The key that counts documents without a value.
const UNKNOWN: &str = "unknown";

/// What an index holds.
#[derive(Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Documents in the index.
    pub documents: usize,
    /// Files with at least one document.
    pub files: usize,
    /// Documents by kind.
    pub by_kind: BTreeMap<String, usize>,
    /// Documents by paper; `unknown` counts those without one.
    pub by_paper: BTreeMap<String, usize>,
    /// Documents by province; `unknown` counts those without one.
    pub by_province: BTreeMap<String, usize>,
    /// Documents by prefecture-level city (or municipality); `unknown` counts those without one.
    pub by_city: BTreeMap<String, usize>,
    /// Documents by region; `unknown` counts those without one.
    pub by_region: BTreeMap<String, usize>,
    /// Dated documents by year; `unknown` counts the undated.
    pub by_year: BTreeMap<String, usize>,
    /// Earliest and latest known dates, `YYYY-MM-DD`.
    pub date_span: Option<[String; 2]>,
}

/// Counts what `store` holds.
pub fn count(store: &Store) -> anyhow::Result<Stats> {
    let searcher = store.searcher();
    let facets = searcher.search(&AllQuery, &FacetCollector)?;
    let documents = usize::try_from(searcher.num_docs())?;
    let with_unknown = |mut counts: BTreeMap<String, usize>| {
        let missing = documents - counts.values().sum::<usize>();
        if missing > 0 {
            *counts.entry(UNKNOWN.to_string()).or_default() += missing;
        }
        counts
    };
    Ok(Stats {
        documents,
        files: files(&searcher, store)?,
        by_kind: facets.kind,
        by_paper: with_unknown(facets.paper),
        by_province: with_unknown(facets.province),
        by_city: with_unknown(facets.city),
        by_region: with_unknown(facets.region),
        by_year: with_unknown(facets.year),
        date_span: date_span(&searcher)?.map(|span| span.map(date_text)),
    })
}

/// How many distinct paths the live documents come from.
fn files(searcher: &Searcher, store: &Store) -> anyhow::Result<usize> {
    let mut paths = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(store.fields.path)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let mut postings =
                inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != TERMINATED && segment.is_deleted(doc) {
                doc = postings.advance();
            }
            if doc != TERMINATED {
                paths.insert(terms.key().to_vec());
            }
        }
    }
    Ok(paths.len())
}

/// The earliest and latest date (`YYYYMMDD`) of a live document.
fn date_span(searcher: &Searcher) -> tantivy::Result<Option<[i64; 2]>> {
    let mut span: Option<[i64; 2]> = None;
    for segment in searcher.segment_readers() {
        let dates = segment.fast_fields().i64(schema::DATE)?;
        for date in segment.doc_ids_alive().filter_map(|doc| dates.first(doc)) {
            span = Some(span.map_or([date, date], |[a, b]| [a.min(date), b.max(date)]));
        }
    }
    Ok(span)
}

/// `YYYY-MM-DD` of a `YYYYMMDD` number, `YYYY` of a date known only to its year (`YYYY0000`).
fn date_text(date: i64) -> String {
    match date % 10_000 {
        0 => format!("{:04}", date / 10_000),
        _ => format!("{:04}-{:02}-{:02}", date / 10_000, date / 100 % 100, date % 100),
    }
}
