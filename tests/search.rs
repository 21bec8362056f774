//! `search` on the seeds: ranking, filters, orders, paging, output formats and query syntax.

use std::collections::{BTreeMap, BTreeSet};

use baokan::analysis::normalize_str;

use crate::util::{Dir, Doc, Hit, Kind, Results};

/// Ids of a result page, as a set.
fn ids(results: &Results) -> BTreeSet<String> {
    results.hits.iter().map(|h| h.id.clone()).collect()
}

/// The hits as (id, score), in order.
fn ranked<'a>(hits: impl IntoIterator<Item = &'a Hit>) -> Vec<(String, f64)> {
    hits.into_iter().map(|h| (h.id.clone(), h.score)).collect()
}

/// Every hit of `query` (with extra `args`), checking that none was left off.
fn everything(dir: &Dir, query: &str, args: &[&str]) -> Results {
    let mut all = vec![query, "--limit", "1000"];
    all.extend_from_slice(args);
    let results = dir.search(&all);
    assert_eq!(
        results.total,
        results.hits.len(),
        "{query} {args:?}: a page of 1000 holds every hit"
    );
    results
}

/// Export records by id.
fn documents(dir: &Dir) -> BTreeMap<String, Doc> {
    dir.export().into_iter().map(|d| (d.id.clone(), d)).collect()
}

/// Whether `word` (normalized) occurs in the document's normalized title or body.
fn contains(doc: &Doc, word: &str) -> bool {
    let word = normalize_str(word);
    normalize_str(&doc.title).contains(&word) || normalize_str(&doc.body).contains(&word)
}

#[test]
fn marathon_article_ranks_first() {
    let dir = Dir::seeded("marathon");
    let results = dir.search(&["马拉松"]);
    assert_eq!(results.query, "马拉松");
    let first = results.hits.first().expect("马拉松 has hits");
    assert_eq!(first.kind, Kind::Article, "{first:#?}");
    assert_eq!(first.title, "打造高规格高品质高起点标杆赛事", "{first:#?}");
    let subtitle = first.subtitle.as_deref().unwrap_or_default();
    assert!(
        first.title.contains("菏泽马拉松") || subtitle.contains("菏泽马拉松"),
        "{first:#?}"
    );
    assert!(first.score > 0.0);
    assert!(
        first.lines[0] >= 1 && first.lines[0] <= first.lines[1],
        "{first:#?}"
    );
}

#[test]
fn every_deck_of_a_headline_is_searchable() {
    let dir = Dir::new("decks");
    dir.create(
        "papers/a.txt",
        "某某网视频:\n全市春耕生产全面展开\n\n本报讯(记者 甲乙)连日来，各地农民抢抓农时。\n\n         城区绿道全线贯通\n沿河十公里步道串起八座公园\n\n本报讯(记者 丙丁)昨日，绿道开放。\n",
    );
    dir.command(&["index", "papers", "--index", "idx"])
        .run()
        .success();
    let titles = |query: &str| -> Vec<String> {
        dir.search(&[query, "--strict"])
            .hits
            .into_iter()
            .map(|h| h.title)
            .collect()
    };
    assert_eq!(
        titles("串起八座公园"),
        ["城区绿道全线贯通"],
        "a subtitle on the line under its title"
    );
    assert_eq!(
        titles("某某网视频"),
        ["全市春耕生产全面展开"],
        "a kicker over its title"
    );
    assert_eq!(titles("春耕生产"), ["全市春耕生产全面展开"]);
}

#[test]
fn table_row_hit_carries_its_cells() {
    let dir = Dir::seeded("table-row");
    let results = dir.search(&["济广高速"]);
    let row = results
        .hits
        .iter()
        .find(|h| h.kind == Kind::TableRow)
        .unwrap_or_else(|| panic!("no table row for 济广高速: {results:#?}"));
    let fields = row.fields.as_ref().expect("a table row has fields");
    assert_eq!(
        fields.get("责任单位").map(String::as_str),
        Some("市交通运输局"),
        "{row:#?}"
    );
    assert!(
        fields.values().any(|cell| cell.contains("济广高速")),
        "the matching cell is among the fields: {row:#?}"
    );
    let table = row.table_title.as_deref().unwrap_or_default();
    assert!(
        table.contains("一览表"),
        "table_title is the table's title line: {row:#?}"
    );
}

