//! Search options → the [`Selection`] they stand for (names resolved against the index) →
//! required clauses that select documents without scoring: kind, paper, region and a date
//! range. A paper or region the index does not hold is a usage error that
//! lists the choices, since it could only find nothing.

use std::collections::BTreeSet;
use std::ops::Bound;

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::Options;
use crate::document::Kind;
use crate::error::usage;
use crate::index::schema::Fields;
use crate::ingest::meta::{codes_named, papers_named};

/// The filters of a search, every paper and region name resolved against the index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only these papers, as the index holds them (any when empty).
    pub papers: Vec<String>,
    /// Only documents in these places (GB/T 2260 codes) or of these other regions (as the
    /// index holds them); any when both are empty.
    pub places: Vec<String>,
    pub regions: Vec<String>,
    /// Only documents dated on or after / on or before these `YYYYMMDD`.
    pub since: Option<i64>,
    pub until: Option<i64>,
    /// A date known only to its year (`YYYY0000`) that falls in the range by number but not
    /// by meaning: a range that ends inside that year (`--until 2023-03`).
    pub not_year: Option<i64>,
}

/// The filters `options` ask for, resolved; a paper or region the index does not hold is a
/// usage error that lists the choices.
pub(crate) fn select(searcher: &Searcher, fields: &Fields, options: &Options) -> anyhow::Result<Selection> {
    let (places, regions) = regions(searcher, fields, &options.regions)?;
    let dated = options.since.is_some() || options.until.is_some();
    Ok(Selection {
        kind: options.kind,
        papers: resolve_papers(searcher, fields.paper, &options.papers)?,
        places,
        regions,
        since: options.since,
        until: options.until,
        not_year: options
            .until
            .filter(|until| dated && until % 10_000 != 1231)
            .map(|until| until / 10_000 * 10_000),
    })
}

/// The clauses of `selection`: kind, papers, regions, then the date range.
pub(super) fn clauses(fields: &Fields, selection: &Selection) -> Vec<(Occur, Box<dyn Query>)> {
    let mut clauses = Vec::new();
    if let Some(kind) = selection.kind {
        clauses.push(filter(exact(Term::from_field_text(fields.kind, kind.as_str()))));
    }
    clauses.extend(any_of(fields.paper, &selection.papers).map(filter));
    let in_regions: Vec<(Occur, Box<dyn Query>)> = any_of(fields.places, &selection.places)
        .into_iter()
        .chain(any_of(fields.region, &selection.regions))
        .map(|query| (Occur::Should, query))
        .collect();
    if !in_regions.is_empty() {
        clauses.push(filter(Box::new(BooleanQuery::new(in_regions))));
    }
    if selection.since.is_some() || selection.until.is_some() {
        let bound = |v: Option<i64>| v.map_or(Bound::Unbounded, Bound::Included);
        clauses.push(filter(dated(
            fields.date,
            bound(selection.since),
            bound(selection.until),
        )));
    }
    if let Some(year) = selection.not_year {
        clauses.push((Occur::MustNot, exact(Term::from_field_i64(fields.date, year))));
    }
    clauses
}

/// Documents holding `term` (a filter's or an id's exact value).
pub(super) fn exact(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

/// Documents whose `field` is any of `values` (none when `values` is empty).
fn any_of(field: Field, values: &[String]) -> Option<Box<dyn Query>> {
    (!values.is_empty()).then(|| {
        let options = values
            .iter()
            .map(|v| (Occur::Should, exact(Term::from_field_text(field, v))))
            .collect();
        Box::new(BooleanQuery::new(options)) as Box<dyn Query>
    })
}

/// A required clause that selects without scoring, so that a filter changes neither the
/// ranking nor the scores shown.
pub(super) fn filter(query: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0)))
}

/// Documents whose date (a `YYYYMMDD` number) is within the bounds.
fn dated(field: Field, from: Bound<i64>, to: Bound<i64>) -> Box<dyn Query> {
    let term = |bound: Bound<i64>| bound.map(|date| Term::from_field_i64(field, date));
    Box::new(RangeQuery::new(term(from), term(to)))
}

/// The places (codes) and other regions `names` stand for: a province, city or county of
/// the gazetteer (by name, short form or code) takes in every place in it; another name must
/// be a region the index holds.
fn regions(
    searcher: &Searcher,
    fields: &Fields,
    names: &[String],
) -> anyhow::Result<(Vec<String>, Vec<String>)> {
    let mut places = Vec::new();
    let mut others = Vec::new();
    for name in names {
        let codes = codes_named(name);
        let held = |code: &&str| {
            let term = Term::from_field_text(fields.places, code);
            searcher.doc_freq(&term).map(|n| n > 0)
        };
        let present = codes
            .iter()
            .map(held)
            .collect::<tantivy::Result<Vec<bool>>>()?
            .contains(&true);
        if present {
            places.extend(codes.into_iter().map(str::to_string));
        } else {
            // Not a place of the gazetteer that a document lies in: a region as the index
            // holds it (a sidecar's), or a usage error listing the close ones.
            others.extend(check_values(
                searcher,
                fields.region,
                std::slice::from_ref(name),
                "region",
            )?);
        }
    }
    Ok((places, others))
}

/// Paper names and aliases → the papers of the index they name (`ycwb` → 盐城晚报 when the
/// index holds it); a name that names none of them is a usage error that lists the index's
/// papers.
fn resolve_papers(searcher: &Searcher, field: Field, names: &[String]) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for name in names {
        let held: Vec<String> = std::iter::once(name.clone())
            .chain(papers_named(name))
            .filter(|paper| {
                searcher
                    .doc_freq(&Term::from_field_text(field, paper))
                    .is_ok_and(|n| n > 0)
            })
            .collect();
        if held.is_empty() {
            out.extend(check_values(
                searcher,
                field,
                std::slice::from_ref(name),
                "paper",
            )?);
        }
        out.extend(held);
    }
    Ok(out)
}

/// `values` when each is present in `field`; otherwise a usage error listing what is.
fn check_values(
    searcher: &Searcher,
    field: Field,
    values: &[String],
    what: &str,
) -> anyhow::Result<Vec<String>> {
    for value in values {
        if searcher.doc_freq(&Term::from_field_text(field, value))? == 0 {
            let present = field_values(searcher, field)?;
            // Regions that share two characters with the one asked for, else all of them.
            let pairs: Vec<String> = crate::analysis::grams::bigrams(value);
            let close: Vec<&String> = present
                .iter()
                .filter(|v| what == "region" && pairs.iter().any(|pair| v.contains(pair.as_str())))
                .collect();
            let list = if close.is_empty() {
                present.iter().map(String::as_str).collect::<Vec<_>>().join(", ")
            } else {
                close.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            };
            return Err(usage(format!("unknown {what} '{value}'; choose one of: {list}")));
        }
    }
    Ok(values.to_vec())
}

/// Every value indexed in a string field.
fn field_values(searcher: &Searcher, field: Field) -> anyhow::Result<BTreeSet<String>> {
    let mut values = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            values.insert(String::from_utf8_lossy(stream.key()).into_owned());
        }
    }
    Ok(values)
}
