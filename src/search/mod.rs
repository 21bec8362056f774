//! A query + options → a page of ranked hits with snippets and counts, from an opened index.
//!
//! ```text
//! query text ─query (syntax, expand)─▶ Query ─plan + filters─▶ tantivy query
//!   ─collect (rank, occurrences)─▶ page ─snippet (matches)─▶ Hit; facets count every hit
//! ```
//!
//! Filters (kind, paper, region, date range) are required clauses beside the query that
//! select without scoring (`filters`). Relevance order comes from tantivy's top-k by BM25,
//! reranked (`rank`); date orders find the page's days from the date fast field without
//! scoring, then score only the hits of those days, undated hits last, score breaking ties
//! (`collect`). Only the page's documents are loaded.

mod collapse;
mod collect;
mod dates;
pub mod dsl;
mod explain;
pub mod facets;
mod filters;
mod matches;
mod occurrences;
pub mod query;
mod rank;
pub mod snippet;
pub mod stats;
pub mod trend;

use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur};
use tantivy::DocAddress;

use crate::document::{Document, Kind};
use crate::index::Store;
pub use collapse::Reprint;
pub use explain::Explanation;
use facets::{FacetCollector, Facets};
use matches::Match;
use occurrences::Within;
pub use query::part::Part;
pub use query::{Expansion, Query, Synonyms};
pub use rank::Factors;
use snippet::Snippet;

/// Result order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Latest date first, undated hits last.
    Newest,
    /// Earliest date first, undated hits last.
    Oldest,
}

/// Everything that shapes a search besides the query.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Hits on the page.
    pub limit: usize,
    /// Hits skipped before the page.
    pub offset: usize,
    /// Only documents dated on or after this `YYYYMMDD`.
    pub since: Option<i64>,
    /// Only documents dated on or before this `YYYYMMDD`.
    pub until: Option<i64>,
    /// Only these papers (names or aliases); all when empty.
    pub papers: Vec<String>,
    /// Only these regions; all when empty.
    pub regions: Vec<String>,
    /// Only this kind.
    pub kind: Option<Kind>,
    /// The order of the hits.
    pub sort: Sort,
    /// Count all hits by paper, year, region and kind.
    pub facets: bool,
    /// Never relax: a query no document holds whole has no hits.
    pub strict: bool,
    /// Break each hit's score into its parts.
    pub explain: bool,
    /// One hit per story: drop the reprints of a better-ranked hit, and count stories.
    pub collapse: bool,
}

/// One hit.
#[derive(Debug)]
pub struct Hit {
    /// The document.
    pub doc: Document,
    /// Its relevance score.
    pub score: f32,
    /// The best window of its body, with the matches lit.
    pub snippet: Snippet,
    /// Character ranges of the title to highlight.
    pub title_highlights: Vec<[usize; 2]>,
    /// In a relaxed search, the query's words the document holds.
    pub matched_terms: Option<Vec<String>>,
    /// Why it scores what it does, when asked for.
    pub explanation: Option<Explanation>,
    /// The other printings of its story, when it was printed more than once.
    pub reprint: Option<Reprint>,
}

/// Where a query's words stand in one document (`show --query`): `[start, end)` ranges of its
/// printed title and body, in characters, as a hit's title and snippet are lit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lit {
    /// Ranges of the title.
    pub title: Vec<[usize; 2]>,
    /// Ranges of the body.
    pub body: Vec<[usize; 2]>,
}

impl Lit {
    /// The matches of `query`'s terms (and their other forms) in `doc`.
    pub fn new(doc: &Document, query: &Query) -> Lit {
        Lit {
            title: snippet::highlights(&doc.title, &query.forms.title),
            body: snippet::highlights(&doc.body, &query.forms.body),
        }
    }
}

/// How a search was relaxed: no document held all `words` of the query in its text; the hits
/// hold `held` of them or more, a table row's column names counting. `held` equals `words`
/// when column names hold the rest, or when the words are those of one term cut in pieces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Relaxed {
    /// Words of the query.
    pub words: usize,
    /// Fewest words every hit holds.
    pub held: usize,
    /// Whether the words are those of one term no document holds as written.
    pub split: bool,
}

/// A page of hits and the total number of matching documents.
#[derive(Debug)]
pub struct Results {
    /// Matching documents, on every page.
    pub total: usize,
    /// The page asked for.
    pub hits: Vec<Hit>,
    /// Time spent searching.
    pub took_ms: f64,
    /// The terms that were also searched in other forms.
    pub expansions: Vec<Expansion>,
    /// Counts over all hits, when asked for.
    pub facets: Option<Facets>,
    /// Set when no document held every word and the search was relaxed.
    pub relaxed: Option<Relaxed>,
    /// With `collapse`, how many stories the matching documents tell (a group of reprints
    /// counting once).
    pub stories: Option<usize>,
}

/// Runs `query` with `options` against `store`. When no document holds every word of the
/// query and `options.strict` is off, the query is relaxed: the documents that hold the most
/// of its words, ranked first by how many they hold.
pub fn search(store: &Store, query: &Query, options: &Options) -> anyhow::Result<Results> {
    let started = Instant::now();
    if !options.collapse {
        return search_page(store, query, options, started);
    }
    // A wider page, collapsed, until it fills the page asked for or holds every hit.
    let wanted = options.offset + options.limit;
    let mut wide = wanted * 3;
    loop {
        let options_wide = Options {
            offset: 0,
            limit: wide,
            ..options.clone()
        };
        let mut results = search_page(store, query, &options_wide, started)?;
        let every = results.hits.len() >= results.total;
        results.hits = collapse::collapse(results.hits);
        if every || results.hits.len() >= wanted {
            results.hits = results
                .hits
                .into_iter()
                .skip(options.offset)
                .take(options.limit)
                .collect();
            return Ok(results);
        }
        wide *= 4;
    }
}

