//! The JSON wire format of `search --json`, `--jsonl`, `show --json` and `export`.
//!
//! A search prints `{"query", "total", "took_ms", "expansions", "facets", "hits": [hit…]}`:
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `query` | string | the query as given |
//! | `total` | int | number of matching documents (all pages) |
//! | `relaxed` | bool | `true` when no document held every word of the query and the hits are those holding the most (not with `--strict` or `--exact`) |
//! | `words_held` | int/null | in a relaxed search, how many of the query's words every hit holds at least, a table row's column names counting |
//! | `took_ms` | number | time spent searching |
//! | `expansions` | list of `{term, alternatives}` | query terms also searched in other forms (`住建局` → `["住房城乡建设局", "住房和城乡建设局"]`), normalized; empty with `--exact` or when no term has another form |
//! | `stories` | int/null | with `--collapse`, how many stories the matching documents tell (a group of reprints counting once); `null` otherwise |
//! | `facets` | object/null | with `--facets`, hit counts over all pages: `{"paper": {name: n}, "year": {"2023": n}, "month": {"2023-06": n}, "province": {…}, "city": {…}, "region": {…}, "kind": {…}}`, documents without a value not counted; `null` without `--facets` |
//!
//! Every hit has every key, `null` when unknown:
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `id` | string | stable document id (`baokan show ID`) |
//! | `kind` | string | `article`, `column`, `photo_caption`, `table_row` |
//! | `score` | number | relevance score |
//! | `title`, `subtitle` | string, string/null | headline and subtitle as printed |
//! | `date` | string/null | `YYYY-MM-DD` when the year is known |
//! | `date_text` | string/null | the date as printed (`3月8日`) |
//! | `date_precision` | string/null | `day`, `month-day` (year unknown) or `year` (only the year: a table row) |
//! | `date_source` | string/null | where the date came from: `sidecar`, `path`, `page`, `text` or `table` |
//! | `paper`, `region` | string/null | canonical paper name (the printing paper), region (county, district or city) |
//! | `source` | string/null | the news agency whose copy the document is (`新华社`, `中新社`, `央视新闻` …), from a wire dateline (`新华社北京6月14日电`, `据央视新闻报道`) or a closing credit (`(新华社)`) |
//! | `region_code`, `city`, `province` | string/null | the region's GB/T 2260 code, its prefecture-level city and its province |
//! | `reporters` | list of string | names in the byline |
//! | `path`, `lines` | string, pair of int | source file and its 1-based inclusive line range |
//! | `snippet`, `highlights` | string, list of int pairs | best window of the text; `[start, end)` character offsets of the matches in it |
//! | `title_highlights` | list of int pairs | `[start, end)` character offsets of the matches in `title` |
//! | `reprint_group`, `reprints` | string/null, int | when the story was printed more than once: the id of its first printing, and how many other printings there are (`null` and `0` otherwise) |
//! | `fields` | object/null | column → cell, for table rows |
//! | `table_title` | string/null | the title of a table row's table |
//! | `matched_terms` | list of string/null | in a relaxed search, the query's words this hit holds (title, body or a row's column names); `null` otherwise |
//! | `explain` | object/null | with `--explain`, why the hit scores what it does: `{"score", "bm25", "parts": {"title_grams", "body_grams", "title_words", "body_words"}, "factors": {"occurrences", "phrase", "proximity", "lead", "date"}, "as_row", "words_held"}`; `score` is `bm25` times the factors, or `as_row` (the score of an equal row of the same table); the parts add up to `bm25`; `null` otherwise |
//!
//! `export` and `show --json` print a document: the same keys without `score`, `snippet`,
//! `highlights` and `title_highlights`, plus `body`; `show --query Q --json` adds
//! `title_highlights` and `body_highlights`, the matches of `Q` in `title` and `body`. `index --json` prints the run's [`Summary`], `stats --json` the
//! index's [`Stats`], each as one object with the fields of the struct, in order.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::document::{DatePrecision, Document};
use crate::index::Summary;
use crate::search::facets::Facets;
use crate::search::stats::Stats;
use crate::search::trend::{Period, Span, Split, Trend};
use crate::search::{Expansion, Explanation, Hit, Lit, Results};

