//! Hits and trends → spreadsheets: `search --csv` and `trend --csv` (UTF-8 with a byte-order
//! mark, so Excel and WPS read Chinese), `search --xlsx FILE` (an Excel workbook).
//!
//! A page of hits is a row per hit under the columns `id, title, date, paper, region, kind,
//! path, lines, snippet`, then one column per field of the table rows among them, in the order
//! they first appear (empty for the hits that lack it). A trend is a row per period (its
//! name, first and last day) and a column per series.

use std::path::Path;

use anyhow::Context;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::search::trend::Trend;
use crate::search::Results;

/// The byte-order mark that tells spreadsheet programs the CSV is UTF-8.
const BOM: &str = "\u{feff}";

/// The columns every hit has, before its table fields.
const COLUMNS: [&str; 9] = [
    "id", "title", "date", "paper", "region", "kind", "path", "lines", "snippet",
];

/// The page of hits as rows of cells under a header.
struct Sheet {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Sheet {
    fn of(results: &Results) -> Sheet {
        let mut header: Vec<String> = COLUMNS.map(String::from).into();
        for hit in &results.hits {
            for column in hit.doc.fields.iter().flat_map(|fields| fields.keys()) {
                if !header.contains(column) {
                    header.push(column.clone());
                }
            }
        }
        let rows = results
            .hits
            .iter()
            .map(|hit| {
                let doc = &hit.doc;
                let text = |value: &Option<String>| value.clone().unwrap_or_default();
                let mut row = vec![
                    doc.id.clone(),
                    doc.title.clone(),
                    doc.date
                        .clone()
                        .or_else(|| doc.date_text.clone())
                        .unwrap_or_default(),
                    text(&doc.paper),
                    text(&doc.region),
                    doc.kind.as_str().to_string(),
                    doc.path.clone(),
                    format!("{}-{}", doc.lines[0], doc.lines[1]),
                    hit.snippet.text.clone(),
                ];
                for column in &header[COLUMNS.len()..] {
                    let cell = doc.fields.as_ref().and_then(|fields| fields.get(column));
                    row.push(cell.cloned().unwrap_or_default());
                }
                row
            })
            .collect();
        Sheet { header, rows }
    }
}

/// `search --csv`: the page of hits as CSV.
pub fn csv(results: &Results) -> anyhow::Result<String> {
    let sheet = Sheet::of(results);
    write_csv(std::iter::once(sheet.header).chain(sheet.rows))
}

/// `trend --csv`: a row per period (`period, since, until`, then each series' count), and a
/// last row `undated` with the documents of each series that no period holds.
pub fn trend_csv(trend: &Trend) -> anyhow::Result<String> {
    let mut header: Vec<String> = ["period", "since", "until"].map(String::from).into();
    header.extend(trend.series.iter().map(|s| trend.key(s)));
    let mut rows = vec![header];
    for (i, span) in trend.periods.iter().enumerate() {
        let mut row = vec![span.period.clone(), span.since.clone(), span.until.clone()];
        row.extend(trend.series.iter().map(|s| s.counts[i].to_string()));
        rows.push(row);
    }
    let mut undated = vec!["undated".to_string(), String::new(), String::new()];
    undated.extend(trend.series.iter().map(|s| s.undated.to_string()));
    rows.push(undated);
    write_csv(rows)
}

fn write_csv(rows: impl IntoIterator<Item = Vec<String>>) -> anyhow::Result<String> {
    let mut writer = ::csv::Writer::from_writer(BOM.as_bytes().to_vec());
    for row in rows {
        writer.write_record(&row)?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}

/// `search --xlsx FILE`: the page of hits as a workbook of one sheet, the header bold and
/// frozen, a filter on every column, dates as Excel dates.
pub fn xlsx(results: &Results, path: &Path) -> anyhow::Result<()> {
    let sheet = Sheet::of(results);
    let mut book = Workbook::new();
    let page = book.add_worksheet();
    page.set_name("检索结果")?;
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let date_column = COLUMNS.iter().position(|&c| c == "date").map(|c| c as u16);
    for (c, name) in sheet.header.iter().enumerate() {
        page.write_string_with_format(0, c as u16, name, &bold)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            let date = (Some(c) == date_column).then(|| ExcelDateTime::parse_from_str(cell).ok());
            match date.flatten() {
                Some(date) => page.write_datetime_with_format(r, c, &date, &day)?,
                None => page.write_string(r, c, cell)?,
            };
        }
    }
    let columns = sheet.header.len() as u16;
    page.set_freeze_panes(1, 0)?;
    page.autofilter(0, 0, sheet.rows.len() as u32, columns.saturating_sub(1))?;
    for (c, width) in [(0, 14.0), (1, 40.0), (2, 11.0), (6, 30.0), (8, 60.0)] {
        page.set_column_width(c, width)?;
    }
    book.save(path)
        .with_context(|| format!("cannot write the workbook {}", path.display()))?;
    Ok(())
}
