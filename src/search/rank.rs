//! BM25 candidates + where the query's terms occur in them → the final relevance order.
//!
//! tantivy's BM25 (grams and jieba words, titles boosted) is scaled by three signals: how often
//! the terms occur (BM25's length normalization otherwise lets a two-line table row outrank
//! the article that is about the subject), whether the terms occur as the phrase typed
//! (`城市 管理` → `城市管理`), and how close together they stand. The occurrences come from
//! the grams' positions in the index (`occurrences`) or, for a query with a one-character
//! term, from the normalized stored text ([`Terms::occurrences_in_text`]); both give the same
//! [`Occurrences`]. Equal scores (to three decimals, as printed) are broken by date, newest
//! first. The best [`DEPTH`] candidates by BM25 are reordered (more when a page reaches
//! further).

use std::cmp::Reverse;

use crate::analysis::normalize_str;
use crate::document::Document;
use crate::search::matches::{self, Match};

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

    /// Every form with the index of its term, in order.
    pub fn labelled_forms(&self) -> impl Iterator<Item = (usize, &str)> {
        self.forms
            .iter()
            .enumerate()
            .flat_map(|(term, forms)| forms.iter().map(move |f| (term, f.as_str())))
    }

    /// The terms as written joined in query order, when there are several: the phrase whose
    /// occurrences are rewarded.
    pub fn phrase(&self) -> Option<String> {
        (self.forms.len() > 1).then(|| self.forms.iter().map(|f| f[0].as_str()).collect())
    }

    /// The terms (as written) that `doc`'s normalized title or body holds in any of their forms.
    pub fn held_in(&self, doc: &Document) -> Vec<String> {
        let text = normalize_str(&format!("{}\n{}", doc.title, doc.body));
        self.forms
            .iter()
            .filter(|forms| forms.iter().any(|form| text.contains(form.as_str())))
            .map(|forms| forms[0].clone())
            .collect()
    }

    /// How many of the terms `found` holds.
    fn held(&self, found: &Occurrences) -> usize {
        let mut terms: Vec<usize> = found.title.iter().chain(&found.body).map(|m| m.term).collect();
        terms.sort_unstable();
        terms.dedup();
        terms.len()
    }

    /// Where the terms occur in `doc`'s normalized title and body, read from the text.
    pub fn occurrences_in_text(&self, doc: &Document) -> Occurrences {
        let texts = [normalize_str(&doc.title), normalize_str(&doc.body)];
        let [title, body] = texts.each_ref().map(|text| self.find(text));
        let phrase = self.phrase().map_or(0, |joined| {
            texts
                .iter()
                .map(|text| matches::find(text, std::slice::from_ref(&joined)).len())
                .sum()
        });
        Occurrences { title, body, phrase }
    }

    /// The factor a document's BM25 score is multiplied by (1 or more).
    pub fn factor(&self, found: &Occurrences) -> f32 {
        if self.forms.is_empty() {
            return 1.0;
        }
        let fields = [&found.title[..], &found.body[..]];
        let mut factor = 1.0 + OCCURRENCE_WEIGHT * self.occurrences(&fields);
        if self.forms.len() > 1 {
            factor *= 1.0 + PHRASE_WEIGHT * (1.0 + found.phrase as f32).ln();
            factor *= 1.0 + PROXIMITY_WEIGHT * self.closeness(&fields);
        }
        factor
    }

    /// Matches of any form in `text`, each labelled with its term (not its form).
    fn find(&self, text: &str) -> Vec<Match> {
        let (term_of, flat): (Vec<usize>, Vec<String>) = self
            .labelled_forms()
            .map(|(term, form)| (term, form.to_string()))
            .unzip();
        let mut found = matches::find(text, &flat);
        for m in &mut found {
            m.term = term_of[m.term];
        }
        found
    }

    /// Mean over the terms of `ln(1 + occurrences in title and body)`.
    fn occurrences(&self, found: &[&[Match]]) -> f32 {
        let total: f32 = (0..self.forms.len())
            .map(|term| {
                let n = found.iter().copied().flatten().filter(|m| m.term == term).count();
                (1.0 + n as f32).ln()
            })
            .sum();
        total / self.forms.len() as f32
    }

    /// The terms' length over the shortest span holding every term, in the title or the
    /// body (the better); 0 when no one text holds them all.
    fn closeness(&self, found: &[&[Match]]) -> f32 {
        let length: usize = self.forms.iter().map(|f| f[0].chars().count()).sum();
        found
            .iter()
            .filter_map(|matches| matches::best_span(matches))
            .filter(|span| span.distinct == self.forms.len())
            .map(|span| (length as f32 / (span.end - span.start) as f32).min(1.0))
            .fold(0.0, f32::max)
    }
}

