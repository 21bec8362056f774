//! Documents → counts by kind, paper, region and year, and the date span (`baokan stats`).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::document::Document;

/// What an index holds.
#[derive(Debug, Default, Serialize)]
pub struct Stats {
    pub documents: usize,
    pub files: usize,
    pub by_kind: BTreeMap<String, usize>,
    /// Papers; `unknown` counts documents without one.
    pub by_paper: BTreeMap<String, usize>,
    pub by_region: BTreeMap<String, usize>,
    /// Years of dated documents; `unknown` counts the undated.
    pub by_year: BTreeMap<String, usize>,
    /// Earliest and latest known dates.
    pub date_span: Option<[String; 2]>,
}

/// Counts `docs`.
pub fn count(docs: &[Document]) -> Stats {
    let mut stats = Stats {
        documents: docs.len(),
        ..Stats::default()
    };
    let unknown = || "unknown".to_string();
    let mut files = BTreeSet::new();
    let mut dates = BTreeSet::new();
    for doc in docs {
        files.insert(doc.path.as_str());
        *stats.by_kind.entry(doc.kind.as_str().to_string()).or_default() += 1;
        *stats
            .by_paper
            .entry(doc.paper.clone().unwrap_or_else(unknown))
            .or_default() += 1;
        *stats
            .by_region
            .entry(doc.region.clone().unwrap_or_else(unknown))
            .or_default() += 1;
        let year = doc.date.as_ref().map_or_else(unknown, |d| d[..4].to_string());
        *stats.by_year.entry(year).or_default() += 1;
        dates.extend(doc.date.clone());
    }
    stats.files = files.len();
    stats.date_span = dates
        .first()
        .zip(dates.last())
        .map(|(a, b)| [a.clone(), b.clone()]);
    stats
}

/// Stats for people, one line per group.
pub fn text(stats: &Stats) -> String {
    let line = |name: &str, map: &BTreeMap<String, usize>| {
        let parts: Vec<String> = map.iter().map(|(k, v)| format!("{k} {v}")).collect();
        format!("{name:<9}{}\n", parts.join(" · "))
    };
    let span = stats
        .date_span
        .as_ref()
        .map_or("none".to_string(), |[a, b]| format!("{a} … {b}"));
    format!(
        "{} documents from {} files\n{}{}{}{}dates    {span}\n",
        stats.documents,
        stats.files,
        line("kinds", &stats.by_kind),
        line("papers", &stats.by_paper),
        line("regions", &stats.by_region),
        line("years", &stats.by_year),
    )
}
