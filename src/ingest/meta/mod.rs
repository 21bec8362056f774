//! A piece plus its page → metadata: date, paper, region and reporters.
//!
//! Sources in order of precedence: sidecars (`NAME.meta.json`, `baokan.toml`, see
//! [`sidecar`]), the file's path (`2023-03-08/`, `mdwb/`), the page's
//! e-paper header (`2021年05月12日 第A3版`), then the text (bylines, the lead's `M月D日`).
//! Values are `None` when nothing says: a year is never invented, a paper never guessed.

mod date;
mod paper;
mod region;
mod reporters;
pub mod sidecar;

use super::header::Header;
use super::split::Piece;
use crate::document::FoundDate;

pub(crate) use paper::{known_papers, resolve_paper};

/// What the whole page tells about every piece on it.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// What sidecars state about the file; it outranks everything else.
    pub given: sidecar::Given,
    /// The date of the page, from the file's path or the page's header; it dates every piece.
    pub date: Option<FoundDate>,
    /// The paper the path names, else the one the page's header names.
    pub named_paper: Option<String>,
    /// The page date's year, else the latest year the page states (`2023年`), used to complete `M月D日` dates.
    pub year: Option<i32>,
    /// The region of the whole page, the fallback for pieces that name none.
    pub region: Option<&'static str>,
    /// The paper that `本报` means on this page: the one its bylines name, else its city's daily.
    pub paper: Option<&'static str>,
}

impl Page {
    /// Reads the facts of a whole file from its corpus-relative `path` and its text.
    pub fn read(path: &str, text: &str, given: sidecar::Given) -> Page {
        let region = region::of_page(text);
        let date = given.date.clone().or_else(|| date::path_date(path));
        let year = date
            .as_ref()
            .and_then(FoundDate::year)
            .or_else(|| date::latest_year(text));
        Page {
            given,
            date,
            named_paper: paper::of_path(path).map(str::to_string),
            year,
            region,
            paper: paper::of_page(text, region.and_then(region::city_of)),
        }
    }

    /// The facts of the page printed under `header`: its date and paper, where the sidecars
    /// and the path state none.
    pub fn under(&self, header: Option<&Header>) -> Page {
        let mut page = self.clone();
        let Some(header) = header else {
            return page;
        };
        if page.date.is_none() {
            if let Some(date) = &header.date {
                page.year = date.year().or(page.year);
                page.date = Some(date.clone());
            }
        }
        if page.named_paper.is_none() {
            page.named_paper = header
                .paper
                .as_deref()
                .map(|name| resolve_paper(name).map_or_else(|| name.to_string(), str::to_string));
        }
        page
    }
}

/// Metadata of one piece.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub date: Option<FoundDate>,
    pub paper: Option<String>,
    pub region: Option<String>,
    pub reporters: Vec<String>,
}

/// Extracts the metadata of `piece` on `page`.
pub fn describe(piece: &Piece, page: &Page) -> Meta {
    let byline = piece.byline.as_deref().unwrap_or("");
    let lead = || {
        piece
            .byline
            .as_ref()
            .and_then(|_| date::lead_date(&piece.body, page.year))
    };
    Meta {
        date: page
            .date
            .clone()
            .or_else(lead)
            .or_else(|| piece.table_title.as_deref().and_then(date::table_year)),
        paper: page.given.paper.clone().or_else(|| {
            page.named_paper
                .clone()
                .or_else(|| paper::of_byline(byline, page.paper).map(str::to_string))
        }),
        region: page
            .given
            .region
            .clone()
            .or_else(|| region_of(piece, page).map(str::to_string)),
        reporters: reporters::of_piece(byline, &piece.body),
    }
}

/// A table row belongs to the region its table's title names (a city government's table);
/// anything else to the region its own text names, or the page's.
fn region_of(piece: &Piece, page: &Page) -> Option<&'static str> {
    let table = piece
        .table_title
        .as_deref()
        .and_then(|title| region::region(title, "", None));
    table.or_else(|| region::region(&piece.title, &piece.body, page.region))
}
