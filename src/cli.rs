//! Command-line arguments (clap derive). Doc comments are the help text. Parsing only
//! validates; opening the index happens in `app`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::document::Kind;
use crate::search::trend::{Period, Split};
use crate::search::Sort;

/// baokan (报刊): full-text search over Chinese regional newspaper pages and government tables.
#[derive(Debug, Parser)]
#[command(name = "baokan", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the index from a corpus folder.
    Index(IndexArgs),
    /// Search the index (builds it from ./seeds on first use of the default index).
    Search(SearchArgs),
    /// Print one document by id.
    Show(ShowArgs),
    /// Counts by kind, paper and year, and the date span.
    Stats(StatsArgs),
    /// Print every document as JSON Lines.
    Export(ExportArgs),
    /// Answer searches over HTTP: a JSON API with the commands' JSON.
    Serve(ServeArgs),
    /// How many documents match per day, week, month or year: a chart, JSON, CSV or SVG.
    Trend(TrendArgs),
    /// The stories printed more than once (reprints), largest group first.
    Reprints(ReprintsArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell or elvish).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man -l -` or a man folder.
    Man,
}

/// Where the index lives.
#[derive(Debug, Args)]
pub struct IndexLocation {
    /// Index folder [default: ./index, or $BAOKAN_INDEX].
    #[arg(long, value_name = "DIR", env = "BAOKAN_INDEX")]
    pub index: Option<PathBuf>,
}

/// `baokan index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Corpus folder to index [default: the one the index was built from, else ./seeds].
    #[arg(value_name = "CORPUS")]
    pub corpus: Option<PathBuf>,
    /// The index folder.
    #[command(flatten)]
    pub location: IndexLocation,
    /// Rebuild from scratch instead of updating only new, changed and removed files.
    #[arg(long)]
    pub rebuild: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print neither the progress bar nor the text summary (errors still go to stderr).
    #[arg(short, long)]
    pub quiet: bool,
    /// Skip files larger than this many megabytes (without reading them).
    #[arg(long, value_name = "MB", default_value_t = crate::index::indexer::DEFAULT_MAX_FILE_MB)]
    pub max_file_mb: u64,
}

/// `baokan search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words must all match; "a phrase"; a OR b; title:word; ( ). Put an exclusion
    /// inside a quoted query ("城管 -停车") or after `--`, since a bare -word reads as a flag.
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// The index folder.
    #[command(flatten)]
    pub location: IndexLocation,
    /// Number of hits to print.
    #[arg(short = 'n', long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// Hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    /// What the search selects besides its words.
    #[command(flatten)]
    pub filters: Filters,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    /// How the query's words are read.
    #[command(flatten)]
    pub reading: Reading,
    /// Never relax the query: when no document holds every word, there are no hits (by
    /// default the documents holding the most words are shown, flagged relaxed). --exact
    /// implies it.
    #[arg(long)]
    pub strict: bool,
    /// Print the OpenSearch / Elasticsearch query DSL that selects the same documents from an
    /// index loaded from `export --opensearch`, sorted the same way, instead of searching.
    #[arg(long, conflicts_with_all = ["json", "jsonl", "explain", "facets"])]
    pub dsl: bool,
    /// Break each hit's score into its parts: BM25 of exact matches and of words in title
    /// and body, times the ranking's factors (occurrences, phrase, proximity, lead, date).
    #[arg(long)]
    pub explain: bool,
    /// Count all hits by paper, year, month, province, city, region and kind.
    #[arg(long)]
    pub facets: bool,
    /// One hit per story: leave out the reprints of a better-ranked hit (each hit says where
    /// else its story was printed), and count the stories.
    #[arg(long)]
    pub collapse: bool,
    /// Print the results as one JSON document.
    #[arg(long, conflicts_with = "jsonl")]
    pub json: bool,
    /// Print one JSON hit per line.
    #[arg(long)]
    pub jsonl: bool,
    /// Print the page of hits as CSV for a spreadsheet (UTF-8 with a BOM; a column per table
    /// field). Raise -n to take more hits.
    #[arg(long, conflicts_with_all = ["json", "jsonl", "dsl", "explain"])]
    pub csv: bool,
    /// Write the page of hits to FILE as an Excel workbook (.xlsx), a column per table field.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["json", "jsonl", "csv", "dsl", "explain"])]
    pub xlsx: Option<PathBuf>,
    /// When to color the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// What a search or a trend selects besides its words.
#[derive(Debug, Args)]
pub struct Filters {
    /// Only documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<i64>,
    /// Only documents dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_until)]
    pub until: Option<i64>,
    /// Only this paper (name or alias such as mdwb); repeat for several.
    #[arg(long, value_name = "NAME")]
    pub paper: Vec<String>,
    /// Only this region (e.g. 曹县, 菏泽市); repeat for several.
    #[arg(long, value_name = "NAME")]
    pub region: Vec<String>,
    /// Only this kind of document.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
}

