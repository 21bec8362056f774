//! `baokan trend`: every period's count is the total of the strict search of that period, on
//! the seeds and on a generated corpus of dated pages; splits add up; several queries; the
//! terminal chart's text; the SVG file; usage errors.

use serde::Deserialize;

use crate::util::Dir;

/// `trend --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Trend {
    query: String,
    by: String,
    split: Option<String>,
    undated: usize,
    series: Vec<Series>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Series {
    key: String,
    query: String,
    value: Option<String>,
    total: usize,
    undated: usize,
    points: Vec<Point>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Point {
    period: String,
    since: String,
    until: String,
    count: usize,
}

fn trend(dir: &Dir, args: &[&str]) -> Trend {
    dir.command(&[&["trend", "--index", "idx", "--json"], args].concat())
        .json()
}

/// Asserts that each period of `trend QUERY --by BY` counts what `search QUERY --strict` finds
/// within that period, and each series' total what it finds at all; returns how many periods
/// have documents.
fn counts_are_search_totals(dir: &Dir, query: &str, by: &str) -> usize {
    let got = trend(dir, &[query, "--by", by]);
    assert_eq!((got.by.as_str(), got.series.len()), (by, 1));
    let series = &got.series[0];
    let all = dir.search(&[query, "--strict"]).total;
    assert_eq!(series.total, all, "{query}: every match counts once");
    let dated: usize = series.points.iter().map(|p| p.count).sum();
    assert_eq!(dated + series.undated, all);
    for pair in series.points.windows(2) {
        assert!(pair[0].until < pair[1].since, "periods in order: {pair:?}");
    }
    let mut busy = 0;
    for point in &series.points {
        // A week is named by its Monday; the other periods are dates `--since` reads whole.
        let (since, until) = match by {
            "week" => (point.since.as_str(), point.until.as_str()),
            _ => (point.period.as_str(), point.period.as_str()),
        };
        let found = dir.search(&[query, "--strict", "--since", since, "--until", until]);
        assert_eq!(point.count, found.total, "{query} by {by}: {point:?}");
        busy += usize::from(point.count > 0);
    }
    busy
}

#[test]
fn each_period_counts_what_a_search_of_it_finds_on_the_seeds() {
    let dir = Dir::seeded("trend-seeds");
    for query in ["菏泽", "城管", "营商环境 建设"] {
        for by in ["day", "week", "month", "year"] {
            counts_are_search_totals(&dir, query, by);
        }
    }
    let months = trend(&dir, &["菏泽"]);
    assert_eq!(months.by, "month", "months by default");
    let points = &months.series[0].points;
    assert!(points.len() > 6, "the seeds span months: {}", points.len());
    assert!(
        points.iter().any(|p| p.count == 0),
        "a month without hits counts 0"
    );
}

/// Pages of two papers, one every 23 days over three years, on 营商环境 or 城管.
pub fn dated_pages(dir: &Dir) {
    let papers = ["盐城晚报", "兰州晚报"];
    for i in 0..48u32 {
        let day = i * 23;
        let (year, month, date) = (2021 + day / 360, day % 360 / 30 + 1, day % 30 + 1);
        let topic = if i % 3 == 0 { "城管" } else { "营商环境" };
        let paper = papers[(i % 2) as usize];
        let page = format!(
            "{paper} {year}年{month}月{date}日\n{year}年{month:02}月{date:02}日 第A{n}版:要闻\n\n\
             第{i}次{topic}工作推进会召开\n\n本报讯(记者 李明) 会议听取了{topic}工作情况汇报，部署下一阶段任务，要求各部门对标先进，狠抓落实。\n",
            n = i % 8 + 1
        );
        dir.create(&format!("corpus/page-{i:02}.txt"), page);
    }
    dir.command(&["index", "corpus", "--index", "idx", "-q"])
        .run()
        .success();
}

#[test]
fn a_generated_corpus_of_dated_pages_counts_alike_and_splits_add_up() {
    let dir = Dir::new("trend-generated");
    dated_pages(&dir);
    assert!(counts_are_search_totals(&dir, "营商环境", "month") >= 20);
    assert!(counts_are_search_totals(&dir, "城管", "week") >= 10);
    counts_are_search_totals(&dir, "工作", "year");

    // Split by paper: a series per paper, adding up to the unsplit counts.
    let whole = trend(&dir, &["营商环境"]);
    let split = trend(&dir, &["营商环境", "--split", "paper"]);
    assert_eq!(split.split.as_deref(), Some("paper"));
    assert!(
        split.series.len() >= 2,
        "{:?}",
        split.series.iter().map(|s| &s.key).collect::<Vec<_>>()
    );
    for (i, point) in whole.series[0].points.iter().enumerate() {
        let sum: usize = split.series.iter().map(|s| s.points[i].count).sum();
        assert_eq!(sum, point.count, "{point:?}");
    }
    for series in &split.series {
        let paper = series.value.as_deref().expect("every page names its paper");
        assert_eq!(series.key, paper);
        let found = dir.search(&["营商环境", "--strict", "--paper", paper]);
        assert_eq!(series.total, found.total, "{paper}");
    }

    // Several queries: a series each, on the same periods.
    let both = trend(&dir, &["营商环境", ",", "城管"]);
    assert_eq!(both.query, "营商环境 , 城管");
    let keys: Vec<&str> = both.series.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["营商环境", "城管"]);
    assert_eq!(both.series[1].query, "城管");
    assert_eq!(both.undated, both.series.iter().map(|s| s.undated).sum::<usize>());
    assert_eq!(both.series[0].points.len(), both.series[1].points.len());
    let glued = trend(&dir, &["营商环境，城管"]);
    assert_eq!(glued.series.len(), 2, "a full-width comma separates too");
}

