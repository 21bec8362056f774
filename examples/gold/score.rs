//! Scores baokan's documents against the hand annotation of the seed corpus
//! (`tests/fixtures/gold/gold_articles.jsonl`, described in `tests/fixtures/gold/README.md`).
//!
//! Shared by the example `cargo run --release --example gold [EXPORT.jsonl]` (which prints the
//! table and the list of mismatches) and by the integration test `gold::seeds_match_the_gold`
//! (which asserts floors), so both always measure the same thing.
//!
//! # Matching gold records to documents
//!
//! Records and documents are only compared within one file: a document belongs to the file named by
//! the last component of its `path`. Documents of files that have no gold record are ignored.
//!
//! A (gold record, document) pair is a *candidate* when either
//!
//! * **title match**: the document title equals the gold `title` or one of its `alt_titles` once all
//!   whitespace is removed from both; or
//! * **body match**: the whitespace-free document text (title followed by body) contains the gold
//!   `first_body_chars` (which is itself whitespace-free) near its start: at most
//!   [`BODY_SLACK`] characters after the document's title and subtitle, so that a document
//!   holding two pieces is matched to the first one only.
//!
//! Candidates are assigned greedily, one-to-one, in this order: title matches before body matches;
//! ordinary records before `optional_split` ones; documents whose line range overlaps the record's
//! `line_start..=line_end` before those that do not; for body matches, the earlier the
//! `first_body_chars` occur in the document, the better; then gold order, then document order.
//! A pair is taken when neither side is taken yet.
//!
//! An `optional_split` record (the `答记者问` block of 001) that got no document of its own is
//! **mapped to its parent**: it counts as matched when the document assigned to the record titled
//! `parent_title` contains its `first_body_chars`. When it is neither matched nor mapped, it is
//! left out of the boundary scores (it is optional) and listed as a mismatch.
//!
//! # Metrics
//!
//! * **boundary precision** = documents assigned to a gold record / documents (of gold files).
//! * **boundary recall** = gold records matched or mapped to a parent / gold records (optional records
//!   that are neither are not counted, see above).
//!
//! The attribute metrics below are taken over the *pairs*: gold records with a document of their own
//! (records mapped to a parent are not pairs; their parent is scored against its own record).
//!
//! * **kind**: `doc.kind` equals gold `kind`.
//! * **title**: the document title equals the gold `title` or one of its `alt_titles`, after trimming and
//!   collapsing every run of whitespace to one space (so internal spaces must be there, as printed).
//! * **subtitle**: equal after the same whitespace collapsing (null = null). When the title was matched
//!   through an alt title (the kicker and one-line cases of the README), a null subtitle, a subtitle
//!   equal to the gold title (kicker and main headline swapped) or a title that contains the gold
//!   subtitle also count.
//! * **date**: when gold `date` is set, `doc.date` equals it, or `doc.date` is null and `doc.date_text`
//!   reads `M月D日` (spaces allowed) with the gold month and day (a partial date). When gold `date` is
//!   null, `doc.date` must be null and `doc.date_text` may read only the `M月D日` of gold `date_text`
//!   (a month-day found where gold states none, or another one, is wrong; a table row's year,
//!   `2023年`, claims no day).
//! * **paper**: `doc.paper == gold.paper` (null = null).
//! * **region**: `doc.region` equals gold `region` or one of `region_alt`.
//! * **reporters**: `doc.reporters == gold.reporters`, the same names in the same order.
//! * **extent**: `doc.lines == [line_start, line_end]`, where `line_end` is extended to the end of any
//!   optional child mapped into this document (the 001 press conference plus its `答记者问`). This catches
//!   a document that swallows a neighbour's lines (002 line 111) even though its start is right.
//! * **table fields** (table rows only): `doc.fields == gold.fields` and `doc.table_title == gold.table_title`.
//!
//! Every score is `correct / total`, and 1.0 when the total is 0.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;
use baokan::document::Document;
use serde::Deserialize;

/// The gold annotation shipped with the tests.
pub const GOLD_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/gold/gold_articles.jsonl"
);

/// The seed corpus the gold annotation describes.
pub const SEEDS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

