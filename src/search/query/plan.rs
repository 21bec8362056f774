//! Normalized syntax tree (+ the alternatives of its terms) → tantivy query.
//!
//! Each term, normalized like the documents when the [`super::Query`] was made, is required
//! as an exact substring through the grams fields (any bigram a lone character starts, one
//! bigram, or a slop-0 phrase of bigrams), in the title or the body; that clause scores the
//! term by BM25 as it matches. Its longer words add BM25 score from the words fields, titles
//! boosted: every piece of the term of three to eight characters that the index holds as a
//! jieba word. The index's own vocabulary is the query's dictionary, so a query never loads
//! jieba's (about 100 ms) and is cut the way the documents were. Matching never depends on
//! how jieba cut the document; ranking does. A term with alternatives (`住建局` →
//! `住房和城乡建设局`, see `expand`) matches any of its forms; an alternative scores by its
//! exact matches only, at [`ALTERNATIVE_WEIGHT`], so the form as written ranks first.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::expand::Expansion;
use super::part::{labelled, Part};
use super::syntax::{Node, Scope};
use crate::analysis::{grams, words};
use crate::index::schema::Fields;

/// Weight of a match in the title against one in the body.
pub(crate) const TITLE_MATCH_BOOST: f32 = 3.0;
/// Weight of jieba-word scores in titles and bodies.
pub(crate) const TITLE_WORD_BOOST: f32 = 2.0;
pub(crate) const BODY_WORD_BOOST: f32 = 1.0;
/// The longest piece of a term looked up as a word (jieba's words are rarely longer).
const MAX_WORD_CHARS: usize = 8;
/// Weight of a match through an alternative form against the form as written.
pub const ALTERNATIVE_WEIGHT: f32 = 0.5;

/// What planning reads besides the tree.
pub struct Planner<'a> {
    pub fields: &'a Fields,
    pub searcher: &'a Searcher,
    pub expansions: &'a [Expansion],
}

