//! The unit of search: one article, column, photo caption or table row, with its metadata.
//!
//! Comes in from `split` (text and line range) and `meta` (date, paper, region, reporters);
//! goes out to `indexer` (stored as JSON, indexed by `schema`) and to `output`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What sort of piece of a page a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum Kind {
    /// A news article with a headline and (usually) a byline.
    Article,
    /// A short signed piece closed by a rubric label, such as seed 001's `权威发布` items.
    Column,
    /// A photo with its caption and credit.
    PhotoCaption,
    /// One data row of a TSV/CSV table.
    TableRow,
}

impl Kind {
    /// The name used in the index, in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Column => "column",
            Kind::PhotoCaption => "photo_caption",
            Kind::TableRow => "table_row",
        }
    }
}

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DatePrecision {
    /// Year, month and day.
    Day,
    /// Month and day are printed, the year is not fixed by anything.
    MonthDay,
    /// Only the year is known (a table row, from its table's title).
    Year,
}

/// A date as found on the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundDate {
    /// `YYYY-MM-DD` when the year is known.
    pub date: Option<String>,
    /// The text the date was read from, e.g. `3月8日`.
    pub text: String,
    /// How much of the date is known.
    pub precision: DatePrecision,
    /// Where it came from: `sidecar`, `path`, `page` (the e-paper header), `text` (the lead)
    /// or `table` (a table title).
    pub source: &'static str,
}

impl FoundDate {
    /// The year, when known.
    pub fn year(&self) -> Option<i32> {
        self.date.as_ref()?.get(..4)?.parse().ok()
    }
}

/// One searchable document, as stored in the index and printed by `export`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: a hash of the file's corpus path and the piece's ordinal (`8965b5f418-1`).
    pub id: String,
    /// Article, column, photo caption or table row.
    pub kind: Kind,
    /// The headline as printed (a table row: its descriptive cell).
    pub title: String,
    /// The subtitle as printed, when there is one.
    pub subtitle: Option<String>,
    /// `YYYY-MM-DD`, only when the year is known.
    pub date: Option<String>,
    /// The printed date text (`3月8日`), also when the year is unknown.
    pub date_text: Option<String>,
    /// `day` or `month-day`.
    pub date_precision: Option<DatePrecision>,
    /// Where the date came from.
    pub date_source: Option<String>,
    /// The paper's canonical name.
    pub paper: Option<String>,
    /// The news agency whose copy the document is (`新华社`), when a wire dateline or credit
    /// names one; `paper` is the paper that printed it.
    pub source: Option<String>,
    /// The county, district or city the document is about (its official name; `市中区` names
    /// four places, told apart by `city`).
    pub region: Option<String>,
    /// The region's GB/T 2260 code.
    pub region_code: Option<String>,
    /// The prefecture-level city (or municipality) the region lies in.
    pub city: Option<String>,
    /// The province (or autonomous region, or municipality) the region lies in.
    pub province: Option<String>,
    /// Every name in the byline, correspondents and photographers included.
    pub reporters: Vec<String>,
    /// The source file: the corpus folder as given, joined with the path inside it.
    pub path: String,
    /// First and last line (1-based, inclusive) of the source the document came from.
    pub lines: [usize; 2],
    /// Column name → cell, for table rows.
    pub fields: Option<BTreeMap<String, String>>,
    /// The title of the table a row belongs to.
    pub table_title: Option<String>,
    /// All searchable text besides the title: subtitle, byline and paragraphs as printed.
    pub body: String,
}

/// Bits of [`Document::corpus_order`] for the piece number within a file.
const PIECE_BITS: u32 = 20;

/// The file part of a [`Document::corpus_order`]: equal for the pieces of one file.
pub fn corpus_file(order: u64) -> u64 {
    order >> PIECE_BITS
}

impl Document {
    /// The document's place in the corpus, for ordering equals: its file (by the path hash that
    /// opens its id), then its place in the file (the piece number that closes it), so that
    /// the rows of one table keep their printed order. `u64::MAX` for an id of another form.
    pub fn corpus_order(&self) -> u64 {
        let parsed = self.id.split_once('-').and_then(|(file, piece)| {
            let file = u64::from_str_radix(file, 16).ok()?;
            let piece: u64 = piece.parse().ok()?;
            (piece < 1 << PIECE_BITS).then_some(file << PIECE_BITS | piece)
        });
        parsed.unwrap_or(u64::MAX)
    }

    /// The id of the document of corpus order `order`: the inverse of
    /// [`Document::corpus_order`] for the ids the indexer gives.
    pub fn id_of_order(order: u64) -> String {
        format!("{:010x}-{}", order >> PIECE_BITS, order & ((1 << PIECE_BITS) - 1))
    }

    /// A table row's column names (none for other documents).
    pub fn column_names(&self) -> impl Iterator<Item = &str> {
        self.fields
            .iter()
            .flat_map(|fields| fields.keys())
            .map(String::as_str)
    }

    /// The date as a sortable number `YYYYMMDD`, when the year is known; a date known only to
    /// its year (a table row of a `2023年` table) is `YYYY0000`, before every day of the year.
    pub fn date_number(&self) -> Option<i64> {
        if let Some(date) = self.date.as_deref() {
            return date.replace('-', "").parse().ok();
        }
        if self.date_precision != Some(DatePrecision::Year) {
            return None;
        }
        let year: i64 = self.date_text.as_deref()?.trim_end_matches('年').parse().ok()?;
        Some(year * 10_000)
    }
}

#[cfg(test)]
impl Document {
    /// A document with only an id, a kind, a title and a body, for the unit tests.
    pub(crate) fn sample(id: &str, kind: Kind, title: &str, body: &str) -> Document {
        Document {
            id: id.into(),
            kind,
            title: title.into(),
            subtitle: None,
            date: None,
            date_text: None,
            date_precision: None,
            date_source: None,
            paper: None,
            source: None,
            region: None,
            region_code: None,
            city: None,
            province: None,
            reporters: Vec::new(),
            path: "p".into(),
            lines: [1, 1],
            fields: None,
            table_title: None,
            body: body.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_order_is_the_file_then_the_piece() {
        let doc = |id: &str| Document::sample(id, Kind::TableRow, "", "");
        assert!(doc("00000000ff-2").corpus_order() < doc("00000000ff-10").corpus_order());
        assert!(doc("00000000ff-99").corpus_order() < doc("0000000100-1").corpus_order());
        assert_eq!(doc("not-an-id").corpus_order(), u64::MAX);
        for id in ["8965b5f418-1", "00000000ff-999", "ffffffffff-0"] {
            assert_eq!(Document::id_of_order(doc(id).corpus_order()), id);
        }
    }
}
