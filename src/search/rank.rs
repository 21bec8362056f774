//! BM25 candidates + where the query's terms occur in them → the final relevance order.
//!
//! tantivy's BM25 (grams and jieba words, titles boosted) runs on [`Statistics`] without its
//! length normalization: a long article that is about a subject must not lose to a short
//! column or table row that mentions it once. The score is then scaled by [`Factors`]: how
//! often the terms occur, whether they occur as the phrase typed (`城市 管理` → `城市管理`),
//! how close together they stand, whether they open the body (the lead), and whether a
//! document is of the date the query types (`3月8日`). The occurrences come from the grams'
//! positions in the index (`occurrences`) or, for a query with a one-character term, from the
//! normalized stored text ([`Terms::occurrences_in_text`]); both give the same
//! [`Occurrences`]. Rows of one table that hold the terms equally often are equals: they take
//! the best one's score and come in the table's order. Equal scores (to three decimals, as
//! printed) are broken by date, newest first, then corpus order. The best [`DEPTH`]
//! candidates by BM25 are reordered (more when a page reaches further).

use std::cmp::Reverse;
use std::collections::HashMap;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::analysis::{normalize_lines, normalize_str};
use crate::document::{self, Document};
use crate::search::dates::Typed;
use crate::search::matches::{self, Match};

/// How many BM25 candidates are reordered at least.
pub const DEPTH: usize = 50;
/// The mean length, in tokens a document, BM25 is told its fields have: so long that a
/// document's own length no longer counts (tantivy's k1 1.2 and b 0.75 then score as b 0 and
/// k1 0.3).
const NO_LENGTH: u64 = 1 << 40;
/// Weight of the mean of `ln(1 + occurrences)` over the terms.
const OCCURRENCE_WEIGHT: f32 = 0.5;
/// Weight of `ln(1 + occurrences of the terms joined in query order)`.
const PHRASE_WEIGHT: f32 = 0.3;
/// Weight of closeness: the terms' length over the shortest span holding them all (1 when
/// adjacent).
const PROXIMITY_WEIGHT: f32 = 0.3;
/// Weight of the share of the terms that the body's first [`LEAD_CHARS`] characters hold.
const LEAD_WEIGHT: f32 = 0.2;
/// The lead: the body's opening characters (normalized), byline and first sentences.
const LEAD_CHARS: usize = 150;
/// Factor of a document dated on the date that a query term types.
const DATE_WEIGHT: f32 = 1.5;

/// BM25's statistics for the index of `searcher`, without length normalization: a long
/// article that is about a subject must not lose to a short column or table row that mentions
/// it once (the seeds' press conference stating `机扫保洁率 92.5%` against a column quoting
/// it). How often the terms occur counts through [`Factors::occurrences`] instead.
pub(crate) struct Statistics<'a>(pub(crate) &'a Searcher);

impl Bm25StatisticsProvider for Statistics<'_> {
    fn total_num_tokens(&self, _field: Field) -> tantivy::Result<u64> {
        Ok(Bm25StatisticsProvider::total_num_docs(self.0)?.saturating_mul(NO_LENGTH))
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_docs(self.0)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.0.doc_freq(term)
    }
}

/// The factors a document's BM25 score is multiplied by, each 1 or more.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Factors {
    /// How often the terms occur: 1 + 0.5 × the mean over the terms of ln(1 + n).
    pub occurrences: f32,
    /// The terms as the phrase typed: 1 + 0.3 × ln(1 + n).
    pub phrase: f32,
    /// The terms close together: 1 + 0.3 × their length over their span.
    pub proximity: f32,
    /// The terms in the lead: 1 + 0.2 × the share of the terms that the body's first
    /// 150 characters hold.
    pub lead: f32,
    /// A document of the date a term types: 1.5, else 1.
    pub date: f32,
}

impl Factors {
    /// No factor at all.
    pub const NONE: Factors = Factors {
        occurrences: 1.0,
        phrase: 1.0,
        proximity: 1.0,
        lead: 1.0,
        date: 1.0,
    };

