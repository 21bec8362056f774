//! A query + options → the OpenSearch / Elasticsearch query DSL that selects the same documents
//! from an index loaded from `export --opensearch`, sorted the same way (`search --dsl`).
//!
//! The grams and words fields hold baokan's tokens written portably (`analysis::portable`)
//! under a `whitespace` analyzer, so each term is what `plan` makes of it, clause for clause:
//! a `match_phrase` (slop 0) of its bigrams on `title_grams` (boosted) and `body_grams`, a
//! `prefix` for one character (every bigram it starts), `term` clauses on the words fields
//! as scoring `should`s, alternatives of an expanded term as lower-boosted `should`s; AND, OR
//! and NOT as `bool`; the filters as `filter` and `must_not` clauses with the names resolved
//! against the index. The query is the strict one: a relaxed search (when no document holds
//! every word) has no DSL. Scores differ (the cluster's BM25 keeps length normalization and has
//! no reranking); the documents selected do not.

use serde_json::{json, Value};

use super::filters::{self, Selection};
use super::query::plan::{Planner, ALTERNATIVE_WEIGHT, BODY_WORD_BOOST, TITLE_MATCH_BOOST, TITLE_WORD_BOOST};
use super::query::syntax::{Node, Scope};
use super::{Options, Query, Sort};
use crate::analysis::grams;
use crate::analysis::portable::{joined, portable};
use crate::index::Store;

/// The `_search` body for `query` with `options`: the page, the query and filters, the order.
pub fn dsl(store: &Store, query: &Query, options: &Options) -> anyhow::Result<Value> {
    let searcher = store.searcher();
    let planner = Planner {
        fields: &store.fields,
        searcher: &searcher,
        expansions: &query.expansions,
    };
    let selection = filters::select(&searcher, &store.fields, options)?;
    let mut top = json!({ "must": [Dsl(&planner).node(&query.tree)] });
    let (filter, must_not) = selected(&selection);
    if !filter.is_empty() {
        top["filter"] = Value::Array(filter);
    }
    if !must_not.is_empty() {
        top["must_not"] = Value::Array(must_not);
    }
    Ok(json!({
        "from": options.offset,
        "size": options.limit,
        "track_total_hits": true,
        "query": { "bool": top },
        "sort": sort(options.sort),
    }))
}

/// The translation of a tree, reading the index's vocabulary through a planner.
struct Dsl<'a, 'b>(&'a Planner<'b>);

impl Dsl<'_, '_> {
    fn node(&self, node: &Node) -> Value {
        match node {
            Node::Term { text, scope } => self.term(text, *scope),
            Node::And(children) => {
                let (not, must): (Vec<&Node>, Vec<&Node>) =
                    children.iter().partition(|child| matches!(child, Node::Not(_)));
                let mut must: Vec<Value> = must.into_iter().map(|c| self.node(c)).collect();
                if must.is_empty() {
                    must.push(json!({ "match_all": {} }));
                }
                let must_not: Vec<Value> = not
                    .into_iter()
                    .map(|c| match c {
                        Node::Not(inner) => self.node(inner),
                        other => self.node(other),
                    })
                    .collect();
                let mut clauses = json!({ "must": must });
                if !must_not.is_empty() {
                    clauses["must_not"] = Value::Array(must_not);
                }
                json!({ "bool": clauses })
            }
            Node::Or(children) => any(children.iter().map(|c| self.node(c)).collect()),
            Node::Not(inner) => json!({ "bool": {
                "must": [{ "match_all": {} }],
                "must_not": [self.node(inner)],
            }}),
        }
    }

    /// A term: its form as written, or any of its alternatives (scored lower).
    fn term(&self, run: &str, scope: Scope) -> Value {
        let written = self.written(run, scope);
        let Some(expansion) = self.0.expansions.iter().find(|e| e.term == run) else {
            return written;
        };
        let mut forms = vec![written];
        forms.extend(
            expansion
                .alternatives
                .iter()
                .map(|alternative| matching(alternative, scope, ALTERNATIVE_WEIGHT)),
        );
        any(forms)
    }