#[test]
fn paper_filter_keeps_exactly_that_papers_hits() {
    let dir = Dir::seeded("paper");
    let all = everything(&dir, "城管", &[]);
    let filtered = everything(&dir, "城管", &["--paper", "牡丹晚报"]);
    assert!(!filtered.hits.is_empty(), "城管 has 牡丹晚报 hits");
    for hit in &filtered.hits {
        assert_eq!(hit.paper.as_deref(), Some("牡丹晚报"), "{hit:#?}");
    }
    let expected = ranked(all.hits.iter().filter(|h| h.paper.as_deref() == Some("牡丹晚报")));
    assert_eq!(
        ranked(&filtered.hits),
        expected,
        "a filter selects hits: it changes neither their order nor their scores"
    );
    assert!(filtered.total < all.total, "the filter removed something");

    for alias in ["mdwb", "MDWB"] {
        let aliased = everything(&dir, "城管", &["--paper", alias]);
        assert_eq!(aliased.ids(), filtered.ids(), "--paper {alias}");
    }
}

#[test]
fn date_filters_keep_exactly_the_documents_in_range() {
    let dir = Dir::seeded("dates");
    let all = everything(&dir, "停车", &[]);
    let since = everything(&dir, "停车", &["--since", "2024"]);
    assert!(!since.hits.is_empty(), "停车 has a hit from 2024");
    for hit in &since.hits {
        let date = hit
            .day_or_year()
            .unwrap_or_else(|| panic!("undated hit with --since: {hit:#?}"));
        assert!(date.as_str() >= "2024", "{hit:#?}");
    }
    let expected = ranked(
        all.hits
            .iter()
            .filter(|h| h.day_or_year().is_some_and(|d| d.as_str() >= "2024")),
    );
    assert_eq!(ranked(&since.hits), expected, "same order, same scores");

    let all = everything(&dir, "城管", &[]);
    let until = everything(&dir, "城管", &["--until", "2023-03"]);
    assert!(!until.hits.is_empty(), "城管 has hits up to March 2023");
    let expected = ranked(
        all.hits
            .iter()
            .filter(|h| h.date.as_deref().is_some_and(|d| d <= "2023-03-31")),
    );
    assert_eq!(ranked(&until.hits), expected, "same order, same scores");

    let day = everything(&dir, "城管", &["--since", "2023-03-08", "--until", "2023-03-08"]);
    assert!(!day.hits.is_empty());
    assert!(
        day.hits.iter().all(|h| h.date.as_deref() == Some("2023-03-08")),
        "{day:#?}"
    );
}

/// Checks that dated hits come first in `order` and undated ones after them.
fn assert_date_order(results: &Results, newest: bool) {
    // A date known only to its year sorts as `YYYY`, before the days of its year.
    let dates: Vec<Option<String>> = results.hits.iter().map(|h| h.day_or_year()).collect();
    let dated = dates.iter().take_while(|d| d.is_some()).count();
    assert!(
        dates[dated..].iter().all(Option::is_none),
        "undated hits come after every dated one: {dates:?}"
    );
    assert!(dated >= 2, "the test needs several dated hits: {dates:?}");
    assert!(dated < dates.len(), "the test needs an undated hit: {dates:?}");
    for pair in dates[..dated].windows(2) {
        let ok = if newest {
            pair[0] >= pair[1]
        } else {
            pair[0] <= pair[1]
        };
        assert!(
            ok,
            "dates out of order ({}): {dates:?}",
            if newest { "newest" } else { "oldest" }
        );
    }
}

