//! Exact substring semantics, checked against an oracle the test computes itself: a document
//! matches when every query word, normalized, is a substring of its normalized title or of its
//! normalized body (the library's own `normalize_str`, applied to `export` output).

use std::collections::BTreeSet;

use baokan::analysis::normalize_str;

use crate::util::{Dir, Doc, Hit};

/// Queries and why each is here.
const QUERIES: &[&str] = &[
    "城管",
    "黄河",
    "停车",
    "马拉松",
    "精细管理",    // broken across lines in seed 001
    "城管服务站",  // broken across blank lines in seed 000
    "机扫保洁率",  // printed with spaces between the characters in seed 001
    "冯锴",        // a reporter's name
    "2063.42亿元", // digits, a decimal point and CJK in one run
    "营商环境",
    "菏泽市",
    "网格",
    "城管 停车", // two words, both required
    "河",        // one character: the unigram path
    "92.5%",     // printed with a full-width ％ and spaces in seed 001
    "G327线",    // upper-case letters fold to lower case
    "%",         // one ASCII character
];

/// A document's normalized title and body.
struct Normalized {
    doc: Doc,
    title: String,
    body: String,
}

impl Normalized {
    fn new(doc: Doc) -> Self {
        Normalized {
            title: normalize_str(&doc.title),
            body: normalize_str(&doc.body),
            doc,
        }
    }

    fn matches(&self, words: &[String]) -> bool {
        words
            .iter()
            .all(|w| self.title.contains(w.as_str()) || self.body.contains(w.as_str()))
    }
}

fn words(query: &str) -> Vec<String> {
    query.split_whitespace().map(normalize_str).collect()
}

fn corpus(dir: &Dir) -> Vec<Normalized> {
    let docs: Vec<Normalized> = dir.export().into_iter().map(Normalized::new).collect();
    let ids: BTreeSet<&str> = docs.iter().map(|d| d.doc.id.as_str()).collect();
    assert_eq!(ids.len(), docs.len(), "export ids are unique");
    docs
}

/// The oracle: ids of the documents containing every word of `query`.
fn expected(docs: &[Normalized], query: &str) -> BTreeSet<String> {
    let words = words(query);
    docs.iter()
        .filter(|d| d.matches(&words))
        .map(|d| d.doc.id.clone())
        .collect()
}

/// Every highlight is a non-empty, in-bounds character range of the snippet whose text,
/// normalized, is one of the query words; ranges are sorted and disjoint.
fn check_highlights(query: &str, hit: &Hit) {
    let words = words(query);
    let chars: Vec<char> = hit.snippet.chars().collect();
    let mut previous_end = 0;
    for &[start, end] in &hit.highlights {
        assert!(
            start < end && end <= chars.len(),
            "{query}: highlight [{start}, {end}) is outside the snippet of {} characters: {hit:#?}",
            chars.len()
        );
        assert!(
            start >= previous_end,
            "{query}: highlights overlap or are unsorted: {hit:#?}"
        );
        previous_end = end;
        let text: String = chars[start..end].iter().collect();
        assert!(
            words.contains(&normalize_str(&text)),
            "{query}: highlighted {text:?} is not a query word: {hit:#?}"
        );
    }
}

#[test]
fn hits_are_exactly_the_documents_containing_every_word() {
    let dir = Dir::seeded("exact");
    let docs = corpus(&dir);
    for query in QUERIES {
        let want = expected(&docs, query);
        assert!(
            !want.is_empty(),
            "{query}: the oracle finds nothing; the query lost its point"
        );
        let results = dir.search(&[query, "--limit", "1000"]);
        assert_eq!(results.total, results.hits.len(), "{query}");
        let got: BTreeSet<String> = results.hits.iter().map(|h| h.id.clone()).collect();
        assert_eq!(got.len(), results.hits.len(), "{query}: a hit is listed twice");
        let missing: Vec<&String> = want.difference(&got).collect();
        let extra: Vec<&String> = got.difference(&want).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{query}: missing {missing:?}, extra {extra:?}"
        );

        let words = words(query);
        let mut highlighted = false;
        for hit in &results.hits {
            check_highlights(query, hit);
            let doc = docs.iter().find(|d| d.doc.id == hit.id).expect("hit is exported");
            if words.iter().any(|w| doc.body.contains(w.as_str())) {
                assert!(
                    !hit.highlights.is_empty(),
                    "{query}: the body contains a query word but the snippet lights nothing: {hit:#?}"
                );
                highlighted = true;
            }
        }
        let in_a_body = docs
            .iter()
            .any(|d| want.contains(&d.doc.id) && words.iter().any(|w| d.body.contains(w.as_str())));
        assert_eq!(highlighted, in_a_body, "{query}: some hit has a highlight");
    }
}

#[test]
fn broken_and_spaced_words_are_found_and_highlighted_whole() {
    let dir = Dir::seeded("exact-traps");
    for (query, seed) in [("精细管理", "001"), ("城管服务站", "000"), ("机扫保洁率", "001")] {
        let raw = crate::util::seed_text(seed);
        assert!(
            normalize_str(&raw).matches(query).count() > raw.matches(query).count(),
            "{query}: seed {seed} prints the word split by spaces or line breaks"
        );
        let results = dir.search(&[query, "--limit", "1000"]);
        let hit = results
            .hits
            .iter()
            .find(|h| h.path.contains(&format!("{seed}_")))
            .unwrap_or_else(|| panic!("{query}: no hit from seed {seed}: {results:#?}"));
        let lit: Vec<String> = hit
            .highlights
            .iter()
            .map(|&[s, e]| hit.snippet.chars().skip(s).take(e - s).collect())
            .collect();
        assert!(
            lit.iter().any(|t| t == query),
            "{query}: the word is shown and highlighted whole: {lit:?} in {hit:#?}"
        );
    }
}

#[test]
fn query_is_normalized_like_the_documents() {
    let dir = Dir::seeded("exact-normalized-query");
    let docs = corpus(&dir);
    let ids = |query: &str| -> Vec<String> { dir.search(&[query, "--limit", "1000"]).ids() };
    // (as typed, as in the text)
    for (typed, plain) in [
        ("\"机 扫 保 洁 率\"", "机扫保洁率"),
        ("２０６３．４２亿元", "2063.42亿元"),
        ("\"精细管\n理\"", "精细管理"),
        ("G327线", "g327线"),
    ] {
        assert!(
            !expected(&docs, plain).is_empty(),
            "{plain}: the oracle finds nothing"
        );
        assert_eq!(ids(typed), ids(plain), "{typed:?} finds what {plain:?} finds");
    }
}