/// How a query's words are read: with the built-in other names of government bodies, your
/// own, or exactly as written.
#[derive(Debug, Args)]
pub struct Reading {
    /// Search every word exactly as written: no other names of government bodies
    /// (by default 住建局 also finds 住房和城乡建设局, ranked below).
    #[arg(long, conflicts_with = "synonyms")]
    pub exact: bool,
    /// Also treat the names grouped in FILE as interchangeable: one group a line, forms joined
    /// by '=' (住建局=住房和城乡建设局), '#' comments.
    #[arg(long, value_name = "FILE")]
    pub synonyms: Option<PathBuf>,
}

/// `baokan trend`.
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// The query, read as `search` reads it; several queries separated by a comma
    /// (营商环境 , 城管) give one series each.
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// The index folder.
    #[command(flatten)]
    pub location: IndexLocation,
    /// The length of a period (a week runs Monday to Sunday).
    #[arg(long, value_enum, default_value_t = Period::Month)]
    pub by: Period,
    /// One series for each paper, region, city, province or kind of the matching documents.
    #[arg(long, value_enum)]
    pub split: Option<Split>,
    /// What the trend counts besides its words.
    #[command(flatten)]
    pub filters: Filters,
    /// How the query's words are read.
    #[command(flatten)]
    pub reading: Reading,
    /// Print the counts as one JSON document.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print the counts as CSV: a row per period, a column per series.
    #[arg(long)]
    pub csv: bool,
    /// Also draw the series as a line chart into FILE (SVG).
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// When to color the chart.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `baokan reprints`.
#[derive(Debug, Args)]
pub struct ReprintsArgs {
    /// Only the stories one of whose printings matches this query (read as `search --strict`
    /// reads it); every story when none is given.
    #[arg(value_name = "QUERY", num_args = 0..)]
    pub query: Vec<String>,
    /// The index folder.
    #[command(flatten)]
    pub location: IndexLocation,
    /// Number of stories to print.
    #[arg(short = 'n', long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// How the query's words are read.
    #[command(flatten)]
    pub reading: Reading,
    /// Print the stories as one JSON document.
    #[arg(long)]
    pub json: bool,
}

/// `baokan completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `baokan show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Document id, as printed by search.
    pub id: String,
    /// The index folder.
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print the document as JSON.
    #[arg(long)]
    pub json: bool,
    /// Light this query's matches in the title and body, as `search` lights them (JSON:
    /// `title_highlights` and `body_highlights`).
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
}

/// `baokan stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The index folder.
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print the statistics as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `baokan export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The index folder.
    #[command(flatten)]
    pub location: IndexLocation,
    /// Write an OpenSearch / Elasticsearch index template and bulk NDJSON files (at most
    /// about 10 MB each) into DIR instead of printing JSON Lines.
    #[arg(long, value_name = "DIR")]
    pub opensearch: Option<PathBuf>,
    /// The cluster's index name, in the bulk actions and the template's pattern.
    #[arg(long, value_name = "NAME", default_value = "baokan", requires = "opensearch")]
    pub index_name: String,
    /// Route each document by paper and year (`routing: "牡丹晚报/2023"`).
    #[arg(long, requires = "opensearch")]
    pub routing: bool,
}

/// `baokan serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The index folder.
    #[command(flatten)]
    pub location: IndexLocation,
    /// Address to listen on (loopback unless told otherwise).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:7700")]
    pub addr: std::net::SocketAddr,
    /// Let pages of ORIGIN (`https://example.org`) call the API from a browser; without it,
    /// no cross-origin header is sent.
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<axum::http::HeaderValue>,
}

/// `--color` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Never color.
    Never,
    /// Color when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always color.
    Always,
}

fn parse_since(text: &str) -> Result<i64, String> {
    parse_date(text, false)
}

fn parse_until(text: &str) -> Result<i64, String> {
    parse_date(text, true)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` → the first (or, for `end`, last) day it covers, as
/// `YYYYMMDD`. A year alone starts at `YYYY0000`, so that what is dated only to that year (a
/// table row of a `2023年` table) is in it.
pub fn parse_date(text: &str, end: bool) -> Result<i64, String> {
    let usage = || format!("'{text}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i64>().ok())
            .flatten()
    };
    let year = parts.first().and_then(|y| number(y, 4)).ok_or_else(usage)?;
    let month = match parts.get(1) {
        Some(m) => number(m, 2)
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| format!("'{text}': month must be 01–12"))?,
        None if end => 12,
        None => return Ok(year * 10_000),
    };
    let last_day = days_in_month(year, month);
    let day = match parts.get(2) {
        Some(d) => number(d, 2)
            .filter(|d| (1..=last_day).contains(d))
            .ok_or_else(|| format!("'{text}': day must be 01–{last_day:02} in that month"))?,
        None if end => last_day,
        None => 1,
    };
    if parts.len() > 3 {
        return Err(usage());
    }
    Ok(year * 10_000 + month * 100 + day)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2024", false),
            Ok(20240000),
            "a year alone takes in its year-only dates"
        );
        assert_eq!(parse_date("2024", true), Ok(20241231));
        assert_eq!(parse_date("2024-02", true), Ok(20240229));
        assert_eq!(parse_date("2023-03-08", false), Ok(20230308));
        for bad in ["2023-13-40", "2023-02-30", "23", "2023/03/08", "2023-3-8", "abcd"] {
            assert!(parse_date(bad, false).is_err(), "{bad}");
        }
    }
}