#[test]
fn the_terminal_chart_reads_as_numbers_and_bars() {
    let dir = Dir::new("trend-text");
    dated_pages(&dir);
    let expected = trend(&dir, &["营商环境", "--by", "year"]);
    let run = dir
        .command(&[
            "trend",
            "营商环境",
            "--by",
            "year",
            "--index",
            "idx",
            "--color",
            "never",
        ])
        .run()
        .quiet();
    let lines: Vec<&str> = run.stdout.lines().collect();
    run.check(lines[0].starts_with("by year · 1 series"), "a header line");
    for point in &expected.series[0].points {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&point.period))
            .unwrap_or_else(|| run.fail(format!("a line for {}", point.period)));
        run.check(
            line.ends_with(&format!(" {}", point.count)),
            format!("{line} ends with its count"),
        );
        run.check(line.contains('█'), format!("{line} has a bar"));
        run.check(line.chars().count() <= 80, "80 columns");
    }
    run.check(!run.stdout.contains('\x1b'), "no color when piped");

    let table = dir
        .command(&["trend", "营商环境", ",", "城管", "--by", "year", "--index", "idx"])
        .run()
        .quiet();
    let head = table.stdout.lines().nth(1).unwrap_or_default();
    table.check(
        head.contains("营商环境") && head.contains("城管"),
        "a column per query",
    );
    let both = trend(&dir, &["营商环境", ",", "城管", "--by", "year"]);
    for (i, point) in both.series[0].points.iter().enumerate() {
        let row = format!(
            "{}{:>10}{:>6}",
            point.period, point.count, both.series[1].points[i].count
        );
        table.check(table.stdout.contains(&row), format!("the row {row:?}"));
    }
    table.check(
        table
            .stdout
            .lines()
            .any(|l| l.starts_with("城管") && l.contains('█')),
        "a sparkline per series",
    );
}

#[test]
fn csv_and_svg_hold_the_series() {
    let dir = Dir::new("trend-files");
    dated_pages(&dir);
    let json = trend(&dir, &["营商环境", ",", "城管"]);
    let run = dir
        .command(&[
            "trend",
            "营商环境",
            ",",
            "城管",
            "--csv",
            "--index",
            "idx",
            "--svg",
            "chart.svg",
        ])
        .run()
        .success();
    let csv = run
        .stdout
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for Excel");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, ["period", "since", "until", "营商环境", "城管"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        rows.len(),
        json.series[0].points.len() + 1,
        "a row per period and undated"
    );
    for (row, (a, b)) in rows
        .iter()
        .zip(json.series[0].points.iter().zip(&json.series[1].points))
    {
        assert_eq!(&row[0], a.period);
        assert_eq!((&row[3], &row[4]), (&*a.count.to_string(), &*b.count.to_string()));
    }
    assert_eq!(&rows[rows.len() - 1][0], "undated");
    run.check(run.stderr.contains("chart.svg"), "says where the chart went");

    let svg = std::fs::read_to_string(dir.join("chart.svg")).expect("the chart");
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    for key in ["营商环境", "城管", "篇数"] {
        assert!(svg.contains(key), "the chart names {key}");
    }
    assert_eq!(
        svg.matches("stroke-width=\"3\"").count(),
        2,
        "a 3 px line per series"
    );
}

#[test]
fn bad_trends_are_usage_errors() {
    let dir = Dir::seeded("trend-errors");
    for (args, says) in [
        (&["城管", ","][..], "empty query"),
        (&["城管", "--by", "decade"], "decade"),
        (
            &["城管", "--by", "day", "--since", "1990", "--until", "2099"],
            "too many",
        ),
        (
            &["城管", "--since", "2024", "--until", "2023"],
            "--since is after --until",
        ),
        (&["(城管"], "bad query"),
        (&["城管", "--paper", "不存在晚报"], "不存在晚报"),
    ] {
        let run = dir
            .command(&[&["trend", "--index", "idx"], args].concat())
            .run()
            .error(2);
        run.check(run.stderr.contains(says), format!("{args:?} says {says}"));
        run.check(run.stderr.lines().count() == 1, "one line");
    }
}