#[test]
fn a_query_no_document_holds_whole_is_relaxed_unless_strict() {
    let dir = Dir::seeded("relaxed");
    // 进度 is printed only in a column name of the expressway table, so no document holds all
    // three words in its text; the table's rows hold them with their column names.
    let relaxed = dir.search(&["高速公路", "建设", "进度"]);
    assert!(relaxed.relaxed, "{relaxed:#?}");
    assert_eq!(relaxed.words_held, Some(3));
    assert!(relaxed.total > 0);
    let words = ["高速公路", "建设", "进度"].map(String::from);
    for hit in &relaxed.hits {
        assert_eq!(hit.kind, Kind::TableRow, "{hit:#?}");
        assert_eq!(hit.matched_terms.as_deref(), Some(&words[..]), "{hit:#?}");
        let columns = hit.fields.as_ref().expect("a row has fields");
        assert!(columns.keys().any(|name| name.contains("进度")), "{columns:?}");
        assert!(!format!("{}{}", hit.title, hit.snippet).contains("进度"));
    }
    assert!(
        relaxed.hits[0].title.contains("高速公路"),
        "{:#?}",
        relaxed.hits[0]
    );
    // Fewer words held: the rows holding 进度 in a column name come before those without.
    let fewer = dir.search(&["高速公路", "进度", "乌有之词"]);
    assert_eq!((fewer.relaxed, fewer.words_held), (true, Some(2)), "{fewer:#?}");
    let first = fewer.hits[0].matched_terms.clone().unwrap_or_default();
    assert_eq!(first, ["高速公路", "进度"], "{:#?}", fewer.hits[0]);
    let strict = dir.search(&["高速公路", "建设", "进度", "--strict"]);
    assert_eq!(
        (strict.total, strict.relaxed, strict.words_held),
        (0, false, None)
    );
    assert_eq!(dir.search(&["高速公路", "建设", "进度", "--exact"]).total, 0);

    // The page printed 数字经济 + 济园区 (a character repeated at a break): the phrase is
    // absent, its words are not.
    let split = dir.search(&["数字经济园区"]);
    assert!(split.relaxed);
    assert!(split.hits[0].title.contains("十大创新"), "{:#?}", split.hits[0]);
    assert_eq!(dir.search(&["数字经济园区", "--strict"]).total, 0);

    let whole = dir.search(&["城管", "停车"]);
    assert!(!whole.relaxed && whole.hits.iter().all(|h| h.matched_terms.is_none()));

    let text = dir
        .command(&["search", "高速公路", "建设", "进度", "--index", "idx"])
        .run()
        .quiet();
    text.check(
        text.stdout.contains(
            "no document holds all 3 words in its text; showing table rows whose column names hold the rest",
        ),
        "the text output says the search was relaxed",
    );
}

#[test]
fn sort_by_date_puts_undated_last() {
    let dir = Dir::seeded("sort");
    // 发展 finds dated articles, table rows dated only to their year and undated columns.
    let relevance = everything(&dir, "发展", &[]);
    let newest = dir.search(&["发展", "--sort", "newest", "--limit", "50"]);
    let oldest = dir.search(&["发展", "--sort", "oldest", "--limit", "50"]);
    assert_date_order(&newest, true);
    assert_date_order(&oldest, false);
    assert_eq!(
        ids(&newest),
        ids(&relevance),
        "sorting does not change the hit set"
    );
    assert_eq!(ids(&oldest), ids(&relevance));
    assert_eq!(newest.total, relevance.total);
}

#[test]
fn kind_filter_keeps_only_that_kind() {
    let dir = Dir::seeded("kind");
    let all = everything(&dir, "菏泽", &[]);
    assert!(
        all.hits.iter().any(|h| h.kind != Kind::TableRow),
        "the test needs a query that also finds other kinds"
    );
    let rows = everything(&dir, "菏泽", &["--kind", "table_row"]);
    assert!(!rows.hits.is_empty());
    assert!(rows.hits.iter().all(|h| h.kind == Kind::TableRow), "{rows:#?}");
    let expected = ranked(all.hits.iter().filter(|h| h.kind == Kind::TableRow));
    assert_eq!(ranked(&rows.hits), expected, "same order, same scores");

    let articles = everything(&dir, "菏泽", &["--kind", "article"]);
    assert!(!articles.hits.is_empty());
    assert!(articles.hits.iter().all(|h| h.kind == Kind::Article));
}

#[test]
fn limit_and_offset_page_through_the_same_order() {
    let dir = Dir::seeded("paging");
    for sort in ["relevance", "newest", "oldest"] {
        let all = everything(&dir, "城管", &["--sort", sort]);
        assert!(all.hits.len() >= 3, "the test needs three hits");
        let page = dir.search(&["城管", "--sort", sort, "--limit", "2", "--offset", "1"]);
        assert_eq!(ranked(&page.hits), ranked(&all.hits[1..3]), "--sort {sort}");
        assert_eq!(page.total, all.total, "total counts every page");

        let past = dir.search(&["城管", "--sort", sort, "--offset", "1000"]);
        assert!(past.hits.is_empty());
        assert_eq!(past.total, all.total);
    }
    let default = dir.search(&["菏泽"]);
    assert_eq!(default.hits.len(), 10, "the default limit is 10");
    let short = dir.search(&["菏泽", "-n", "3"]);
    assert_eq!(short.ids(), default.ids()[..3].to_vec());
}

