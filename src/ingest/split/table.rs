//! Table text (TSV, or CSV with quoted cells) → one piece per data row.
//!
//! A line above the header without separators is the table's title, carried by every row.
//! A repeated header line is skipped. Rows with more or fewer cells than the header are kept
//! and reported. The row's title is its first descriptive column (mostly non-numeric text
//! averaging six characters or more); the body is every other cell, one per line.

use std::collections::BTreeMap;

use super::{Piece, Split};
use crate::document::Kind;

/// Joins a row's cells in its body: not whitespace, so a match never runs across two cells.
const CELL_SEPARATOR: &str = " | ";

/// Whether a file without a table extension holds tab-separated rows.
pub fn looks_tab_separated(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let tabbed = lines.iter().filter(|l| l.matches('\t').count() >= 2).count();
    tabbed >= 2 && tabbed * 2 >= lines.len()
}

/// A record of cells and the lines it spans.
struct Record {
    cells: Vec<String>,
    lines: [usize; 2],
}

/// Splits a table separated by `separator` into row pieces.
pub fn split(text: &str, separator: u8) -> Split {
    let records = if separator == b',' {
        csv_records(text)
    } else {
        tsv_records(text)
    };
    let mut out = Split {
        pages: vec![super::Page {
            header: None,
            text: text.to_string(),
        }],
        ..Split::default()
    };
    let mut title: Option<String> = None;
    let mut header: Option<Vec<String>> = None;
    let mut rows: Vec<Record> = Vec::new();
    for record in records {
        if record.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.cells.len() == 1 && header.is_none() {
            title = Some(record.cells[0].trim().to_string());
        } else if header.is_none() {
            header = Some(record.cells.iter().map(|c| c.trim().to_string()).collect());
        } else if header.as_ref().is_some_and(|h| same_cells(h, &record.cells)) {
            continue;
        } else {
            rows.push(record);
        }
    }
    let Some(header) = header else {
        return out;
    };
    let title_column = title_column(&header, &rows);
    for row in rows {
        if row.cells.len() != header.len() {
            out.warnings.push(format!(
                "line {}: {} cells where the header has {}; row kept",
                row.lines[0],
                row.cells.len(),
                header.len()
            ));
        }
        out.pieces
            .push(row_piece(&header, row, title_column, title.as_deref()));
    }
    out
}

fn same_cells(header: &[String], cells: &[String]) -> bool {
    header.len() == cells.len() && header.iter().zip(cells).all(|(h, c)| h == c.trim())
}

/// Index of the column that names a row; see the module doc.
fn title_column(header: &[String], rows: &[Record]) -> usize {
    let descriptive = |column: usize| {
        let cells: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.cells.get(column))
            .map(|c| c.trim())
            .collect();
        let texty = cells
            .iter()
            .filter(|c| !c.is_empty() && c.parse::<f64>().is_err())
            .count();
        let chars: usize = cells.iter().map(|c| c.chars().count()).sum();
        !cells.is_empty() && texty * 2 > cells.len() && chars >= 6 * cells.len()
    };
    (0..header.len()).find(|&c| descriptive(c)).unwrap_or(0)
}

fn row_piece(header: &[String], row: Record, title_column: usize, table_title: Option<&str>) -> Piece {
    let name = |i: usize| {
        header
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("column {}", i + 1))
    };
    let fields: BTreeMap<String, String> = row
        .cells
        .iter()
        .enumerate()
        .map(|(i, cell)| (name(i), cell.clone()))
        .collect();
    let title = row
        .cells
        .get(title_column)
        .map(|c| c.trim().to_string())
        .unwrap_or_default();
    let body = row
        .cells
        .iter()
        .enumerate()
        .filter(|&(i, cell)| i != title_column && !cell.trim().is_empty())
        .map(|(_, cell)| cell.trim())
        .collect::<Vec<_>>()
        .join(CELL_SEPARATOR);
    Piece {
        kind: Kind::TableRow,
        title,
        subtitle: None,
        byline: None,
        body,
        lines: row.lines,
        fields: Some(fields),
        table_title: table_title.map(str::to_string),
        page: 0,
    }
}

fn tsv_records(text: &str) -> Vec<Record> {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| Record {
            cells: line
                .trim_end_matches('\r')
                .split('\t')
                .map(str::to_string)
                .collect(),
            lines: [i + 1, i + 1],
        })
        .collect()
}

/// CSV as in RFC 4180: `"` quotes a cell, `""` is a quote inside it, and a quoted cell may
/// hold commas and line breaks.
fn csv_records(text: &str) -> Vec<Record> {
    let mut records = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let (mut line, mut start) = (1, 1);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.is_empty() => quoted = true,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                cells.push(std::mem::take(&mut cell));
                records.push(Record {
                    cells: std::mem::take(&mut cells),
                    lines: [start, line],
                });
                line += 1;
                start = line;
            }
            ('\n', true) => {
                cell.push('\n');
                line += 1;
            }
            _ => cell.push(c),
        }
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        records.push(Record {
            cells,
            lines: [start, line],
        });
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_with_title_repeated_header_and_ragged_row() {
        let text = "\n一览表2023\n\n序号\t领导\t目标内容\t单位\n1\t张三\t加快济广高速菏泽段改扩建\t市交通运输局\n序号\t领导\t目标内容\t单位\n2\t李四\t推进房地产市场平稳发展\n";
        let split = split(text, b'\t');
        assert_eq!(split.pieces.len(), 2);
        let first = &split.pieces[0];
        assert_eq!(first.title, "加快济广高速菏泽段改扩建");
        assert_eq!(first.table_title.as_deref(), Some("一览表2023"));
        assert_eq!(first.fields.as_ref().unwrap()["单位"], "市交通运输局");
        assert_eq!(first.lines, [5, 5]);
        assert_eq!(first.body, "1 | 张三 | 市交通运输局");
        assert_eq!(split.warnings.len(), 1, "{:?}", split.warnings);
    }

    #[test]
    fn csv_quotes_commas_and_newlines() {
        let text = "name,note\n甲,\"a, b\"\n乙,\"line one\nline \"\"two\"\"\"\n";
        let split = split(text, b',');
        let notes: Vec<_> = split
            .pieces
            .iter()
            .map(|p| p.fields.as_ref().unwrap()["note"].clone())
            .collect();
        assert_eq!(notes, ["a, b", "line one\nline \"two\""]);
        assert_eq!(split.pieces[1].lines, [3, 4]);
    }
}
