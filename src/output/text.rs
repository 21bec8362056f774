//! What people read in a terminal: search results (rank, title, date · paper · kind,
//! `path:line`, highlighted snippet; a closing line with the hit count, and with `--facets`
//! one line of counts), a whole document (`show`), the index summary (`index`) and the
//! counts of `stats`.
//!
//! Color (ANSI) only when asked for or when stdout is a terminal and `NO_COLOR` is unset.

use std::collections::BTreeMap;

use crate::document::Document;
use crate::index::indexer::Mode;
use crate::index::opensearch::Exported;
use crate::index::reprints::Member;
use crate::index::Summary;
use crate::search::facets::Facets;
use crate::search::stats::Stats;
use crate::search::{Explanation, Hit, Lit, Results};

const BOLD: &str = "\x1b[1m";
const MATCH: &str = "\x1b[1;31m";
pub(super) const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Text output with or without color.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Paint titles, matches and notes with ANSI codes.
    pub color: bool,
}

impl Style {
    pub(super) fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// `text` with the character ranges in `highlights` painted as matches, the rest in `base`.
    fn highlight(&self, text: &str, highlights: &[[usize; 2]], base: Option<&str>) -> String {
        if !self.color {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        for &[start, end] in highlights {
            let plain: String = chars[at..start].iter().collect();
            out.push_str(&base.map_or(plain.clone(), |b| self.paint(b, &plain)));
            out.push_str(&self.paint(MATCH, &chars[start..end].iter().collect::<String>()));
            at = end;
        }
        let rest: String = chars[at..].iter().collect();
        out.push_str(&base.map_or(rest.clone(), |b| self.paint(b, &rest)));
        out
    }
}

/// The whole search output for people.
pub fn results(query: &str, results: &Results, offset: usize, style: Style) -> String {
    if results.total == 0 {
        return format!("no hits for {query}\n");
    }
    let mut out = String::new();
    if let Some(relaxed) = results.relaxed {
        let line = if relaxed.split && relaxed.held == relaxed.words {
            format!(
                "no document holds {query} as written; showing those with all its {} words\n",
                relaxed.words
            )
        } else if relaxed.held == relaxed.words {
            format!(
                "no document holds all {} words in its text; showing table rows whose column names hold the rest\n",
                relaxed.words
            )
        } else {
            format!(
                "no document holds all {} words; showing those with {} or more\n",
                relaxed.words, relaxed.held
            )
        };
        out.push_str(&style.paint(DIM, &line));
    }
    for (rank, hit) in results.hits.iter().enumerate() {
        out.push_str(&format_hit(offset + rank + 1, hit, style));
    }
    let shown = if results.hits.is_empty() {
        format!("no hits on this page ({} in all)", results.total)
    } else {
        format!(
            "{}–{} of {} hits",
            offset + 1,
            offset + results.hits.len(),
            results.total
        )
    };
    let shown = match results.stories {
        Some(stories) => format!("{shown} · {stories} stories, one hit each"),
        None => shown,
    };
    out.push_str(&style.paint(DIM, &format!("{shown} · {:.1} ms\n", results.took_ms)));
    if let Some(facets) = &results.facets {
        out.push_str(&style.paint(DIM, &facet_line(facets)));
    }
    out
}

/// `paper 牡丹晚报 12, 菏泽日报 3 · year 2023 10 · …`: each facet's values, most hits first.
pub fn facet_line(facets: &Facets) -> String {
    let parts: Vec<String> = facets
        .named()
        .iter()
        .filter(|(_, counts)| !counts.is_empty())
        .map(|(name, counts)| {
            let mut values: Vec<(&String, &usize)> = counts.iter().collect();
            values.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let values: Vec<String> = values.iter().map(|(v, n)| format!("{v} {n}")).collect();
            format!("{name} {}", values.join(", "))
        })
        .collect();
    format!("facets: {}\n", parts.join(" · "))
}

fn format_hit(rank: usize, hit: &Hit, style: Style) -> String {
    let doc = &hit.doc;
    let title = style.highlight(&doc.title, &hit.title_highlights, Some(BOLD));
    let snippet = style.highlight(&hit.snippet.text, &hit.snippet.highlights, None);
    let explained = hit
        .explanation
        .as_ref()
        .map(|e| style.paint(DIM, &explanation(e)))
        .unwrap_or_default();
    let reprinted = hit
        .reprint
        .as_ref()
        .map(|r| style.paint(DIM, &format!("   {}\n", also_in(&r.others))))
        .unwrap_or_default();
    format!(
        "{rank}. {title}\n   {}\n   {}\n   {snippet}\n{reprinted}{}\n",
        style.paint(DIM, &describe(doc)),
        style.paint(DIM, &format!("{}:{} · {}", doc.path, doc.lines[0], doc.id)),
        explained,
    )
}

/// `also in 菏泽日报, 大众日报 (+3)`: the papers of a story's other printings, two named.
fn also_in(others: &[Member]) -> String {
    let mut papers: Vec<&str> = Vec::new();
    for paper in others
        .iter()
        .map(|m| m.paper.as_deref().unwrap_or("a paper not known"))
    {
        if !papers.contains(&paper) {
            papers.push(paper);
        }
    }
    let named = papers.len().min(2);
    let rest = others.len() - named;
    let more = if rest > 0 {
        format!(" (+{rest})")
    } else {
        String::new()
    };
    format!("also in {}{more}", papers[..named].join(", "))
}

/// `reprints`: each story's printings, earliest first, and how many stories there are.
pub fn reprints(query: &str, stories: usize, shown: &[Vec<Document>]) -> String {
    let mut out = String::new();
    for (n, docs) in shown.iter().enumerate() {
        let first = &docs[0];
        out.push_str(&format!(
            "{}. {} printings, first {}: {}\n",
            n + 1,
            docs.len(),
            describe_briefly(first),
            first.title
        ));
        for doc in docs {
            out.push_str(&format!(
                "   {} · {} · {}:{} · {}\n",
                describe_briefly(doc),
                doc.title,
                doc.path,
                doc.lines[0],
                doc.id
            ));
        }
    }
    let matching = match query {
        "" => String::new(),
        query => format!(" with a printing matching {query}"),
    };
    out.push_str(&format!(
        "{} of {stories} stories printed more than once{matching}\n",
        shown.len()
    ));
    out
}

/// `2023-05-02 牡丹晚报`: a printing's date and paper.
fn describe_briefly(doc: &Document) -> String {
    let [date, paper] = date_and_paper(doc);
    format!("{date} {paper}")
}

/// A document's date (as printed when the year is unknown) and paper, or what stands for them.
fn date_and_paper(doc: &Document) -> [String; 2] {
    let date = doc.date.clone().or_else(|| doc.date_text.clone());
    let paper = doc.paper.clone();
    [
        date.unwrap_or_else(|| "no date".into()),
        paper.unwrap_or_else(|| "paper unknown".into()),
    ]
}

/// The lines of `--explain` under a hit: the score as BM25 times the factors, and the BM25 by
/// part.
fn explanation(e: &Explanation) -> String {
    let f = &e.factors;
    let factors: Vec<String> = f
        .named()
        .iter()
        .map(|(name, value)| format!("{name} {value:.3}"))
        .collect();
    let mut out = format!(
        "   score {:.3} = bm25 {:.3} × {}\n",
        e.bm25 * f.product(),
        e.bm25,
        factors.join(" × ")
    );
    let parts: Vec<String> = e
        .parts
        .iter()
        .map(|(part, value)| format!("{} {value:.3}", part.name().replace('_', " ")))
        .collect();
    out.push_str(&format!("   bm25 {:.3} = {}\n", e.bm25, parts.join(" + ")));
    if let Some(score) = e.as_row {
        out.push_str(&format!(
            "   score {score:.3}: that of an equal row of its table (the terms as often)\n"
        ));
    }
    if let Some(held) = e.held {
        out.push_str(&format!("   holds {held} of the query's words\n"));
    }
    out
}

/// `date · paper · kind`, with unknowns said plainly.
pub fn describe(doc: &Document) -> String {
    let mut parts: Vec<String> = date_and_paper(doc).into();
    parts.extend(doc.region.clone());
    parts.push(doc.kind.as_str().to_string());
    parts.join(" · ")
}

/// The line `export --opensearch` prints.
pub fn exported(exported: &Exported) -> String {
    let dir = exported.template.parent().unwrap_or(std::path::Path::new("."));
    format!(
        "wrote {} documents to {}: template.json and {} bulk file{} ({:.1} MB)",
        exported.documents,
        dir.display(),
        exported.bulk.len(),
        if exported.bulk.len() == 1 { "" } else { "s" },
        exported.bytes as f64 / 1e6,
    )
}

/// A whole document for `show`, with a query's matches lit when given.
pub fn document(doc: &Document, lit: Option<&Lit>, style: Style) -> String {
    let title = lit.map_or_else(
        || style.paint(BOLD, &doc.title),
        |lit| style.highlight(&doc.title, &lit.title, Some(BOLD)),
    );
    let mut out = format!("{title}\n");
    out.push_str(&format!("{}\n", style.paint(DIM, &describe(doc))));
    if !doc.reporters.is_empty() {
        out.push_str(&format!(
            "{}\n",
            style.paint(DIM, &format!("reporters: {}", doc.reporters.join(", ")))
        ));
    }
    out.push_str(&format!(
        "{}\n\n",
        style.paint(
            DIM,
            &format!("{}:{}-{} · {}", doc.path, doc.lines[0], doc.lines[1], doc.id)
        )
    ));
    if let Some(fields) = &doc.fields {
        for (column, cell) in fields {
            out.push_str(&format!("{column}: {cell}\n"));
        }
    } else {
        match lit {
            Some(lit) => out.push_str(&style.highlight(&doc.body, &lit.body, None)),
            None => out.push_str(&doc.body),
        }
        out.push('\n');
    }
    out
}

/// What an `index` run did: files, documents by kind, time; what an incremental run changed;
/// skipped files with their reasons; warnings.
pub fn summary(summary: &Summary) -> String {
    let kinds: Vec<String> = summary
        .documents
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let mut text = format!(
        "indexed {} files into {}: {} ({} documents) in {:.2} s\n",
        summary.files_indexed,
        summary.index,
        if kinds.is_empty() {
            "nothing".into()
        } else {
            kinds.join(", ")
        },
        summary.documents.values().sum::<usize>(),
        summary.seconds
    );
    if summary.mode == Mode::Incremental {
        text.push_str(&format!(
            "updated: {} added, {} changed, {} removed, {} unchanged\n",
            summary.files_added, summary.files_changed, summary.files_removed, summary.files_unchanged
        ));
    }
    if !summary.files_skipped.is_empty() {
        text.push_str(&format!("skipped {} files:\n", summary.files_skipped.len()));
        for skipped in &summary.files_skipped {
            text.push_str(&format!("  {}: {}\n", skipped.path, skipped.reason));
        }
    }
    for warning in &summary.warnings {
        text.push_str(&format!("warning: {warning}\n"));
    }
    text
}

/// `stats` for people, one line per group.
pub fn stats(stats: &Stats) -> String {
    let line = |name: &str, map: &BTreeMap<String, usize>| {
        let parts: Vec<String> = map.iter().map(|(k, v)| format!("{k} {v}")).collect();
        format!("{name:<10}{}\n", parts.join(" · "))
    };
    let span = stats
        .date_span
        .as_ref()
        .map_or("none".to_string(), |[a, b]| format!("{a} … {b}"));
    format!(
        "{} documents from {} files\n{}{}{}{}{}{}dates     {span}\n",
        stats.documents,
        stats.files,
        line("kinds", &stats.by_kind),
        line("papers", &stats.by_paper),
        line("provinces", &stats.by_province),
        line("cities", &stats.by_city),
        line("regions", &stats.by_region),
        line("years", &stats.by_year),
    )
}
