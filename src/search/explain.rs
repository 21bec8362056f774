//! The page's hits + the query that found them → each hit's score broken into its parts: the
//! BM25 of exact matches and of jieba words in title and body, and the factors the ranking
//! multiplied it by (`--explain`).

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, Searcher};

use super::query::part::{self, Part};
use super::rank::{Factors, Ranked, Statistics};

/// Why a hit scores what it does: `score` = `bm25` × the product of `factors`, or, for a
/// table row that equals a better row of its table, that row's score (`as_row`).
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// tantivy's BM25 by part of the query's clauses; they add up to `bm25`.
    pub parts: Vec<(Part, f32)>,
    /// The BM25 score.
    pub bm25: f32,
    /// What the ranking multiplied `bm25` by (all 1 in a date order).
    pub factors: Factors,
    /// The score a table row takes from an equal row of its table.
    pub as_row: Option<f32>,
    /// In a relaxed search, how many of the query's words the hit holds.
    pub held: Option<usize>,
    /// The final score.
    pub score: f32,
}

/// The explanation of each of `page` (found by `query`, as it was scored).
pub(super) fn explain(
    searcher: &Searcher,
    query: &dyn Query,
    page: &[Ranked<DocAddress>],
) -> tantivy::Result<Vec<Explanation>> {
    let statistics = Statistics(searcher);
    let weight = query.weight(EnableScoring::enabled_from_statistics_provider(
        &statistics,
        searcher,
    ))?;
    page.iter()
        .map(|ranked| {
            let address = ranked.item;
            let segment = searcher.segment_reader(address.segment_ord);
            let explanation = weight.explain(segment, address.doc_id)?;
            Ok(Explanation {
                parts: part::scores(&explanation),
                bm25: ranked.bm25,
                factors: ranked.factors,
                as_row: ranked.as_row,
                held: ranked.held,
                score: ranked.score,
            })
        })
        .collect()
}
