//! Table text (TSV, CSV with quoted cells, or rows between pipes `| a | b |`) → one piece per
//! data row.
//!
//! A line above the header without separators is the table's title, carried by every row.
//! A repeated header line (and a pipe table's `|---|---|` rule) is skipped. Rows with more or
//! fewer cells than the header are kept and reported. The row's title is its first
//! descriptive column (mostly text, not numbers or dates, averaging six characters or more),
//! else its longest text column; the body is every other cell.

use std::collections::BTreeMap;

use super::{Piece, Split};
use crate::document::Kind;

/// Joins a row's cells in its body: not whitespace, so a match never runs across two cells.
const CELL_SEPARATOR: &str = " | ";

/// The separator of the rows a file without a table extension holds, if it holds a table:
/// tabs, or pipes around its cells (`| 序号 | 任务 |`), on at least half of its lines.
pub fn separator(text: &str) -> Option<u8> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let most = |rows: usize| rows >= 2 && rows * 2 >= lines.len();
    let tabbed = lines.iter().filter(|l| l.matches('\t').count() >= 2).count();
    let piped = lines
        .iter()
        .filter(|l| l.trim_start().starts_with('|') && l.matches('|').count() >= 3)
        .count();
    if most(tabbed) {
        Some(b'\t')
    } else {
        most(piped).then_some(b'|')
    }
}

/// A record of cells and the lines it spans.
struct Record {
    cells: Vec<String>,
    lines: [usize; 2],
}

/// Splits a table separated by `separator` into row pieces.
pub fn split(text: &str, separator: u8) -> Split {
    let records = match separator {
        b',' => csv_records(text),
        b'|' => pipe_records(text),
        _ => tsv_records(text),
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
    // For each column whose cells are mostly text: its characters a cell.
    let text_columns: Vec<(usize, usize)> = (0..header.len())
        .filter_map(|column| {
            let cells: Vec<&str> = rows
                .iter()
                .filter_map(|r| r.cells.get(column))
                .map(|c| c.trim())
                .collect();
            let texty = cells.iter().filter(|c| is_text_cell(c)).count();
            let chars: usize = cells.iter().map(|c| c.chars().count()).sum();
            (!cells.is_empty() && texty * 2 > cells.len()).then(|| (column, chars / cells.len()))
        })
        .collect();
    let descriptive = text_columns.iter().find(|&&(_, chars)| chars >= 6);
    let longest = text_columns
        .iter()
        .max_by_key(|&&(column, chars)| (chars, std::cmp::Reverse(column)));
    descriptive.or(longest).map_or(0, |&(column, _)| column)
}

/// A cell of text, not a number or a date (`12.5`, `2023年6月`, `2023-06-30`).
fn is_text_cell(cell: &str) -> bool {
    let digits = cell.chars().filter(char::is_ascii_digit).count();
    !cell.is_empty() && cell.parse::<f64>().is_err() && digits * 2 < cell.chars().count()
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

/// Rows printed between pipes (`| 1 | 背街小巷改造 |`), as Markdown and plain-text tables print
/// them; the rule under a Markdown header (`|---|:---:|`) is no row, and a line without pipes
/// is a one-cell record (a title).
fn pipe_records(text: &str) -> Vec<Record> {
    text.split('\n')
        .enumerate()
        .filter_map(|(i, line)| {
            let line = line.trim();
            let inner = line
                .strip_prefix('|')
                .map_or(line, |l| l.strip_suffix('|').unwrap_or(l));
            let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
            let rule = cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
            (!rule).then_some(Record {
                cells,
                lines: [i + 1, i + 1],
            })
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
    fn a_row_is_titled_by_text_not_by_dates() {
        let text = "序号\t工作任务\t责任单位\t完成时限\n1\t背街小巷改造\t市城管局\t2023年6月\n2\t公厕提升\t各区政府\t2023年9月\n";
        let titles: Vec<String> = split(text, b'\t').pieces.into_iter().map(|p| p.title).collect();
        assert_eq!(titles, ["背街小巷改造", "公厕提升"]);
        assert!(!is_text_cell("2023年6月") && !is_text_cell("12.5") && is_text_cell("市城管局"));
    }

    #[test]
    fn rows_between_pipes() {
        let text = "某市重点工作推进情况表\n\n| 序号 | 工作任务 | 责任单位 |\n|---|:---|---|\n| 1 | 背街小巷改造提升 | 市城管局 |\n| 2 | 城区公厕提升改造 | 各区政府 |\n";
        assert_eq!(separator(text), Some(b'|'));
        let split = split(text, b'|');
        assert_eq!(split.pieces.len(), 2);
        assert_eq!(split.pieces[0].title, "背街小巷改造提升");
        assert_eq!(split.pieces[0].fields.as_ref().unwrap()["责任单位"], "市城管局");
        assert_eq!(
            split.pieces[0].table_title.as_deref(),
            Some("某市重点工作推进情况表")
        );
        assert_eq!(split.pieces[1].lines, [6, 6]);
        assert_eq!(
            separator("2023-03-08 | 来源:某报\n\n正文第一段。\n\n正文第二段。"),
            None
        );
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