#[derive(Serialize)]
struct JsonResults<'a> {
    query: &'a str,
    total: usize,
    relaxed: bool,
    words_held: Option<usize>,
    took_ms: f64,
    expansions: &'a [Expansion],
    facets: &'a Option<Facets>,
    stories: Option<usize>,
    hits: Vec<JsonHit<'a>>,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    kind: &'a str,
    score: f32,
    title: &'a str,
    subtitle: &'a Option<String>,
    date: &'a Option<String>,
    date_text: &'a Option<String>,
    date_precision: Option<DatePrecision>,
    date_source: &'a Option<String>,
    paper: &'a Option<String>,
    source: &'a Option<String>,
    region: &'a Option<String>,
    region_code: &'a Option<String>,
    city: &'a Option<String>,
    province: &'a Option<String>,
    reporters: &'a [String],
    path: &'a str,
    lines: [usize; 2],
    snippet: &'a str,
    highlights: &'a [[usize; 2]],
    title_highlights: &'a [[usize; 2]],
    reprint_group: Option<&'a str>,
    reprints: usize,
    fields: &'a Option<std::collections::BTreeMap<String, String>>,
    table_title: &'a Option<String>,
    matched_terms: &'a Option<Vec<String>>,
    explain: Option<JsonExplanation>,
}

/// A hit's `explain` object (`--explain`), numbers to three decimals.
#[derive(Serialize)]
struct JsonExplanation {
    score: f32,
    bm25: f32,
    parts: BTreeMap<&'static str, f32>,
    factors: BTreeMap<&'static str, f32>,
    as_row: Option<f32>,
    words_held: Option<usize>,
}

impl JsonExplanation {
    fn new(e: &Explanation) -> Self {
        JsonExplanation {
            score: round(e.score),
            bm25: round(e.bm25),
            parts: e
                .parts
                .iter()
                .map(|(part, value)| (part.name(), round(*value)))
                .collect(),
            factors: e
                .factors
                .named()
                .into_iter()
                .map(|(name, value)| (name, round(value)))
                .collect(),
            as_row: e.as_row.map(round),
            words_held: e.held,
        }
    }
}

/// `value` to three decimals, as scores print.
fn round(value: f32) -> f32 {
    (value * 1000.0).round() / 1000.0
}

impl<'a> JsonHit<'a> {
    fn new(hit: &'a Hit) -> Self {
        let doc = &hit.doc;
        JsonHit {
            id: &doc.id,
            kind: doc.kind.as_str(),
            score: round(hit.score),
            title: &doc.title,
            subtitle: &doc.subtitle,
            date: &doc.date,
            date_text: &doc.date_text,
            date_precision: doc.date_precision,
            date_source: &doc.date_source,
            paper: &doc.paper,
            source: &doc.source,
            region: &doc.region,
            region_code: &doc.region_code,
            city: &doc.city,
            province: &doc.province,
            reporters: &doc.reporters,
            path: &doc.path,
            lines: doc.lines,
            snippet: &hit.snippet.text,
            highlights: &hit.snippet.highlights,
            title_highlights: &hit.title_highlights,
            reprint_group: hit.reprint.as_ref().map(|r| r.group.as_str()),
            reprints: hit.reprint.as_ref().map_or(0, |r| r.others.len()),
            fields: &doc.fields,
            table_title: &doc.table_title,
            matched_terms: &hit.matched_terms,
            explain: hit.explanation.as_ref().map(JsonExplanation::new),
        }
    }
}

/// The `--json` document for a search.
pub fn results(query: &str, results: &Results) -> String {
    let out = JsonResults {
        query,
        total: results.total,
        relaxed: results.relaxed.is_some(),
        words_held: results.relaxed.map(|r| r.held),
        took_ms: (results.took_ms * 1000.0).round() / 1000.0,
        expansions: &results.expansions,
        facets: &results.facets,
        stories: results.stories,
        hits: results.hits.iter().map(JsonHit::new).collect(),
    };
    serde_json::to_string(&out).expect("JSON of plain data")
}

