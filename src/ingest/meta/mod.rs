//! A piece plus its page → metadata: date, paper, region and reporters.
//!
//! Sources in order of precedence: sidecars (`NAME.meta.json`, `baokan.toml`, see
//! [`sidecar`]), the file's path (`2023-03-08/`, `mdwb/`), the page's
//! e-paper header (`2021年05月12日 第A3版`), then the text (bylines, the lead's `M月D日`).
//! Values are `None` when nothing says: a year is never invented, a paper never guessed.

mod date;
mod gazetteer;
mod paper;
mod region;
mod reporters;
pub mod sidecar;
mod towns;
mod wire;

use std::cell::OnceCell;

use super::split::{self, Piece};
use crate::document::FoundDate;

pub(crate) use paper::{papers_named, resolve_paper};
pub(crate) use region::{codes_named, Region};

/// What the whole page tells about every piece on it.
#[derive(Debug, Clone)]
pub struct Page<'a> {
    /// What sidecars state about the file; it outranks everything else.
    pub given: sidecar::Given,
    /// The date of the page, from the file's path or the page's header; it dates every piece.
    pub date: Option<FoundDate>,
    /// The file's corpus-relative path.
    path: &'a str,
    /// The paper the page's header names, as printed or resolved.
    header_paper: Option<String>,
    /// The page date's year, else the years the page states (`2023年`), used to complete
    /// `M月D日` dates.
    pub year: date::PageYear,
    /// The page's text, read for its region and its paper only when a piece needs them.
    text: &'a str,
    text_region: OnceCell<Option<Region>>,
    named_paper: OnceCell<Option<String>>,
    region: OnceCell<Option<Region>>,
    paper: OnceCell<Option<String>>,
}

impl<'a> Page<'a> {
    /// Reads the facts of one `printed` page of the file at corpus-relative `path`, with what
    /// the file's sidecars state (`given`): its date (sidecar, path, else header) and the paper
    /// its path or header names.
    pub fn read(path: &'a str, printed: &'a split::Page, given: &sidecar::Given) -> Page<'a> {
        let text = &printed.text;
        let header = printed.header.as_ref();
        let date = given
            .date
            .clone()
            .or_else(|| date::path_date(path))
            .or_else(|| header.and_then(|h| h.date.clone()));
        let printed_year = date
            .as_ref()
            .and_then(FoundDate::year)
            .or_else(|| date::path_year(path));
        let year = date::PageYear::of(printed_year, text);
        let header_paper = header
            .and_then(|h| h.paper.as_deref())
            .map(|name| resolve_paper(name, None).unwrap_or_else(|| name.to_string()));
        Page {
            given: given.clone(),
            date,
            path,
            header_paper,
            year,
            text,
            text_region: OnceCell::new(),
            named_paper: OnceCell::new(),
            region: OnceCell::new(),
            paper: OnceCell::new(),
        }
    }

    /// The region of the whole page, the fallback for pieces that name none: the place its
    /// text names most, else the one its paper is named after (`兰州晚报`).
    pub fn region(&self) -> Option<Region> {
        *self.region.get_or_init(|| {
            self.text_region()
                .or_else(|| self.named_paper().as_deref().and_then(region::of_paper))
        })
    }

    /// The place the page's text names most.
    fn text_region(&self) -> Option<Region> {
        *self.text_region.get_or_init(|| region::of_page(self.text))
    }

    /// The paper the path names (an alias read on the page's region), else the one the page's
    /// header names.
    pub fn named_paper(&self) -> Option<String> {
        self.named_paper
            .get_or_init(|| {
                paper::of_path(self.path, || self.text_region()).or_else(|| self.header_paper.clone())
            })
            .clone()
    }

    /// The paper that `本报` means on this page: the one its bylines name, else its city's
    /// daily.
    pub fn paper(&self) -> Option<String> {
        self.paper
            .get_or_init(|| paper::of_page(self.text, self.region().and_then(Region::city)))
            .clone()
    }
}

/// Metadata of one piece.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub date: Option<FoundDate>,
    pub paper: Option<String>,
    /// The news agency whose copy the piece is (`新华社`), printed by `paper`.
    pub source: Option<&'static str>,
    pub region: Option<String>,
    /// The gazetteer's place of the region, which gives its code, city and province.
    pub place: Option<Region>,
    pub reporters: Vec<String>,
}

/// Extracts the metadata of `piece` on `page`.
pub fn describe(piece: &Piece, page: &Page) -> Meta {
    let byline = piece.byline.as_deref().unwrap_or("");
    let paper = page.given.paper.clone().or_else(|| {
        page.named_paper()
            .or_else(|| paper::named_in(byline))
            .or_else(|| paper::of_lead(&piece.body))
            .or_else(|| paper::of_source(&piece.body))
            .or_else(|| paper::of_byline(byline, page.paper()))
            .or_else(|| {
                let credits = reporters::credits(&piece.body);
                paper::of_press_group(std::iter::once(byline).chain(credits.iter().map(String::as_str)))
            })
    });
    // A region the sidecars state is that place when the gazetteer knows one of that name; a
    // piece and page that name no place are placed at their paper's home (`云上通城讯` → 通城县).
    let home = paper.as_deref().and_then(region::of_paper);
    let place = match &page.given.region {
        Some(given) => Region::named(given),
        None => region_of(piece, page, home).or(home),
    };
    let lead = || match piece.byline {
        Some(_) => date::lead_date(&piece.body, page.year),
        None => date::opening_date(&piece.body, page.year),
    };
    Meta {
        date: page
            .date
            .clone()
            .or_else(lead)
            .or_else(|| piece.table_title.as_deref().and_then(date::table_year)),
        paper,
        source: wire::source(&piece.body),
        region: page
            .given
            .region
            .clone()
            .or_else(|| place.and_then(Region::name).map(str::to_string)),
        place,
        reporters: reporters::of_piece(byline, &piece.body),
    }
}

/// A table row belongs to the region its table's title names (a city government's table);
/// anything else to the region its own text names (its `我市` the `home` of its paper's), or
/// the page's.
fn region_of(piece: &Piece, page: &Page, home: Option<Region>) -> Option<Region> {
    let table = piece
        .table_title
        .as_deref()
        .and_then(|title| region::region(title, "", home));
    table
        .or_else(|| region::region(&piece.title, &piece.body, home))
        .or_else(|| page.region())
}
