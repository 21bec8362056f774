//! Decoded file text → pieces: the articles, columns and photo captions of a newspaper page,
//! or the rows of a table.
//!
//! A piece knows its text and line range, not its metadata (that is `meta`'s job). Tables are
//! recognised by content (tab-separated lines, rows between pipes) or a `.tsv`/`.csv` name; everything else is read
//! as a page of paragraphs.

mod page;
mod paragraphs;
mod recognize;
mod repair;
mod table;

pub(super) use recognize::{is_sidebar_label, marks_a_photo};

use std::collections::BTreeMap;

use super::header::Header;
use crate::document::Kind;

/// One document's worth of text, before metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub kind: Kind,
    pub title: String,
    pub subtitle: Option<String>,
    /// The byline as printed (`本报讯(记者 X)`, `记者 X`, `记者 X摄`), when there is one.
    pub byline: Option<String>,
    /// Every line of the piece except the title, in printed order.
    pub body: String,
    /// First and last line, 1-based and inclusive.
    pub lines: [usize; 2],
    pub fields: Option<BTreeMap<String, String>>,
    pub table_title: Option<String>,
    /// Which page of the file the piece is on: its index in [`Split::pages`].
    pub page: usize,
}

/// One page of a file: its header, and its text (the pieces' paragraphs, headers left out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The header line(s) printed above the page (`2021年05月12日 第A3版:要闻`,
    /// `2019-02-15 来源:温州日报`), when there are any.
    pub header: Option<Header>,
    pub text: String,
}

/// A piece plus what the split noticed that the user should hear about.
#[derive(Debug, Default)]
pub struct Split {
    pub pieces: Vec<Piece>,
    pub warnings: Vec<String>,
    /// The pages of the file: a file holding several pages under their own headers has one
    /// each, any other file one.
    pub pages: Vec<Page>,
}

/// Splits one file's text; `file_name` decides between table formats.
pub fn split(text: &str, file_name: &str) -> Split {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        table::split(text, b',')
    } else if lower.ends_with(".tsv") {
        table::split(text, b'\t')
    } else if let Some(separator) = table::separator(text) {
        table::split(text, separator)
    } else {
        let (pieces, pages) = page::split(text);
        Split {
            pieces,
            warnings: Vec::new(),
            pages,
        }
    }
}