/// The orders of every document `query` matches strictly under the filters of `options`.
pub fn matching_orders(store: &Store, query: &Query, options: &Options) -> anyhow::Result<Vec<u64>> {
    let searcher = store.searcher();
    let planner = query::plan::Planner {
        fields: &store.fields,
        searcher: &searcher,
        expansions: &query.expansions,
    };
    let matching = filtered(store, &searcher, planner.plan(&query.tree), options)?;
    Ok(searcher.search(&matching, &collapse::Orders)?)
}

/// The page of `options` (no collapsing): [`search`]'s work.
fn search_page(store: &Store, query: &Query, options: &Options, started: Instant) -> anyhow::Result<Results> {
    let searcher = store.searcher();
    let planner = query::plan::Planner {
        fields: &store.fields,
        searcher: &searcher,
        expansions: &query.expansions,
    };
    let mut results = run(store, &searcher, planner.plan(&query.tree), query, options, false)?;
    if results.total == 0 && !options.strict {
        if let Some(relaxation) = query.relaxation(|run| planner.pieces(run)) {
            // Every word may be held when table rows' column names count.
            for held in (1..=relaxation.words).rev() {
                let planned = planner.plan_at_least(&relaxation.query.tree, held);
                let relaxed = run(store, &searcher, planned, &relaxation.query, options, true)?;
                if relaxed.total > 0 {
                    results = Results {
                        relaxed: Some(Relaxed {
                            words: relaxation.words,
                            held,
                            split: relaxation.split,
                        }),
                        ..relaxed
                    };
                    break;
                }
            }
        }
    }
    results.took_ms = started.elapsed().as_secs_f64() * 1000.0;
    Ok(results)
}

/// `planned` under the filters of `options`: the documents a search of it selects.
fn filtered(
    store: &Store,
    searcher: &tantivy::Searcher,
    planned: Box<dyn tantivy::query::Query>,
    options: &Options,
) -> anyhow::Result<BooleanQuery> {
    let mut clauses = vec![(Occur::Must, planned)];
    let selection = filters::select(searcher, &store.fields, options)?;
    clauses.extend(filters::clauses(&store.fields, &selection));
    Ok(BooleanQuery::new(clauses))
}

/// The page of hits of `planned` (the tantivy query of `query`) under the filters of
/// `options`; with `relaxed`, the hits that hold more of the query's words first, each with
/// the words it holds.
fn run(
    store: &Store,
    searcher: &tantivy::Searcher,
    planned: Box<dyn tantivy::query::Query>,
    query: &Query,
    options: &Options,
    relaxed: bool,
) -> anyhow::Result<Results> {
    let fields = &store.fields;
    let scored = filtered(store, searcher, planned, options)?;

    let documents = searcher.num_docs();
    let counts = (
        Count,
        options.facets.then_some(FacetCollector),
        options.collapse.then_some(collapse::Orders),
    );
    let forms = &query.forms;
    let statistics = rank::Statistics(searcher);
    let ((total, facets, orders), page) = if options.sort == Sort::Relevance {
        let top = TopDocs::with_limit(collect::depth(options, rank::DEPTH, documents)).order_by_score();
        let (counts, top) = searcher.search_with_statistics_provider(&scored, &(counts, top), &statistics)?;
        (
            counts,
            collect::relevance(store, searcher, top, options, &forms.rank, relaxed)?,
        )
    } else {
        let dates = collect::page_dates(options, documents);
        let (counts, dates) = searcher.search(&scored, &(counts, dates))?;
        (
            counts,
            collect::by_date(searcher, fields.date, scored.clone(), &dates, options, documents)?,
        )
    };
    let mut explanations = match options.explain {
        true => Some(explain::explain(searcher, &scored, &page)?.into_iter()),
        false => None,
    };
    let reprints = store.reprints()?;
    let addresses: Vec<DocAddress> = page.iter().map(|ranked| ranked.item).collect();
    let in_bodies = occurrences::read(searcher, fields, Within::Body, &forms.snippet, &addresses)?;
    let hits = page
        .into_iter()
        .enumerate()
        .map(|(i, ranked)| {
            let doc = store.load(searcher, ranked.item)?;
            let found = in_bodies.as_ref().map(|all| all[i].body.clone());
            let mut hit = hit(query, doc, ranked.score, found);
            if relaxed {
                hit.matched_terms = Some(forms.rank.held_in(&hit.doc));
            }
            hit.explanation = explanations.as_mut().and_then(Iterator::next);
            hit.reprint = Reprint::of(hit.doc.corpus_order(), reprints);
            Ok(hit)
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(Results {
        total,
        hits,
        took_ms: 0.0,
        expansions: query.expansions.clone(),
        facets,
        stories: orders
            .map(|orders| collapse::stories(&orders, reprints))
            .transpose()?,
        relaxed: None,
    })
}

/// The hit for `doc`: snippet and title highlights. `in_body` are the matches of the body
/// forms in the normalized body when the index gave them.
fn hit(query: &Query, doc: Document, score: f32, in_body: Option<Vec<Match>>) -> Hit {
    let forms = &query.forms;
    let snippet = match in_body {
        Some(found) => snippet::snippet_of_matches(&doc.body, found, snippet::WIDTH),
        None => snippet::snippet(&doc.body, &forms.body, snippet::WIDTH),
    };
    let title_highlights = snippet::highlights(&doc.title, &forms.title);
    Hit {
        doc,
        score,
        snippet,
        title_highlights,
        matched_terms: None,
        explanation: None,
        reprint: None,
    }
}