#[test]
fn jsonl_prints_one_hit_per_line() {
    let dir = Dir::seeded("jsonl");
    let json = dir.search(&["城管"]);
    let run = dir
        .command(&["search", "城管", "--jsonl", "--index", "idx"])
        .run()
        .quiet();
    let lines: Vec<crate::util::Hit> = run.json_lines();
    assert!(!lines.is_empty());
    assert_eq!(lines.len(), run.stdout.lines().count());
    assert!(run.stdout.lines().all(|l| l.starts_with('{') && l.ends_with('}')));
    let line_ids: Vec<String> = lines.iter().map(|h| h.id.clone()).collect();
    assert_eq!(line_ids, json.ids());
    assert_eq!(lines, json.hits, "--jsonl hits are the --json hits");
}

#[test]
fn text_output_shows_rank_title_and_location() {
    let dir = Dir::seeded("text");
    let json = dir.search(&["城管"]);
    let first = &json.hits[0];
    let run = dir
        .command(&["search", "城管", "--color", "never", "--index", "idx"])
        .run()
        .quiet();
    let out = &run.stdout;
    run.check(out.starts_with("1. "), "the first hit is ranked 1");
    run.check(
        out.contains(&format!("1. {}", first.title)),
        "rank 1 shows the first title",
    );
    run.check(
        out.contains(&format!("{}:{}", first.path, first.lines[0])),
        "the hit shows path:line",
    );
    run.check(out.contains(&first.id), "the hit shows its id for `show`");
    run.check(out.contains("\n2. "), "the second hit is ranked 2");
    run.check(!out.contains('\x1b'), "--color never prints no escapes");

    let paged = dir
        .command(&[
            "search", "城管", "--color", "never", "--offset", "2", "--index", "idx",
        ])
        .run()
        .quiet();
    paged.check(paged.stdout.starts_with("3. "), "ranks continue across pages");

    let none = dir
        .command(&["search", "不存在的词语xyz", "--color", "never", "--index", "idx"])
        .run()
        .quiet();
    none.check(none.stdout.contains("no hits"), "zero hits are said plainly");
}

/// Whether `text` ends with an ANSI SGR sequence (`ESC [ digits;… m`).
fn ends_with_sgr(text: &str) -> bool {
    let Some(esc) = text.rfind("\x1b[") else {
        return false;
    };
    let params = &text[esc + 2..];
    params
        .strip_suffix('m')
        .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit() || c == ';'))
}

#[test]
fn color_always_paints_the_matches() {
    let dir = Dir::seeded("color");
    let run = dir
        .command(&["search", "城管", "--color", "always", "--index", "idx"])
        .run()
        .quiet();
    let out = &run.stdout;
    // An escape sequence ends right before a match, and another starts right after it.
    let painted = out
        .match_indices("城管")
        .any(|(at, m)| ends_with_sgr(&out[..at]) && out[at + m.len()..].starts_with("\x1b["));
    run.check(painted, "a match is wrapped in ANSI escapes");
    // NO_COLOR does not override an explicit --color always.
    let forced = dir
        .command(&["search", "城管", "--color", "always", "--index", "idx"])
        .env("NO_COLOR", "1")
        .run()
        .quiet();
    forced.check(
        forced.stdout.contains('\x1b'),
        "--color always wins over NO_COLOR",
    );
    // auto with stdout not a terminal: no color.
    let auto = dir.command(&["search", "城管", "--index", "idx"]).run().quiet();
    auto.check(
        !auto.stdout.contains('\x1b'),
        "--color auto into a pipe prints no escapes",
    );
}

#[test]
fn title_scope_only_matches_titles() {
    let dir = Dir::seeded("title-scope");
    let docs = documents(&dir);
    let marathon = dir.search(&["马拉松"]).hits[0].id.clone();
    let titled = everything(&dir, "title:马拉松", &[]);
    for hit in &titled.hits {
        assert!(normalize_str(&hit.title).contains("马拉松"), "{hit:#?}");
    }
    assert!(
        !ids(&titled).contains(&marathon),
        "the marathon article has 马拉松 only in its subtitle"
    );

    let titled = everything(&dir, "title:城管", &[]);
    let expected: BTreeSet<String> = docs
        .values()
        .filter(|d| normalize_str(&d.title).contains("城管"))
        .map(|d| d.id.clone())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(ids(&titled), expected);
    assert!(
        titled.total < everything(&dir, "城管", &[]).total,
        "some 城管 hits are body-only"
    );
}