/// Where a query's terms occur in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Occurrences {
    /// Matches in the normalized title, labelled by term, sorted as [`matches::find`] sorts
    /// them.
    pub title: Vec<Match>,
    /// Matches in the normalized body, likewise.
    pub body: Vec<Match>,
    /// Occurrences of [`Terms::phrase`] in title and body (0 for one term).
    pub phrase: usize,
}

/// A candidate: its BM25 score, its date (`YYYYMMDD`), its place in the corpus and where the
/// terms occur in it.
pub(crate) struct Candidate<T> {
    pub(crate) score: f32,
    pub(crate) date: Option<i64>,
    pub(crate) order: u64,
    pub(crate) found: Occurrences,
    pub(crate) item: T,
}

/// Scales each candidate's BM25 score by [`Terms::factor`] and sorts: score (rounded to
/// three decimals) descending, then date descending (undated last), then corpus order (a
/// table's rows as printed; the same order in every build of a corpus). In a relaxed search
/// (`by_held`), the candidates that hold more of the terms come first. Returns the final
/// scores.
pub(crate) fn order<T>(terms: &Terms, candidates: Vec<Candidate<T>>, by_held: bool) -> Vec<(f32, T)> {
    let mut ranked: Vec<(usize, f32, Option<i64>, u64, T)> = candidates
        .into_iter()
        .map(|c| {
            let held = if by_held { terms.held(&c.found) } else { 0 };
            (held, c.score * terms.factor(&c.found), c.date, c.order, c.item)
        })
        .collect();
    ranked.sort_by_key(|&(held, score, date, order, _)| {
        (
            Reverse(held),
            Reverse((score * 1000.0).round() as i64),
            Reverse(date),
            order,
        )
    });
    ranked
        .into_iter()
        .map(|(_, score, _, _, item)| (score, item))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Kind;

    fn doc(title: &str, body: &str, date: Option<&str>) -> Document {
        Document {
            date: date.map(str::to_string),
            ..Document::sample(title, Kind::Article, title, body)
        }
    }

    /// The factor of `doc`, its occurrences read from its text.
    fn factor(t: &Terms, doc: &Document) -> f32 {
        t.factor(&t.occurrences_in_text(doc))
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
        let once = factor(&t, &doc("标题", "停车。", None));
        let often = factor(&t, &doc("标题", "停车、停车、停车。", None));
        assert!(often > once && once > 1.0, "{often} {once}");
        assert_eq!(factor(&t, &doc("标题", "没有", None)), 1.0);
    }

    #[test]
    fn phrase_and_closeness_reward_words_together() {
        let t = terms(&[&["城市"], &["管理"]]);
        let phrase = factor(&t, &doc("", "城市管理", None));
        let near = factor(&t, &doc("", "管理城市", None));
        let far = factor(&t, &doc("", &format!("城市{}管理", "甲".repeat(40)), None));
        assert!(phrase > near && near > far, "{phrase} {near} {far}");
    }

    #[test]
    fn overlapping_phrases_count_like_overlapping_terms() {
        let t = terms(&[&["哈"], &["哈"]]);
        assert_eq!(t.occurrences_in_text(&doc("", "哈哈哈", None)).phrase, 2);
    }

    #[test]
    fn alternatives_count_as_their_term() {
        let t = terms(&[&["住建局", "住房和城乡建设局"]]);
        assert!(factor(&t, &doc("", "市住房和城乡建设局", None)) > 1.0);
        assert_eq!(t.all_forms(), ["住建局", "住房和城乡建设局"]);
    }

    #[test]
    fn equal_scores_put_the_newest_first() {
        let t = Terms::default();
        let candidate = |score, date, order, title| Candidate {
            score,
            date,
            order,
            found: Occurrences::default(),
            item: title,
        };
        let candidates = vec![
            candidate(2.0, Some(20220101), 1, "old"),
            candidate(2.0, None, 9, "undated, later in the corpus"),
            candidate(2.0, None, 2, "undated"),
            candidate(2.0, Some(20230501), 3, "new"),
            candidate(3.0, None, 4, "best"),
        ];
        let titles: Vec<&str> = order(&t, candidates, false)
            .into_iter()
            .map(|(_, title)| title)
            .collect();
        assert_eq!(
            titles,
            ["best", "new", "old", "undated", "undated, later in the corpus"],
            "equal scores: newest first, then corpus order"
        );
    }
}