/// How many characters (a kicker, a rubric, a caption) may stand between a document's title
/// and subtitle and the start of the body of the piece it is matched to by body.
pub const BODY_SLACK: usize = 40;

/// One record of `gold_articles.jsonl` (only the fields the scores use).
#[derive(Clone, Debug, Deserialize)]
pub struct GoldRecord {
    pub file: String,
    pub kind: String,
    /// The headline; `null` in the real-page gold for a piece printed without one.
    pub title: Option<String>,
    #[serde(default)]
    pub alt_titles: Vec<String>,
    pub subtitle: Option<String>,
    pub date: Option<String>,
    /// The date as the piece prints it (`1月26日`); the real-page gold only.
    #[serde(default)]
    pub date_text: Option<String>,
    pub paper: Option<String>,
    pub region: Option<String>,
    #[serde(default)]
    pub region_alt: Vec<String>,
    /// The province; only the real-page gold annotates it.
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub reporters: Vec<String>,
    pub first_body_chars: String,
    /// The piece's lines in the seeds' gold; the real-page gold has none.
    pub line_start: Option<usize>,
    pub line_end: Option<usize>,
    #[serde(default)]
    pub optional_split: bool,
    pub parent_title: Option<String>,
    pub fields: Option<BTreeMap<String, String>>,
    pub table_title: Option<String>,
}

/// Reads a JSON Lines file: the gold records, or the output of `baokan export`.
pub fn load_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<Vec<T>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line).with_context(|| format!("{} line {}", path.display(), n + 1))
        })
        .collect()
}

/// Indexes `corpus` into `index_dir` with the library and returns every stored document.
pub fn index_documents(corpus: &Path, index_dir: &Path) -> anyhow::Result<Vec<Document>> {
    baokan::index::build(corpus, index_dir)?;
    baokan::index::open(index_dir)?.all_documents()
}

/// How a gold record fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Has a document of its own (index into the documents), by title or by body.
    Matched { doc: usize, by_title: bool },
    /// Optional split kept inside its parent's document.
    InParent { doc: usize },
    /// No document.
    Missing,
    /// Optional split found nowhere: left out of the boundary scores.
    Excluded,
}

/// One metric: how many right out of how many.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    pub correct: usize,
    pub total: usize,
}

impl Count {
    pub fn score(self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.correct += usize::from(ok);
    }
}

/// All the metrics (see the module documentation).
#[derive(Clone, Copy, Debug, Default)]
pub struct Scores {
    pub precision: Count,
    pub recall: Count,
    pub kind: Count,
    pub title: Count,
    pub subtitle: Count,
    pub date: Count,
    pub paper: Count,
    pub region: Count,
    pub province: Count,
    pub reporters: Count,
    pub extent: Count,
    pub fields: Count,
}

impl Scores {
    /// (name, count) in display order.
    pub fn rows(&self) -> [(&'static str, Count); 12] {
        [
            ("boundary precision", self.precision),
            ("boundary recall", self.recall),
            ("kind", self.kind),
            ("title", self.title),
            ("subtitle", self.subtitle),
            ("date", self.date),
            ("paper", self.paper),
            ("region", self.region),
            ("province", self.province),
            ("reporters", self.reporters),
            ("extent (lines)", self.extent),
            ("table fields", self.fields),
        ]
    }

    /// The score table, one metric a line.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<20} {:>7} {:>7} {:>7}\n",
            "metric", "correct", "total", "score"
        );
        for (name, count) in self.rows() {
            let _ = writeln!(
                out,
                "{name:<20} {:>7} {:>7} {:>7.4}",
                count.correct,
                count.total,
                count.score()
            );
        }
        out
    }
}

/// Counts for one kind.
#[derive(Clone, Copy, Debug, Default)]
pub struct KindCounts {
    pub gold: usize,
    pub ours: usize,
    /// Gold records of this kind that are matched or mapped to a parent.
    pub matched: usize,
}

/// Counts for one file: its gold records, our documents, the records matched, and the
/// mismatches (wrong fields, missing and extra documents) found there.
#[derive(Clone, Copy, Debug, Default)]
pub struct FileCounts {
    pub gold: usize,
    pub ours: usize,
    pub matched: usize,
    pub mismatches: usize,
}

