//! `search --csv` and `search --xlsx FILE`: read back by a CSV reader and by calamine, they
//! give the hits of `search --json`, table rows a column per field.

use calamine::{open_workbook_auto, Data, DataType, Reader};

use crate::util::{Dir, Hit};

/// The cells a hit's row should hold under `header`.
fn expected_row(hit: &Hit, header: &[String]) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    header
        .iter()
        .map(|column| match column.as_str() {
            "id" => hit.id.clone(),
            "title" => hit.title.clone(),
            "date" => hit
                .date
                .clone()
                .or_else(|| hit.date_text.clone())
                .unwrap_or_default(),
            "paper" => text(&hit.paper),
            "region" => text(&hit.region),
            "kind" => serde_json::to_value(hit.kind)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string(),
            "path" => hit.path.clone(),
            "lines" => format!("{}-{}", hit.lines[0], hit.lines[1]),
            "snippet" => hit.snippet.clone(),
            field => text(&hit.fields.as_ref().and_then(|f| f.get(field).cloned())),
        })
        .collect()
}

#[test]
fn csv_and_xlsx_give_the_hits_with_a_column_per_table_field() {
    let dir = Dir::seeded("sheets");
    // Articles and table rows of two tables.
    let args = ["城管 OR 公园 OR 高速", "-n", "40"];
    let json = dir.search(&args);
    assert!(json.hits.iter().any(|h| h.fields.is_some()) && json.hits.iter().any(|h| h.fields.is_none()));

    let run = dir
        .command(&[&["search", "--index", "idx", "--csv"], &args[..]].concat())
        .run()
        .success();
    let csv = run
        .stdout
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for Excel and WPS");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..9],
        ["id", "title", "date", "paper", "region", "kind", "path", "lines", "snippet"]
    );
    for hit in json.hits.iter().filter_map(|h| h.fields.as_ref()) {
        for column in hit.keys() {
            assert!(header.contains(column), "a column for the field {column}");
        }
    }
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), json.hits.len());
    for (row, hit) in rows.iter().zip(&json.hits) {
        assert_eq!(row, &expected_row(hit, &header));
    }

    let wrote = dir
        .command(&[&["search", "--index", "idx", "--xlsx", "hits.xlsx"], &args[..]].concat())
        .run()
        .success();
    wrote.check(
        wrote.stdout.contains(&format!(
            "wrote {} of {} hits to hits.xlsx",
            json.hits.len(),
            json.total
        )),
        "says what it wrote",
    );
    let mut book = open_workbook_auto(dir.join("hits.xlsx")).expect("an xlsx calamine reads");
    let sheet = book.worksheet_range("检索结果").expect("the sheet of hits");
    let cells: Vec<Vec<String>> = sheet
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::DateTime(_) => cell.as_date().expect("a date").to_string(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    assert_eq!(cells[0], header, "the same header");
    for (row, csv_row) in cells[1..].iter().zip(&rows) {
        assert_eq!(row, csv_row, "the same cells as the CSV");
    }
    assert_eq!(cells.len(), rows.len() + 1);
    assert!(
        sheet.rows().skip(1).any(|r| matches!(r[2], Data::DateTime(_))),
        "dates are Excel dates"
    );
}

#[test]
fn spreadsheets_conflict_with_json_and_need_a_writable_file() {
    let dir = Dir::seeded("sheets-errors");
    let run = dir
        .command(&["search", "城管", "--csv", "--json", "--index", "idx"])
        .run()
        .error(2);
    run.check(run.stderr.contains("--json"), "names the conflict");
    let run = dir
        .command(&[
            "search",
            "城管",
            "--xlsx",
            "no/such/folder/x.xlsx",
            "--index",
            "idx",
        ])
        .run()
        .error(1);
    run.check(run.stderr.contains("no/such/folder/x.xlsx"), "names the file");
}
