//! Chinese-specific search on the seeds: Traditional queries, other names of government
//! bodies (`--exact`, `--synonyms`), and facet counts (`--facets`).

use std::collections::BTreeMap;

use baokan::analysis::normalize_str;

use crate::util::{Dir, Expansion, Kind, Precision, Results};

fn all(dir: &Dir, args: &[&str]) -> Results {
    let mut with_limit = args.to_vec();
    with_limit.extend(["--limit", "1000"]);
    let results = dir.search(&with_limit);
    assert_eq!(results.total, results.hits.len(), "{args:?}");
    results
}

#[test]
fn traditional_queries_find_what_simplified_ones_find() {
    let dir = Dir::seeded("traditional");
    for (traditional, simplified) in [("營商環境", "营商环境"), ("黃河", "黄河"), ("經濟", "经济")]
    {
        let t = all(&dir, &[traditional]);
        let s = all(&dir, &[simplified]);
        assert!(!s.hits.is_empty(), "{simplified} has hits");
        assert_eq!(t.ids(), s.ids(), "{traditional} ranks like {simplified}");
        for hit in &t.hits {
            for &[a, b] in &hit.highlights {
                let lit: String = hit.snippet.chars().skip(a).take(b - a).collect();
                assert_eq!(normalize_str(&lit), simplified, "{traditional}: {hit:#?}");
            }
            let in_title = normalize_str(&hit.title).matches(simplified).count();
            assert_eq!(
                lit(&hit.title, &hit.title_highlights, simplified),
                in_title,
                "{hit:#?}"
            );
        }
        // `show --query` lights every match in the whole document, Traditional query or not.
        let hit = &t.hits[0];
        let shown: serde_json::Value = dir
            .command(&[
                "show",
                &hit.id,
                "--query",
                traditional,
                "--json",
                "--index",
                "idx",
            ])
            .json();
        let mut found = 0;
        for (text, ranges) in [("title", "title_highlights"), ("body", "body_highlights")] {
            let text = shown[text].as_str().expect("title and body");
            let ranges: Vec<[usize; 2]> = serde_json::from_value(shown[ranges].clone()).unwrap();
            let count = normalize_str(text).matches(simplified).count();
            assert_eq!(lit(text, &ranges, simplified), count, "{traditional} in {text}");
            found += count;
        }
        assert!(found > 0, "{simplified} in {}", hit.title);
        assert!(
            t.hits.iter().any(|h| !h.highlights.is_empty()),
            "{traditional} lights a snippet"
        );
    }
}

/// How many of `ranges` of `text` read `word` once normalized; panics on a range that does not.
fn lit(text: &str, ranges: &[[usize; 2]], word: &str) -> usize {
    for &[a, b] in ranges {
        let lit: String = text.chars().skip(a).take(b - a).collect();
        assert_eq!(normalize_str(&lit), word, "{text}: {ranges:?}");
    }
    ranges.len()
}

#[test]
fn body_names_expand_to_their_other_forms_ranked_below() {
    let dir = Dir::seeded("expand");
    let short = all(&dir, &["住建局"]);
    assert_eq!(
        short.expansions,
        [Expansion {
            term: "住建局".into(),
            alternatives: vec!["住房和城乡建设局".into(), "住房城乡建设局".into()],
        }]
    );
    let exact = all(&dir, &["住建局", "--exact"]);
    assert!(exact.expansions.is_empty());
    assert!(
        !exact.hits.is_empty() && exact.total < short.total,
        "the long form adds hits"
    );
    let written = exact.hits.len();
    assert_eq!(
        short.ids()[..written],
        exact.ids()[..],
        "documents with the form as written rank first"
    );
    for hit in &short.hits[written..] {
        let fields = hit
            .fields
            .as_ref()
            .map(|f| f.values().cloned().collect::<Vec<_>>().join(" "));
        let text = format!("{} {} {}", hit.title, hit.snippet, fields.unwrap_or_default());
        assert!(
            text.contains("住房城乡建设局") || text.contains("住房和城乡建设局"),
            "{hit:#?}"
        );
    }

    let none = dir.search(&["发改委", "--exact"]);
    assert_eq!(none.total, 0, "发改委 is not printed as such");
    let long = dir.search(&["发改委"]);
    assert_eq!(long.hits[0].title, "我市召开推进“十大创新”行动新闻发布会");
}