/// The full result: scores, per-kind and per-file counts and readable mismatch lines.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub scores: Scores,
    pub kinds: BTreeMap<String, KindCounts>,
    pub files: BTreeMap<String, FileCounts>,
    pub mismatches: Vec<String>,
}

impl Report {
    /// Scores, per-kind counts and mismatches as text.
    pub fn render(&self) -> String {
        let mut out = self.scores.table();
        let _ = writeln!(
            out,
            "\n{:<14} {:>5} {:>5} {:>8}",
            "kind", "gold", "ours", "matched"
        );
        for (kind, c) in &self.kinds {
            let _ = writeln!(out, "{kind:<14} {:>5} {:>5} {:>8}", c.gold, c.ours, c.matched);
        }
        let _ = writeln!(
            out,
            "\n{:<28} {:>5} {:>5} {:>8} {:>11}",
            "file", "gold", "ours", "matched", "mismatches"
        );
        for (file, c) in &self.files {
            let _ = writeln!(
                out,
                "{file:<28} {:>5} {:>5} {:>8} {:>11}",
                c.gold, c.ours, c.matched, c.mismatches
            );
        }
        let _ = writeln!(out, "\nmismatches ({}):", self.mismatches.len());
        for line in &self.mismatches {
            let _ = writeln!(out, "  {line}");
        }
        out
    }
}

/// All whitespace removed.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Trimmed, every run of whitespace made one space.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The file name of a document's `path`.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `M月D日` (any whitespace, ASCII or full-width digits) → (month, day).
pub fn month_day_text(text: &str) -> Option<(u32, u32)> {
    let digits: String = squash(text)
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let (month, rest) = digits.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    Some((month.parse().ok()?, day.parse().ok()?))
}

