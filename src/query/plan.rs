//! Syntax tree → tantivy query.
//!
//! Each term is normalized like the documents, then required as an exact substring through
//! the grams fields (unigram, bigram, or a slop-0 phrase of bigrams), in the title or the
//! body. Its words add BM25 score from the words fields, titles boosted: the term itself when
//! the index already holds it as a word (no dictionary load, the common case for short
//! queries), else its jieba words. Matching thus never depends on how jieba cut the
//! document; ranking does.

use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::syntax::{Node, Scope};
use crate::analysis::{grams, normalize_str, words};
use crate::schema::Fields;

/// Weight of a match in the title against one in the body.
const TITLE_MATCH_BOOST: f32 = 3.0;
/// Weight of jieba-word scores in titles and bodies.
const TITLE_WORD_BOOST: f32 = 2.0;
const BODY_WORD_BOOST: f32 = 1.0;

/// The tantivy query for `node` on the index `searcher` reads.
pub fn plan(node: &Node, fields: &Fields, searcher: &Searcher) -> Box<dyn Query> {
    match node {
        Node::Term { text, scope } => term(text, *scope, fields, searcher),
        Node::And(children) => {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = children
                .iter()
                .map(|child| match child {
                    Node::Not(inner) => (Occur::MustNot, plan(inner, fields, searcher)),
                    other => (Occur::Must, plan(other, fields, searcher)),
                })
                .collect();
            if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Node::Or(children) => Box::new(BooleanQuery::new(
            children
                .iter()
                .map(|c| (Occur::Should, plan(c, fields, searcher)))
                .collect(),
        )),
        Node::Not(inner) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery)),
            (Occur::MustNot, plan(inner, fields, searcher)),
        ])),
    }
}

/// A term: required exact match (title or body), plus word scores.
fn term(text: &str, scope: Scope, fields: &Fields, searcher: &Searcher) -> Box<dyn Query> {
    let run = normalize_str(text);
    let in_title = Box::new(BoostQuery::new(
        exact(&run, fields.title_grams),
        TITLE_MATCH_BOOST,
    ));
    let matching: Box<dyn Query> = match scope {
        Scope::Title => in_title,
        Scope::Any => Box::new(BooleanQuery::new(vec![
            (Occur::Should, in_title),
            (Occur::Should, exact(&run, fields.body_grams)),
        ])),
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, matching)];
    for word in ranking_words(&run, fields, searcher) {
        clauses.push((
            Occur::Should,
            word_query(fields.title_words, &word, TITLE_WORD_BOOST),
        ));
        if scope == Scope::Any {
            clauses.push((
                Occur::Should,
                word_query(fields.body_words, &word, BODY_WORD_BOOST),
            ));
        }
    }
    Box::new(BooleanQuery::new(clauses))
}

/// The words that score `run`: itself when the index holds it as a word, else its jieba words.
fn ranking_words(run: &str, fields: &Fields, searcher: &Searcher) -> Vec<String> {
    let indexed = |field: Field| searcher.doc_freq(&Term::from_field_text(field, run)).unwrap_or(0) > 0;
    if indexed(fields.body_words) || indexed(fields.title_words) {
        return vec![run.to_string()];
    }
    words::words(run).into_iter().map(|t| t.text).collect()
}

/// Documents whose `field` contains the normalized `run` as a substring.
fn exact(run: &str, field: Field) -> Box<dyn Query> {
    let pairs = grams::bigrams(run);
    match pairs.len() {
        0 if run.is_empty() => Box::new(EmptyQuery),
        0 => Box::new(TermQuery::new(
            Term::from_field_text(field, run),
            IndexRecordOption::WithFreqs,
        )),
        1 => Box::new(TermQuery::new(
            Term::from_field_text(field, &pairs[0]),
            IndexRecordOption::WithFreqs,
        )),
        _ => {
            let terms = pairs
                .iter()
                .enumerate()
                .map(|(i, p)| (i, Term::from_field_text(field, p)))
                .collect();
            Box::new(PhraseQuery::new_with_offset(terms))
        }
    }
}

fn word_query(field: Field, word: &str, boost: f32) -> Box<dyn Query> {
    let query = TermQuery::new(Term::from_field_text(field, word), IndexRecordOption::WithFreqs);
    Box::new(BoostQuery::new(Box::new(query), boost))
}
