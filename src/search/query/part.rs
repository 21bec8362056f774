//! A scoring clause + the part of the score it makes → the same clause, whose explanation
//! names the part, so that `--explain` can add a hit's BM25 up by part.
//!
//! The wrapper changes nothing else: its scorer is the clause's own (so tantivy's
//! specializations, block-max pruning included, still apply), and so are its count and
//! iteration.

use std::fmt;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, Score, SegmentReader, Term};

/// What a scoring clause scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// An exact match (bigram phrase) in the title.
    TitleGrams,
    /// An exact match in the body.
    BodyGrams,
    /// A jieba word of the term in the title.
    TitleWords,
    /// A jieba word of the term in the body.
    BodyWords,
}

impl Part {
    /// Every part, in the order explanations print them.
    pub const ALL: [Part; 4] = [
        Part::TitleGrams,
        Part::BodyGrams,
        Part::TitleWords,
        Part::BodyWords,
    ];

    /// The part's name, as explanations print it and JSON keys it.
    pub fn name(self) -> &'static str {
        match self {
            Part::TitleGrams => "title_grams",
            Part::BodyGrams => "body_grams",
            Part::TitleWords => "title_words",
            Part::BodyWords => "body_words",
        }
    }

    /// The part a context string of an explanation names.
    pub fn named(context: &str) -> Option<Part> {
        let name = context.strip_prefix(CONTEXT)?;
        Part::ALL.into_iter().find(|part| part.name() == name)
    }
}

/// What opens the context an explanation of a labelled clause carries.
const CONTEXT: &str = "baokan part: ";

/// `query`, its explanations labelled with `part`.
pub fn labelled(part: Part, query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(Labelled { part, query })
}

struct Labelled {
    part: Part,
    query: Box<dyn Query>,
}

impl Clone for Labelled {
    fn clone(&self) -> Self {
        Labelled {
            part: self.part,
            query: self.query.box_clone(),
        }
    }
}

impl fmt::Debug for Labelled {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}({:?})", self.part.name(), self.query)
    }
}

impl Query for Labelled {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = self.query.weight(enable_scoring)?;
        Ok(Box::new(LabelledWeight {
            part: self.part,
            inner,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.query.query_terms(visitor)
    }
}

struct LabelledWeight {
    part: Part,
    inner: Box<dyn Weight>,
}

impl Weight for LabelledWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.inner.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut explanation = self.inner.explain(reader, doc)?;
        explanation.add_context(format!("{CONTEXT}{}", self.part.name()));
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.inner.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.inner.for_each(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.inner.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.inner.for_each_pruning(threshold, reader, callback)
    }
}

/// The score of each part in `explanation` (tantivy's explanation of a planned query for one
/// document): the sum of the values of the labelled clauses that matched, each counted once.
pub fn scores(explanation: &Explanation) -> Vec<(Part, f32)> {
    let mut sums = Part::ALL.map(|part| (part, 0.0f32));
    let mut stack = vec![serde_json::to_value(explanation).unwrap_or_default()];
    while let Some(node) = stack.pop() {
        let part = node["context"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|context| Part::named(context.as_str()?))
            .next();
        match part {
            Some(part) => {
                let value = node["value"].as_f64().unwrap_or(0.0) as f32;
                sums.iter_mut()
                    .filter(|(p, _)| *p == part)
                    .for_each(|(_, sum)| *sum += value);
            }
            None => stack.extend(node["details"].as_array().into_iter().flatten().cloned()),
        }
    }
    sums.to_vec()
}