/// `YYYY-MM-DD` → (month, day).
fn month_day_iso(date: &str) -> Option<(u32, u32)> {
    let mut parts = date.split('-').skip(1);
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

fn titles(gold: &GoldRecord) -> impl Iterator<Item = &String> {
    gold.title.iter().chain(gold.alt_titles.iter())
}

/// Whether `doc` shares lines with the record (always, when the gold gives no lines).
fn overlaps(gold: &GoldRecord, doc: &Document) -> bool {
    match (gold.line_start, gold.line_end) {
        (Some(start), Some(end)) => doc.lines[0] <= end && start <= doc.lines[1],
        _ => true,
    }
}

fn show(value: Option<&str>) -> String {
    match value {
        Some(v) => format!("{v:?}"),
        None => "null".to_string(),
    }
}

/// Matches `docs` to `gold` and computes every metric.
pub fn score(gold: &[GoldRecord], docs: &[Document]) -> Report {
    let gold_files: std::collections::BTreeSet<&str> = gold.iter().map(|g| g.file.as_str()).collect();
    let docs_in_scope: Vec<usize> = (0..docs.len())
        .filter(|&d| gold_files.contains(file_name(&docs[d].path)))
        .collect();
    let texts: Vec<String> = docs
        .iter()
        .map(|d| squash(&format!("{}{}", d.title, d.body)))
        .collect();

    // Candidates: (sort key, gold index, doc index, by title).
    type Key = (u8, bool, bool, usize, usize, usize);
    let mut candidates: Vec<(Key, usize, usize, bool)> = Vec::new();
    for (g, record) in gold.iter().enumerate() {
        let keys: Vec<String> = titles(record).map(|t| squash(t)).collect();
        for &d in &docs_in_scope {
            let doc = &docs[d];
            if file_name(&doc.path) != record.file {
                continue;
            }
            let no_overlap = !overlaps(record, doc);
            if keys.contains(&squash(&doc.title)) {
                candidates.push(((0, record.optional_split, no_overlap, 0, g, d), g, d, true));
            } else if let Some(at) = texts[d].find(&record.first_body_chars) {
                let head = squash(&doc.title).len() + doc.subtitle.as_deref().map_or(0, |s| squash(s).len());
                let chars_after_head = texts[d][head.min(at)..at].chars().count();
                if chars_after_head <= BODY_SLACK {
                    candidates.push(((1, record.optional_split, no_overlap, at, g, d), g, d, false));
                }
            }
        }
    }
    candidates.sort();
    let mut outcome = vec![Outcome::Missing; gold.len()];
    let mut doc_taken = vec![false; docs.len()];
    for (_, g, d, by_title) in candidates {
        if outcome[g] == Outcome::Missing && !doc_taken[d] {
            outcome[g] = Outcome::Matched { doc: d, by_title };
            doc_taken[d] = true;
        }
    }
    for g in 0..gold.len() {
        let record = &gold[g];
        if !record.optional_split || outcome[g] != Outcome::Missing {
            continue;
        }
        let parent_doc = record.parent_title.as_ref().and_then(|parent| {
            gold.iter().zip(&outcome).find_map(|(p, o)| match o {
                Outcome::Matched { doc, .. } if p.file == record.file && p.title.as_ref() == Some(parent) => {
                    Some(*doc)
                }
                _ => None,
            })
        });
        outcome[g] = match parent_doc {
            Some(doc) if texts[doc].contains(&record.first_body_chars) => Outcome::InParent { doc },
            _ => Outcome::Excluded,
        };
    }

    let mut report = Report::default();
    for &d in &docs_in_scope {
        report
            .files
            .entry(file_name(&docs[d].path).to_string())
            .or_default()
            .ours += 1;
    }
    for (record, o) in gold.iter().zip(&outcome) {
        let file = report.files.entry(record.file.clone()).or_default();
        file.gold += 1;
        file.matched += usize::from(matches!(o, Outcome::Matched { .. } | Outcome::InParent { .. }));
    }
    let scores = &mut report.scores;
    for &d in &docs_in_scope {
        scores.precision.add(doc_taken[d]);
        report
            .kinds
            .entry(docs[d].kind.as_str().to_string())
            .or_default()
            .ours += 1;
    }
    for (record, o) in gold.iter().zip(&outcome) {
        let kind = report.kinds.entry(record.kind.clone()).or_default();
        kind.gold += 1;
        match o {
            Outcome::Matched { .. } | Outcome::InParent { .. } => {
                scores.recall.add(true);
                kind.matched += 1;
            }
            Outcome::Missing => scores.recall.add(false),
            Outcome::Excluded => {}
        }
    }

    for (g, record) in gold.iter().enumerate() {
        let label = match (record.line_start, record.line_end) {
            (Some(start), Some(end)) => {
                format!("{} L{start}-{end} {}", record.file, show(record.title.as_deref()))
            }
            _ => format!("{} {}", record.file, show(record.title.as_deref())),
        };
        let (d, by_title) = match outcome[g] {
            Outcome::Matched { doc, by_title } => (doc, by_title),
            Outcome::InParent { .. } => continue,
            Outcome::Missing => {
                report.mismatches.push(format!("{label}: MISSING (no document)"));
                continue;
            }
            Outcome::Excluded => {
                report.mismatches.push(format!(
                    "{label}: optional split neither split out nor found in its parent (not scored)"
                ));
                continue;
            }
        };
        let doc = &docs[d];
        let mut wrong = |metric: &str, gold_value: String, ours: String| {
            report
                .mismatches
                .push(format!("{label}: {metric}: gold {gold_value} | ours {ours}"));
        };
        if !by_title {
            wrong(
                "matched by body only",
                "-".into(),
                format!("doc {} L{}-{}", doc.id, doc.lines[0], doc.lines[1]),
            );
        }

        let ok = doc.kind.as_str() == record.kind;
        scores.kind.add(ok);
        if !ok {
            wrong("kind", record.kind.clone(), doc.kind.as_str().to_string());
        }

        let ours_title = collapse(&doc.title);
        let gold_title = record.title.as_deref().map(collapse);
        let exact_title = gold_title.as_deref() == Some(ours_title.as_str());
        let via_alt = !exact_title && record.alt_titles.iter().any(|t| collapse(t) == ours_title);
        // A piece printed without a headline has no title to get right or wrong.
        if gold_title.is_some() {
            let ok = exact_title || via_alt;
            scores.title.add(ok);
            if !ok {
                wrong("title", show(record.title.as_deref()), show(Some(&doc.title)));
            }
        }

        let gold_sub = record.subtitle.as_deref().map(collapse);
        let ours_sub = doc.subtitle.as_deref().map(collapse);
        let ok = gold_sub == ours_sub
            || (via_alt
                && (ours_sub.is_none()
                    || ours_sub == gold_title
                    || gold_sub.as_deref().is_some_and(|s| ours_title.contains(s))));
        scores.subtitle.add(ok);
        if !ok {
            wrong(
                "subtitle",
                show(record.subtitle.as_deref()),
                show(doc.subtitle.as_deref()),
            );
        }

        let ok = match record.date.as_deref() {
            Some(date) => {
                doc.date.as_deref() == Some(date)
                    || (doc.date.is_none()
                        && doc.date_text.as_deref().and_then(month_day_text).is_some()
                        && doc.date_text.as_deref().and_then(month_day_text) == month_day_iso(date))
            }
            None => {
                let found = doc.date_text.as_deref().and_then(month_day_text);
                let printed = record.date_text.as_deref().and_then(month_day_text);
                doc.date.is_none() && (found.is_none() || found == printed)
            }
        };
        scores.date.add(ok);
        if !ok {
            wrong(
                "date",
                show(record.date.as_deref()),
                format!(
                    "{} (date_text {})",
                    show(doc.date.as_deref()),
                    show(doc.date_text.as_deref())
                ),
            );
        }

        let ok = doc.paper == record.paper;
        scores.paper.add(ok);
        if !ok {
            wrong("paper", show(record.paper.as_deref()), show(doc.paper.as_deref()));
        }

        let ok =
            doc.region == record.region || doc.region.as_ref().is_some_and(|r| record.region_alt.contains(r));
        scores.region.add(ok);
        if !ok {
            let mut gold_value = show(record.region.as_deref());
            if !record.region_alt.is_empty() {
                gold_value.push_str(&format!(" (or {:?})", record.region_alt));
            }
            wrong("region", gold_value, show(doc.region.as_deref()));
        }

        if let Some(province) = &record.province {
            let ok = doc.province.as_ref() == Some(province);
            scores.province.add(ok);
            if !ok {
                wrong("province", show(Some(province)), show(doc.province.as_deref()));
            }
        }

        let ok = doc.reporters == record.reporters;
        scores.reporters.add(ok);
        if !ok {
            wrong(
                "reporters",
                format!("{:?}", record.reporters),
                format!("{:?}", doc.reporters),
            );
        }

        if let (Some(start), Some(end)) = (record.line_start, record.line_end) {
            let children_end = gold
                .iter()
                .zip(&outcome)
                .filter(|(_, o)| **o == Outcome::InParent { doc: d })
                .filter_map(|(child, _)| child.line_end)
                .max()
                .unwrap_or(0);
            let extent = [start, end.max(children_end)];
            let ok = doc.lines == extent;
            scores.extent.add(ok);
            if !ok {
                wrong("lines", format!("{extent:?}"), format!("{:?}", doc.lines));
            }
        }

        if record.kind == "table_row" {
            let ok = doc.fields == record.fields && doc.table_title == record.table_title;
            scores.fields.add(ok);
            if !ok {
                wrong(
                    "table fields",
                    format!("{:?} / {}", record.fields, show(record.table_title.as_deref())),
                    format!("{:?} / {}", doc.fields, show(doc.table_title.as_deref())),
                );
            }
        }
    }
    for &d in &docs_in_scope {
        if !doc_taken[d] {
            let doc = &docs[d];
            report.mismatches.push(format!(
                "{} L{}-{} {:?}: EXTRA document ({}, matches no gold record)",
                file_name(&doc.path),
                doc.lines[0],
                doc.lines[1],
                doc.title,
                doc.kind.as_str()
            ));
        }
    }
    for line in &report.mismatches {
        let file = line.split(' ').next().unwrap_or_default();
        if let Some(counts) = report.files.get_mut(file) {
            counts.mismatches += 1;
        }
    }
    report
}