/// One `--jsonl` line per hit.
pub fn hit_lines(results: &Results) -> impl Iterator<Item = String> + '_ {
    results
        .hits
        .iter()
        .map(|hit| serde_json::to_string(&JsonHit::new(hit)).expect("JSON of plain data"))
}

/// A document as one JSON line (`export`, `show --json`).
pub fn document(doc: &Document) -> String {
    serde_json::to_string(doc).expect("JSON of plain data")
}

/// A document with a query's matches (`show --query Q --json`).
pub fn lit_document(doc: &Document, lit: &Lit) -> String {
    #[derive(Serialize)]
    struct LitDocument<'a> {
        #[serde(flatten)]
        doc: &'a Document,
        title_highlights: &'a [[usize; 2]],
        body_highlights: &'a [[usize; 2]],
    }
    let out = LitDocument {
        doc,
        title_highlights: &lit.title,
        body_highlights: &lit.body,
    };
    serde_json::to_string(&out).expect("JSON of plain data")
}

/// The `trend --json` document: `{query, by, split, undated, series: [{key, query, value,
/// total, undated, points: [{period, since, until, count}]}]}`.
pub fn trend(query: &str, trend: &Trend) -> String {
    #[derive(Serialize)]
    struct JsonTrend<'a> {
        query: &'a str,
        by: Period,
        split: Option<Split>,
        undated: usize,
        series: Vec<JsonSeries<'a>>,
    }
    #[derive(Serialize)]
    struct JsonSeries<'a> {
        key: String,
        query: &'a str,
        value: &'a Option<String>,
        total: usize,
        undated: usize,
        points: Vec<JsonPoint<'a>>,
    }
    #[derive(Serialize)]
    struct JsonPoint<'a> {
        #[serde(flatten)]
        span: &'a Span,
        count: usize,
    }
    let series = trend
        .series
        .iter()
        .map(|s| JsonSeries {
            key: trend.key(s),
            query: &s.query,
            value: &s.value,
            total: s.total(),
            undated: s.undated,
            points: (trend.periods.iter().zip(&s.counts))
                .map(|(span, &count)| JsonPoint { span, count })
                .collect(),
        })
        .collect();
    let out = JsonTrend {
        query,
        by: trend.by,
        split: trend.split,
        undated: trend.series.iter().map(|s| s.undated).sum(),
        series,
    };
    serde_json::to_string(&out).expect("JSON of plain data")
}

/// The `reprints --json` document: `{query, stories, shown: [{printings, first, documents:
/// [{id, date, paper, title, path}]}]}`, every printing earliest first.
pub fn reprints(query: &str, stories: usize, shown: &[Vec<Document>]) -> String {
    #[derive(Serialize)]
    struct Printing<'a> {
        id: &'a str,
        date: &'a Option<String>,
        paper: &'a Option<String>,
        title: &'a str,
        path: &'a str,
    }
    #[derive(Serialize)]
    struct Story<'a> {
        printings: usize,
        first: &'a str,
        documents: Vec<Printing<'a>>,
    }
    #[derive(Serialize)]
    struct Stories<'a> {
        query: &'a str,
        stories: usize,
        shown: Vec<Story<'a>>,
    }
    let shown = shown
        .iter()
        .map(|docs| Story {
            printings: docs.len(),
            first: &docs[0].id,
            documents: docs
                .iter()
                .map(|d| Printing {
                    id: &d.id,
                    date: &d.date,
                    paper: &d.paper,
                    title: &d.title,
                    path: &d.path,
                })
                .collect(),
        })
        .collect();
    serde_json::to_string(&Stories {
        query,
        stories,
        shown,
    })
    .expect("JSON of plain data")
}

/// The `index --json` line.
pub fn summary(summary: &Summary) -> String {
    serde_json::to_string(summary).expect("JSON of plain data")
}

/// The `stats --json` line.
pub fn stats(stats: &Stats) -> String {
    serde_json::to_string(stats).expect("JSON of plain data")
}