impl Planner<'_> {
    /// The tantivy query for `node`.
    pub fn plan(&self, node: &Node) -> Box<dyn Query> {
        match node {
            Node::Term { text, scope } => self.term(text, *scope),
            Node::And(children) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = children
                    .iter()
                    .map(|child| match child {
                        Node::Not(inner) => (Occur::MustNot, self.plan(inner)),
                        other => (Occur::Must, self.plan(other)),
                    })
                    .collect();
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Or(children) => Box::new(BooleanQuery::new(
                children.iter().map(|c| (Occur::Should, self.plan(c))).collect(),
            )),
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery)),
                (Occur::MustNot, self.plan(inner)),
            ])),
        }
    }

    /// A relaxed query: of the positive terms of `node` (an `And` of terms and exclusions), any
    /// `k` or more, a term held by the text or by a table row's column names (which add no
    /// score), exclusions still excluding.
    pub fn plan_at_least(&self, node: &Node, k: usize) -> Box<dyn Query> {
        let Node::And(children) = node else {
            return self.plan(node);
        };
        let clauses: Vec<(Occur, Box<dyn Query>)> = children
            .iter()
            .map(|child| match child {
                Node::Not(inner) => (Occur::MustNot, self.plan(inner)),
                Node::Term {
                    text,
                    scope: Scope::Any,
                } => {
                    let in_columns = ConstScoreQuery::new(exact(text, self.fields.columns), 0.0);
                    let held: Vec<(Occur, Box<dyn Query>)> = vec![
                        (Occur::Should, self.plan(child)),
                        (Occur::Should, Box::new(in_columns)),
                    ];
                    (Occur::Should, Box::new(BooleanQuery::new(held)) as Box<dyn Query>)
                }
                other => (Occur::Should, self.plan(other)),
            })
            .collect();
        Box::new(BooleanQuery::with_minimum_required_clauses(clauses, k))
    }

    /// The words of `run` as the index knows them, left to right: the longest piece of three to
    /// eight characters the index holds as a word, else two characters (a bigram of the grams
    /// fields); a last lone character joins the piece before it. No dictionary is loaded.
    pub fn pieces(&self, run: &str) -> Vec<String> {
        let chars: Vec<char> = run.chars().collect();
        let mut pieces: Vec<String> = Vec::new();
        let mut start = 0;
        while start < chars.len() {
            let longest = (chars.len() - start).min(MAX_WORD_CHARS);
            let word = (words::MIN_CHARS..=longest)
                .rev()
                .map(|len| chars[start..start + len].iter().collect::<String>())
                .find(|piece| indexed_word(piece, self.fields, self.searcher));
            let piece = word.unwrap_or_else(|| chars[start..(start + 2).min(chars.len())].iter().collect());
            start += piece.chars().count();
            match pieces.last_mut() {
                Some(last) if piece.chars().count() == 1 => last.push_str(&piece),
                _ => pieces.push(piece),
            }
        }
        pieces
    }

    /// The words that score `run`: its pieces of [`words::MIN_CHARS`] to [`MAX_WORD_CHARS`]
    /// characters that the index holds as words, in order of position then length.
    pub(crate) fn ranking_words(&self, run: &str) -> Vec<String> {
        let indexed = |word: &str| indexed_word(word, self.fields, self.searcher);
        let chars: Vec<char> = run.chars().collect();
        let mut found = Vec::new();
        for start in 0..chars.len() {
            let longest = (chars.len() - start).min(MAX_WORD_CHARS);
            for len in words::MIN_CHARS..=longest {
                let piece: String = chars[start..start + len].iter().collect();
                if indexed(&piece) {
                    found.push(piece);
                }
            }
        }
        found
    }

    /// A term: its form as written, or any of its alternatives (scored lower).
    fn term(&self, run: &str, scope: Scope) -> Box<dyn Query> {
        let written = self.written(run, scope);
        let Some(expansion) = self.expansions.iter().find(|e| e.term == run) else {
            return written;
        };
        let mut forms: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, written)];
        for alternative in &expansion.alternatives {
            forms.push((
                Occur::Should,
                self.matching(alternative, scope, ALTERNATIVE_WEIGHT),
            ));
        }
        Box::new(BooleanQuery::new(forms))
    }

    /// The form as written: required exact match (title or body), plus word scores.
    fn written(&self, run: &str, scope: Scope) -> Box<dyn Query> {
        let fields = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, self.matching(run, scope, 1.0))];
        for word in self.ranking_words(run) {
            clauses.push((
                Occur::Should,
                word_query(Part::TitleWords, fields.title_words, &word, TITLE_WORD_BOOST),
            ));
            if scope == Scope::Any {
                clauses.push((
                    Occur::Should,
                    word_query(Part::BodyWords, fields.body_words, &word, BODY_WORD_BOOST),
                ));
            }
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Exact match of `run` in the title (boosted), or in the body too for [`Scope::Any`],
    /// its score times `weight`.
    fn matching(&self, run: &str, scope: Scope, weight: f32) -> Box<dyn Query> {
        let in_title = boosted(
            Part::TitleGrams,
            exact(run, self.fields.title_grams),
            TITLE_MATCH_BOOST * weight,
        );
        match scope {
            Scope::Title => in_title,
            Scope::Any => Box::new(BooleanQuery::new(vec![
                (Occur::Should, in_title),
                (
                    Occur::Should,
                    boosted(Part::BodyGrams, exact(run, self.fields.body_grams), weight),
                ),
            ])),
        }
    }
}

/// Whether the index holds `word` as a jieba word of a title or a body.
fn indexed_word(word: &str, fields: &Fields, searcher: &Searcher) -> bool {
    [fields.body_words, fields.title_words].into_iter().any(|field| {
        searcher
            .doc_freq(&Term::from_field_text(field, word))
            .unwrap_or(0)
            > 0
    })
}

/// Documents whose `field` contains the normalized `run` as a substring.
fn exact(run: &str, field: Field) -> Box<dyn Query> {
    let pairs = grams::bigrams(run);
    match pairs.len() {
        0 if run.is_empty() => Box::new(EmptyQuery),
        0 => {
            // Every bigram `c` starts, and only those, sorts from `c` to the next character.
            let c = run.chars().next().expect("one character");
            let bound = |c: char| Term::from_field_text(field, c.encode_utf8(&mut [0; 4]));
            let next = (c as u32 + 1..=char::MAX as u32).find_map(char::from_u32);
            Box::new(RangeQuery::new(
                Bound::Included(bound(c)),
                next.map_or(Bound::Unbounded, |next| Bound::Excluded(bound(next))),
            ))
        }
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

/// The score of `word` as a jieba word of `field`, times `boost`.
fn word_query(part: Part, field: Field, word: &str, boost: f32) -> Box<dyn Query> {
    let query = TermQuery::new(Term::from_field_text(field, word), IndexRecordOption::WithFreqs);
    boosted(part, Box::new(query), boost)
}

/// `query`'s score times `boost`, labelled as `part` of the score.
fn boosted(part: Part, query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    labelled(part, Box::new(BoostQuery::new(query, boost)))
}
