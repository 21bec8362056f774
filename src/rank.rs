//! BM25 candidates + their documents + the query's terms → the final relevance order.
//!
//! tantivy's BM25 (jieba words, titles boosted) is scaled by three signals read from the
//! normalized text: how often the terms occur (BM25's length normalization otherwise lets a
//! two-line table row outrank the article that is about the subject), whether the terms
//! occur as the phrase typed (`城市 管理` → `城市管理`), and how close together they stand.
//! Equal scores (to three decimals, as printed) are broken by date, newest first. The best
//! [`DEPTH`] candidates by BM25 are reordered (more when a page reaches further).

use std::cmp::Reverse;

use crate::analysis::normalize_str;
use crate::document::Document;
use crate::matches::{self, Match};

/// How many BM25 candidates are reordered at least.
pub const DEPTH: usize = 50;
/// Weight of the mean of `ln(1 + occurrences)` over the terms.
const OCCURRENCE_WEIGHT: f32 = 0.5;
/// Weight of `ln(1 + occurrences of the terms joined in query order)`.
const PHRASE_WEIGHT: f32 = 0.3;
/// Weight of closeness: the terms' length over the shortest span holding them all (1 when
/// adjacent).
const PROXIMITY_WEIGHT: f32 = 0.3;

/// The query's positive terms, normalized, each with its alternative forms (the form as
/// written first).
#[derive(Clone, Debug, Default)]
pub struct Terms {
    forms: Vec<Vec<String>>,
}

impl Terms {
    /// One term per entry of `forms`: its form as written, then its alternatives.
    pub fn new(forms: Vec<Vec<String>>) -> Terms {
        Terms {
            forms: forms.into_iter().filter(|f| !f.is_empty()).collect(),
        }
    }

    /// Every form of every term, in order: what snippets highlight.
    pub fn all_forms(&self) -> Vec<String> {
        self.forms.iter().flatten().cloned().collect()
    }

    /// The factor a document's BM25 score is multiplied by (1 or more).
    pub fn factor(&self, doc: &Document) -> f32 {
        if self.forms.is_empty() {
            return 1.0;
        }
        let texts = [normalize_str(&doc.title), normalize_str(&doc.body)];
        let found: Vec<Vec<Match>> = texts.iter().map(|t| self.find(t)).collect();
        let mut factor = 1.0 + OCCURRENCE_WEIGHT * self.occurrences(&found);
        if self.forms.len() > 1 {
            factor *= 1.0 + PHRASE_WEIGHT * self.phrase(&texts);
            factor *= 1.0 + PROXIMITY_WEIGHT * self.closeness(&found);
        }
        factor
    }

    /// Matches of any form in `text`, each labelled with its term (not its form).
    fn find(&self, text: &str) -> Vec<Match> {
        let (flat, term_of): (Vec<String>, Vec<usize>) = self
            .forms
            .iter()
            .enumerate()
            .flat_map(|(term, forms)| forms.iter().map(move |f| (f.clone(), term)))
            .unzip();
        let mut found = matches::find(text, &flat);
        for m in &mut found {
            m.term = term_of[m.term];
        }
        found
    }

    /// Mean over the terms of `ln(1 + occurrences in title and body)`.
    fn occurrences(&self, found: &[Vec<Match>]) -> f32 {
        let total: f32 = (0..self.forms.len())
            .map(|term| {
                let n = found.iter().flatten().filter(|m| m.term == term).count();
                (1.0 + n as f32).ln()
            })
            .sum();
        total / self.forms.len() as f32
    }

    /// `ln(1 + occurrences)` of the terms as written, joined in query order.
    fn phrase(&self, texts: &[String]) -> f32 {
        let joined: String = self.forms.iter().map(|f| f[0].as_str()).collect();
        let n: usize = texts.iter().map(|t| t.matches(joined.as_str()).count()).sum();
        (1.0 + n as f32).ln()
    }

    /// The terms' length over the shortest span holding every term, in the title or the
    /// body (the better); 0 when no one text holds them all.
    fn closeness(&self, found: &[Vec<Match>]) -> f32 {
        let length: usize = self.forms.iter().map(|f| f[0].chars().count()).sum();
        found
            .iter()
            .filter_map(|matches| matches::best_span(matches))
            .filter(|span| span.distinct == self.forms.len())
            .map(|span| (length as f32 / (span.end - span.start) as f32).min(1.0))
            .fold(0.0, f32::max)
    }
}

/// A candidate hit with its final score.
pub struct Ranked {
    pub doc: Document,
    pub score: f32,
}

/// Scales each candidate's BM25 `score` by [`Terms::factor`] and sorts: score (rounded to
/// three decimals) descending, then date descending (undated last).
pub fn order(terms: &Terms, candidates: Vec<(f32, Document)>) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = candidates
        .into_iter()
        .map(|(score, doc)| Ranked {
            score: score * terms.factor(&doc),
            doc,
        })
        .collect();
    ranked.sort_by_key(|r| {
        (
            Reverse((r.score * 1000.0).round() as i64),
            Reverse(r.doc.date_number()),
        )
    });
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Kind;

    fn doc(title: &str, body: &str, date: Option<&str>) -> Document {
        Document {
            id: title.into(),
            kind: Kind::Article,
            title: title.into(),
            subtitle: None,
            date: date.map(str::to_string),
            date_text: None,
            date_precision: None,
            date_source: None,
            paper: None,
            region: None,
            reporters: Vec::new(),
            path: "p".into(),
            lines: [1, 1],
            fields: None,
            table_title: None,
            body: body.into(),
        }
    }

    fn terms(words: &[&[&str]]) -> Terms {
        Terms::new(
            words
                .iter()
                .map(|forms| forms.iter().map(|f| f.to_string()).collect())
                .collect(),
        )
    }

    #[test]
    fn more_occurrences_weigh_more() {
        let t = terms(&[&["停车"]]);
        let once = t.factor(&doc("标题", "停车。", None));
        let often = t.factor(&doc("标题", "停车、停车、停车。", None));
        assert!(often > once && once > 1.0, "{often} {once}");
        assert_eq!(t.factor(&doc("标题", "没有", None)), 1.0);
    }

    #[test]
    fn phrase_and_closeness_reward_words_together() {
        let t = terms(&[&["城市"], &["管理"]]);
        let phrase = t.factor(&doc("", "城市管理", None));
        let near = t.factor(&doc("", "管理城市", None));
        let far = t.factor(&doc("", &format!("城市{}管理", "甲".repeat(40)), None));
        assert!(phrase > near && near > far, "{phrase} {near} {far}");
    }

    #[test]
    fn alternatives_count_as_their_term() {
        let t = terms(&[&["住建局", "住房和城乡建设局"]]);
        assert!(t.factor(&doc("", "市住房和城乡建设局", None)) > 1.0);
        assert_eq!(t.all_forms(), ["住建局", "住房和城乡建设局"]);
    }

    #[test]
    fn equal_scores_put_the_newest_first() {
        let t = Terms::default();
        let candidates = vec![
            (2.0, doc("old", "", Some("2022-01-01"))),
            (2.0, doc("undated", "", None)),
            (2.0, doc("new", "", Some("2023-05-01"))),
            (3.0, doc("best", "", None)),
        ];
        let titles: Vec<String> = order(&t, candidates).into_iter().map(|r| r.doc.title).collect();
        assert_eq!(titles, ["best", "new", "old", "undated"]);
    }
}