#[test]
fn a_user_table_adds_names() {
    let dir = Dir::seeded("user-synonyms");
    dir.create("names.txt", "# 同一种水果\n红心果 = 火龙果\n");
    assert_eq!(dir.search(&["红心果", "--strict"]).total, 0);
    let found = dir.search(&["红心果", "--synonyms", "names.txt"]);
    assert_eq!(found.hits[0].title, "市审计局驻村工作组助推黄河滩区产业发展");
    assert_eq!(found.expansions[0].alternatives, ["火龙果"]);

    dir.create("bad.txt", "红心果=火龙果\n红心果\n");
    let run = dir
        .command(&["search", "红心果", "--synonyms", "bad.txt", "--index", "idx"])
        .run()
        .error(2);
    run.check(run.stderr.contains("bad.txt: line 2"), "the bad line is named");
    dir.command(&["search", "红心果", "--synonyms", "missing.txt", "--index", "idx"])
        .run()
        .error(2);
    dir.command(&[
        "search",
        "红心果",
        "--synonyms",
        "names.txt",
        "--exact",
        "--index",
        "idx",
    ])
    .run()
    .error(2);
}

#[test]
fn facets_count_every_hit_by_paper_year_region_and_kind() {
    let dir = Dir::seeded("facets");
    let plain = dir.search(&["菏泽"]);
    assert_eq!(plain.facets, None, "no facets unless asked for");
    let results = all(&dir, &["菏泽", "--facets"]);
    let page = dir.search(&["菏泽", "--facets", "-n", "2"]);
    assert_eq!(page.facets, results.facets, "facets count all pages");
    let facets = results.facets.as_ref().expect("--facets");
    let count = |value: &dyn Fn(&crate::util::Hit) -> Option<String>| {
        let mut counts = BTreeMap::new();
        for hit in &results.hits {
            if let Some(v) = value(hit) {
                *counts.entry(v).or_insert(0) += 1;
            }
        }
        counts
    };
    assert_eq!(facets.paper, count(&|h| h.paper.clone()));
    assert_eq!(facets.region, count(&|h| h.region.clone()));
    assert_eq!(
        facets.year,
        count(&|h| h.day_or_year().map(|d| d[..4].to_string()))
    );
    assert_eq!(
        facets.month,
        count(&|h| {
            let day = h
                .date
                .as_ref()
                .filter(|_| h.date_precision == Some(Precision::Day));
            day.map(|d| d[..7].to_string())
        })
    );
    assert!(!facets.month.is_empty(), "{facets:?}");
    for (month, n) in &facets.month {
        let within = dir.search(&["菏泽", "--since", month, "--until", month]);
        assert_eq!(
            within.total, *n,
            "the month facet {month} counts what --since/--until {month} finds"
        );
    }
    let kinds = count(&|h| {
        let name = match h.kind {
            Kind::Article => "article",
            Kind::Column => "column",
            Kind::PhotoCaption => "photo_caption",
            Kind::TableRow => "table_row",
        };
        Some(name.to_string())
    });
    assert_eq!(facets.kind, kinds);
    assert_eq!(facets.kind.values().sum::<usize>(), results.total);
    assert!(facets.kind.len() >= 2 && facets.year.len() >= 2, "{facets:?}");

    let text = dir
        .command(&["search", "菏泽", "--facets", "--color", "never", "--index", "idx"])
        .run()
        .quiet();
    let line = text
        .stdout
        .lines()
        .find(|l| l.starts_with("facets: "))
        .unwrap_or_else(|| text.fail("a facets line"));
    let articles = format!("article {}", facets.kind["article"]);
    text.check(line.contains(&articles), format!("the line counts {articles}"));
}