#[test]
fn excluded_word_removes_its_documents() {
    let dir = Dir::seeded("exclude");
    let docs = documents(&dir);
    let with = ids(&everything(&dir, "城管", &[]));
    let parking = ids(&everything(&dir, "停车", &[]));
    assert!(
        !with.is_disjoint(&parking),
        "the test needs documents with both words"
    );
    let without = everything(&dir, "城管 -停车", &[]);
    assert!(!without.hits.is_empty());
    for hit in &without.hits {
        let doc = &docs[&hit.id];
        assert!(contains(doc, "城管") && !contains(doc, "停车"), "{doc:#?}");
    }
    let expected: BTreeSet<String> = with.difference(&parking).cloned().collect();
    assert_eq!(ids(&without), expected);

    // The same query given after `--`, unquoted, as a shell user would type it.
    let escaped: Results = dir
        .command(&[
            "search", "--index", "idx", "--json", "--limit", "1000", "--", "城管", "-停车",
        ])
        .json();
    assert_eq!(escaped.query, "城管 -停车", "query words are joined with spaces");
    assert_eq!(ids(&escaped), expected);
}

#[test]
fn exclusion_alone_matches_everything_else() {
    let dir = Dir::seeded("exclude-only");
    let docs = documents(&dir);
    let results: Results = dir
        .command(&[
            "search", "--index", "idx", "--json", "--limit", "1000", "--", "-停车",
        ])
        .json();
    let expected: BTreeSet<String> = docs
        .values()
        .filter(|d| !contains(d, "停车"))
        .map(|d| d.id.clone())
        .collect();
    assert!(expected.len() < docs.len());
    assert_eq!(results.total, expected.len());
    assert_eq!(ids(&results), expected);
    assert!(
        results.hits.iter().all(|h| h.highlights.is_empty()),
        "nothing to highlight"
    );
}

#[test]
fn or_matches_the_union() {
    let dir = Dir::seeded("or");
    let a = ids(&everything(&dir, "城管", &[]));
    let b = ids(&everything(&dir, "马拉松", &[]));
    assert!(!a.is_empty() && !b.is_empty() && a.is_disjoint(&b));
    let either = everything(&dir, "城管 OR 马拉松", &[]);
    let union: BTreeSet<String> = a.union(&b).cloned().collect();
    assert_eq!(ids(&either), union);

    let grouped = everything(&dir, "(城管 OR 马拉松) 菏泽", &[]);
    let with_heze = ids(&everything(&dir, "菏泽", &[]));
    let expected: BTreeSet<String> = union.intersection(&with_heze).cloned().collect();
    assert!(!expected.is_empty());
    assert_eq!(ids(&grouped), expected);
}

#[test]
fn flags_after_the_query_are_flags_not_query_words() {
    let dir = Dir::seeded("flags-after");
    let results: Results = dir
        .command(&["search", "城管", "--limit", "1", "--json", "--index", "idx"])
        .json();
    assert_eq!(results.query, "城管");
    assert_eq!(results.hits.len(), 1);
    let split: Results = dir
        .command(&["search", "城管", "--json", "停车", "--index", "idx"])
        .json();
    assert_eq!(split.query, "城管 停车", "query words may surround flags");
}

#[test]
fn region_filter_keeps_only_that_region() {
    let dir = Dir::seeded("region");
    let all = everything(&dir, "菏泽", &[]);
    let region = all
        .hits
        .iter()
        .find_map(|h| h.region.clone().filter(|r| r != "菏泽市"))
        .expect("a 菏泽 hit from a county");
    let filtered = everything(&dir, "菏泽", &["--region", &region]);
    let expected: BTreeSet<String> = all
        .hits
        .iter()
        .filter(|h| h.region.as_deref() == Some(region.as_str()))
        .map(|h| h.id.clone())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(ids(&filtered), expected, "--region {region}");
}

#[test]
fn huge_limit_and_offset_are_bounded_by_the_hits() {
    // Regression: the top-k collector reserved offset + limit slots, so a huge --limit
    // aborted on a failed allocation instead of printing the few hits there are.
    let dir = Dir::seeded("huge-limit");
    let all = everything(&dir, "城管", &[]);
    let max = u32::MAX.to_string();
    for sort in ["relevance", "newest"] {
        let big = dir.search(&["城管", "--sort", sort, "--limit", &max]);
        assert_eq!(big.total, all.total);
        assert_eq!(ids(&big), ids(&all), "--sort {sort}");
        let past = dir.search(&["城管", "--sort", sort, "--limit", &max, "--offset", &max]);
        assert_eq!(past.total, all.total);
        assert!(past.hits.is_empty(), "--sort {sort}");
        let last = (all.total - 1).to_string();
        let tail = dir.search(&["城管", "--sort", sort, "--offset", &last]);
        assert_eq!(
            tail.hits.len(),
            1,
            "--sort {sort}: one hit after skipping all but one"
        );
    }
}