    /// The form as written: the required exact match, plus the scores of its words.
    fn written(&self, run: &str, scope: Scope) -> Value {
        let mut should = Vec::new();
        for word in self.0.ranking_words(run) {
            should.push(word_clause("title_words", &word, TITLE_WORD_BOOST));
            if scope == Scope::Any {
                should.push(word_clause("body_words", &word, BODY_WORD_BOOST));
            }
        }
        let exact = matching(run, scope, 1.0);
        if should.is_empty() {
            return exact;
        }
        json!({ "bool": { "must": [exact], "should": should } })
    }
}

/// Exact match of `run` in the title (boosted), or in the body too for [`Scope::Any`], its
/// score times `weight`.
fn matching(run: &str, scope: Scope, weight: f32) -> Value {
    let in_title = exact(run, "title_grams", TITLE_MATCH_BOOST * weight);
    match scope {
        Scope::Title => in_title,
        Scope::Any => any(vec![in_title, exact(run, "body_grams", weight)]),
    }
}

/// Documents whose grams `field` holds normalized `run`: the phrase of its bigrams, or every
/// bigram its one character starts.
fn exact(run: &str, field: &str, boost: f32) -> Value {
    let pairs = grams::bigrams(run);
    match run.chars().next() {
        None => json!({ "match_none": {} }),
        Some(c) if pairs.is_empty() => json!({ "prefix": { field: {
            "value": portable(c.encode_utf8(&mut [0; 4])),
            "boost": boost,
        }}}),
        Some(_) => json!({ "match_phrase": { field: {
            "query": joined(pairs.iter().map(String::as_str)),
            "slop": 0,
            "boost": boost,
        }}}),
    }
}

/// The score of `word` as a jieba word of `field`.
fn word_clause(field: &str, word: &str, boost: f32) -> Value {
    json!({ "term": { field: { "value": portable(word), "boost": boost } } })
}

/// Any of `clauses`.
fn any(clauses: Vec<Value>) -> Value {
    json!({ "bool": { "should": clauses, "minimum_should_match": 1 } })
}

/// The `filter` and `must_not` clauses of `selection`.
fn selected(selection: &Selection) -> (Vec<Value>, Vec<Value>) {
    let mut filter = Vec::new();
    if let Some(kind) = selection.kind {
        filter.push(json!({ "term": { "kind": kind.as_str() } }));
    }
    if !selection.papers.is_empty() {
        filter.push(json!({ "terms": { "paper": selection.papers } }));
    }
    let mut regions = Vec::new();
    if !selection.places.is_empty() {
        regions.push(json!({ "terms": { "places": selection.places } }));
    }
    if !selection.regions.is_empty() {
        regions.push(json!({ "terms": { "region": selection.regions } }));
    }
    if !regions.is_empty() {
        filter.push(any(regions));
    }
    if selection.since.is_some() || selection.until.is_some() {
        let mut range = json!({});
        if let Some(since) = selection.since {
            range["gte"] = json!(since);
        }
        if let Some(until) = selection.until {
            range["lte"] = json!(until);
        }
        filter.push(json!({ "range": { "date": range } }));
    }
    let must_not = selection
        .not_year
        .map(|year| json!({ "term": { "date": year } }))
        .into_iter()
        .collect();
    (filter, must_not)
}

/// The order of the hits: relevance, then newest, then corpus order; or date first.
fn sort(sort: Sort) -> Value {
    let date = |order: &str| json!({ "date": { "order": order, "missing": "_last" } });
    let score = json!({ "_score": { "order": "desc" } });
    let corpus = json!({ "order": { "order": "asc" } });
    match sort {
        Sort::Relevance => json!([score, date("desc"), corpus]),
        Sort::Newest => json!([date("desc"), score, corpus]),
        Sort::Oldest => json!([date("asc"), score, corpus]),
    }
}