    /// Each factor with its name, in the order explanations print them.
    pub fn named(&self) -> [(&'static str, f32); 5] {
        [
            ("occurrences", self.occurrences),
            ("phrase", self.phrase),
            ("proximity", self.proximity),
            ("lead", self.lead),
            ("date", self.date),
        ]
    }

    /// Their product.
    pub fn product(&self) -> f32 {
        self.named().iter().map(|&(_, factor)| factor).product()
    }
}

/// The query's positive terms, normalized, each with its alternative forms (the form as
/// written first).
#[derive(Clone, Debug, Default)]
pub struct Terms {
    forms: Vec<Vec<String>>,
    /// The dates that terms type (`3月8日`).
    dates: Vec<Typed>,
}

impl Terms {
    /// One term per entry of `forms`: its form as written, then its alternatives.
    pub fn new(forms: Vec<Vec<String>>) -> Terms {
        let forms: Vec<Vec<String>> = forms.into_iter().filter(|f| !f.is_empty()).collect();
        let dates = forms.iter().filter_map(|f| Typed::read(&f[0])).collect();
        Terms { forms, dates }
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

    /// The terms (as written) that `doc`'s normalized title, body or column names hold in any
    /// of their forms.
    pub fn held_in(&self, doc: &Document) -> Vec<String> {
        let text = format!(
            "{}\n{}",
            normalize_str(&format!("{}\n{}", doc.title, doc.body)),
            columns_of(doc)
        );
        self.forms
            .iter()
            .filter(|forms| forms.iter().any(|form| text.contains(form.as_str())))
            .map(|forms| forms[0].clone())
            .collect()
    }

    /// What makes two table rows equals: their file, and how often each term occurs in their
    /// titles and bodies and as the phrase.
    fn signature(&self, found: &Occurrences, order: u64) -> Vec<usize> {
        let count = |matches: &[Match], term| matches.iter().filter(|m| m.term == term).count();
        let mut signature = vec![document::corpus_file(order) as usize, found.phrase];
        for term in 0..self.forms.len() {
            signature.extend([count(&found.title, term), count(&found.body, term)]);
        }
        signature
    }

    /// How many of the terms `found` holds.
    fn held(&self, found: &Occurrences) -> usize {
        let matches = found.title.iter().chain(&found.body).chain(&found.columns);
        let mut terms: Vec<usize> = matches.map(|m| m.term).collect();
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
        let columns = self.find(&columns_of(doc));
        Occurrences {
            title,
            body,
            phrase,
            columns,
        }
    }

    /// The factors a document's BM25 score is multiplied by, from where the terms occur in it
    /// and its date.
    pub fn factors(&self, found: &Occurrences, date: Option<i64>) -> Factors {
        if self.forms.is_empty() {
            return Factors::NONE;
        }
        let fields = [&found.title[..], &found.body[..]];
        let several = self.forms.len() > 1;
        let in_lead = (0..self.forms.len())
            .filter(|&term| found.body.iter().any(|m| m.term == term && m.start < LEAD_CHARS))
            .count();
        let typed = date.is_some_and(|date| self.dates.iter().any(|typed| typed.holds(date)));
        Factors {
            occurrences: 1.0 + OCCURRENCE_WEIGHT * self.occurrences(&fields),
            phrase: if several {
                1.0 + PHRASE_WEIGHT * (1.0 + found.phrase as f32).ln()
            } else {
                1.0
            },
            proximity: if several {
                1.0 + PROXIMITY_WEIGHT * self.closeness(&fields)
            } else {
                1.0
            },
            lead: 1.0 + LEAD_WEIGHT * in_lead as f32 / self.forms.len() as f32,
            date: if typed { DATE_WEIGHT } else { 1.0 },
        }
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

/// A table row's column names as the index holds them, one a line.
fn columns_of(doc: &Document) -> String {
    normalize_lines(doc.column_names())
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
    /// Matches in a table row's column names (normalized, one a line), likewise: they count
    /// as words held in a relaxed search, and for nothing else.
    pub columns: Vec<Match>,
}

/// A candidate: its BM25 score, its date (`YYYYMMDD`), its place in the corpus, whether it
/// is a table row and where the terms occur in it.
pub(crate) struct Candidate<T> {
    pub(crate) score: f32,
    pub(crate) date: Option<i64>,
    pub(crate) order: u64,
    pub(crate) row: bool,
    pub(crate) found: Occurrences,
    pub(crate) item: T,
}

/// A ranked candidate: its final score and what made it.
#[derive(Clone, Debug)]
pub struct Ranked<T> {
    /// The final score.
    pub score: f32,
    /// tantivy's BM25 score.
    pub bm25: f32,
    /// What the BM25 score was multiplied by.
    pub factors: Factors,
    /// Set for a table row that takes the higher score of a row of its table holding the
    /// terms as often (they are equals, in the table's order).
    pub as_row: Option<f32>,
    /// In a relaxed search, how many of the terms it holds.
    pub held: Option<usize>,
    /// The candidate.
    pub item: T,
}

impl<T> Ranked<T> {
    /// A hit scored by BM25 alone (in a date order).
    pub(crate) fn plain(score: f32, item: T) -> Ranked<T> {
        Ranked {
            score,
            bm25: score,
            factors: Factors::NONE,
            as_row: None,
            held: None,
            item,
        }
    }
}

/// Scales each candidate's BM25 score by its [`Factors`], gives the rows of one table that
/// hold each term equally often the best of their scores, and sorts: score (rounded to three
/// decimals) descending, then date descending (undated last), then corpus order (a table's
/// rows as printed; the same order in every build of a corpus). In a relaxed search
/// (`by_held`), the candidates that hold more of the terms come first.
pub(crate) fn order<T>(terms: &Terms, candidates: Vec<Candidate<T>>, by_held: bool) -> Vec<Ranked<T>> {
    let mut ranked: Vec<(Ranked<T>, Candidate<()>)> = candidates
        .into_iter()
        .map(|c| {
            let Candidate {
                score,
                date,
                order,
                row,
                found,
                item,
            } = c;
            let factors = terms.factors(&found, date);
            let ranked = Ranked {
                score: score * factors.product(),
                bm25: score,
                factors,
                as_row: None,
                held: by_held.then(|| terms.held(&found)),
                item,
            };
            let rest = Candidate {
                score,
                date,
                order,
                row,
                found,
                item: (),
            };
            (ranked, rest)
        })
        .collect();
    let peers: Vec<Option<Vec<usize>>> = ranked
        .iter()
        .map(|(_, c)| c.row.then(|| terms.signature(&c.found, c.order)))
        .collect();
    let mut best: HashMap<&[usize], f32> = HashMap::new();
    for (signature, (r, _)) in peers.iter().zip(&ranked) {
        if let Some(signature) = signature {
            let score = best.entry(signature).or_insert(r.score);
            *score = score.max(r.score);
        }
    }
    for (signature, (r, _)) in peers.iter().zip(&mut ranked) {
        let Some(best) = signature.as_deref().map(|s| best[s]) else {
            continue;
        };
        if best > r.score {
            r.as_row = Some(best);
            r.score = best;
        }
    }
    ranked.sort_by_key(|(r, c)| {
        (
            Reverse(r.held),
            Reverse((r.score * 1000.0).round() as i64),
            Reverse(c.date),
            c.order,
        )
    });
    ranked.into_iter().map(|(r, _)| r).collect()
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
        t.factors(&t.occurrences_in_text(doc), doc.date_number())
            .product()
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

    fn candidate<T>(score: f32, date: Option<i64>, order: u64, item: T) -> Candidate<T> {
        Candidate {
            score,
            date,
            order,
            row: false,
            found: Occurrences::default(),
            item,
        }
    }

    #[test]
    fn equal_scores_put_the_newest_first() {
        let t = Terms::default();
        let candidates = vec![
            candidate(2.0, Some(20220101), 1, "old"),
            candidate(2.0, None, 9, "undated, later in the corpus"),
            candidate(2.0, None, 2, "undated"),
            candidate(2.0, Some(20230501), 3, "new"),
            candidate(3.0, None, 4, "best"),
        ];
        let titles: Vec<&str> = order(&t, candidates, false).into_iter().map(|r| r.item).collect();
        assert_eq!(
            titles,
            ["best", "new", "old", "undated", "undated, later in the corpus"],
            "equal scores: newest first, then corpus order"
        );
    }

    #[test]
    fn terms_in_the_lead_weigh_more() {
        let t = terms(&[&["滩区"]]);
        let late = format!("{}黄河滩区迁建。", "今年以来，全县扎实推进各项工作。".repeat(12));
        let lead = factor(&t, &doc("", "黄河滩区迁建进展顺利。", None));
        assert!(lead > factor(&t, &doc("", &late, None)), "the lead counts more");
    }

    #[test]
    fn a_typed_date_prefers_the_documents_of_that_day() {
        let t = terms(&[&["3月8日"]]);
        let body = "3月8日，全市城管工作会议召开。";
        let that_day = factor(&t, &doc("", body, Some("2023-03-08")));
        let mentioned = factor(&t, &doc("", body, Some("2023-04-02")));
        assert!(that_day > mentioned && mentioned > 1.0, "{that_day} {mentioned}");
        let undated = factor(&terms(&[&["城管"]]), &doc("", body, Some("2023-03-08")));
        assert_eq!(
            undated,
            factor(&terms(&[&["城管"]]), &doc("", body, None)),
            "no date typed"
        );
    }

    #[test]
    fn rows_holding_the_terms_alike_are_equals_in_table_order() {
        let t = terms(&[&["教育局"]]);
        let held = |at: usize| Occurrences {
            title: Vec::new(),
            body: vec![Match {
                start: at,
                end: at + 3,
                term: 0,
            }],
            ..Occurrences::default()
        };
        let file = 7u64 << 20;
        let row = |score, piece, found, item| Candidate {
            row: true,
            found,
            ..candidate(score, Some(20230000), file | piece, item)
        };
        let twice = Occurrences {
            body: [held(40).body, held(60).body].concat(),
            ..held(0)
        };
        let candidates = vec![
            row(5.0, 3, held(30), "row 3, short"),
            row(4.0, 1, held(50), "row 1, long"),
            row(3.0, 2, twice, "row 2, twice"),
            Candidate {
                row: true,
                found: held(50),
                ..candidate(4.8, Some(20230000), (8u64 << 20) | 1, "another file's row")
            },
        ];
        let ranked = order(&t, candidates, false);
        let items: Vec<&str> = ranked.iter().map(|r| r.item).collect();
        assert_eq!(
            items[..2],
            ["row 1, long", "row 3, short"],
            "equals in printed order"
        );
        assert_eq!(
            ranked[0].as_row.map(|s| s > 5.0),
            Some(true),
            "the best equal's score"
        );
        assert!(items[2..].contains(&"row 2, twice") && items[2..].contains(&"another file's row"));
    }
}
