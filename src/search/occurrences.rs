//! Candidates + the query's terms → where the terms occur in each candidate, read from the
//! positions of the grams fields without loading a document.
//!
//! A run of n ≥ 2 normalized characters occurs at position p of a field when bigram i of the
//! run stands at p + i for every i. The grams put one bigram per character at its position,
//! so positions are characters of the normalized text, as [`crate::search::matches::find`] counts them,
//! and both give the same [`Occurrences`] (overlapping occurrences included). The positions of
//! each bigram are read once per segment and field, moving forward through the candidates in
//! doc-id order. A one-character run is any bigram it starts (possibly hundreds of terms):
//! [`read`] then answers `None`, and the caller reads the stored text instead.

use std::cmp::Reverse;
use std::io;

use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, InvertedIndexReader, Searcher, Term};

use crate::analysis::grams;
use crate::index::schema::Fields;
use crate::search::matches::Match;
use crate::search::rank::{Occurrences, Terms};

/// What a run counts toward: a term's matches, or the phrase.
#[derive(Clone, Copy)]
enum Counts {
    Term(usize),
    Phrase,
}

/// Where a match stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Zone {
    Title,
    Body,
    Columns,
}

/// Which fields to read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Within {
    /// Title and body, for ranking, and a table row's column names, for the words a relaxed
    /// search holds.
    TitleAndBody,
    /// The body alone, for snippets (the title's matches stay empty).
    Body,
}

/// Where `terms` occur in each of `candidates` (in their order), in the fields `within` says,
/// or `None` when a term has a one-character form.
pub fn read(
    searcher: &Searcher,
    fields: &Fields,
    within: Within,
    terms: &Terms,
    candidates: &[DocAddress],
) -> tantivy::Result<Option<Vec<Occurrences>>> {
    let phrase = terms.phrase();
    let runs: Vec<(Counts, &str)> = terms
        .labelled_forms()
        .map(|(term, form)| (Counts::Term(term), form))
        .chain(phrase.as_deref().map(|p| (Counts::Phrase, p)))
        .collect();
    if runs.iter().any(|(_, run)| run.chars().nth(1).is_none()) {
        return Ok(None);
    }
    let mut out = vec![Occurrences::default(); candidates.len()];
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| (candidates[i].segment_ord, candidates[i].doc_id));
    for group in order.chunk_by(|&a, &b| candidates[a].segment_ord == candidates[b].segment_ord) {
        let segment = searcher.segment_reader(candidates[group[0]].segment_ord);
        let docs: Vec<DocId> = group.iter().map(|&i| candidates[i].doc_id).collect();
        let grams = [
            (fields.body_grams, Zone::Body),
            (fields.title_grams, Zone::Title),
            (fields.columns, Zone::Columns),
        ];
        let grams = match within {
            Within::Body => &grams[..1],
            Within::TitleAndBody => &grams[..],
        };
        for &(field, zone) in grams {
            let inverted = segment.inverted_index(field)?;
            for &(counts, run) in &runs {
                let length = run.chars().count() as u32;
                for (&i, starts) in group.iter().zip(starts(&inverted, field, run, &docs)?) {
                    let found = &mut out[i];
                    match counts {
                        Counts::Phrase if zone == Zone::Columns => {}
                        Counts::Phrase => found.phrase += starts.len(),
                        Counts::Term(term) => {
                            let list = match zone {
                                Zone::Title => &mut found.title,
                                Zone::Body => &mut found.body,
                                Zone::Columns => &mut found.columns,
                            };
                            list.extend(starts.into_iter().map(|start| Match {
                                start: start as usize,
                                end: (start + length) as usize,
                                term,
                            }));
                        }
                    }
                }
            }
        }
    }
    for found in &mut out {
        for list in [&mut found.title, &mut found.body, &mut found.columns] {
            list.sort_unstable_by_key(|m| (m.start, Reverse(m.end), m.term));
        }
    }
    Ok(Some(out))
}

/// The positions where `run` (two characters or more) starts in `field` of each of `docs`
/// (ascending doc ids).
fn starts(
    inverted: &InvertedIndexReader,
    field: Field,
    run: &str,
    docs: &[DocId],
) -> io::Result<Vec<Vec<u32>>> {
    let mut lists = Vec::new();
    for pair in grams::bigrams(run) {
        let term = Term::from_field_text(field, &pair);
        match inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)? {
            Some(postings) => lists.push(postings),
            None => return Ok(vec![Vec::new(); docs.len()]),
        }
    }
    let mut positions = vec![Vec::new(); lists.len()];
    let mut at_doc = |doc: DocId| -> Vec<u32> {
        for (list, at) in lists.iter_mut().zip(&mut positions) {
            if list.doc() < doc {
                list.seek(doc);
            }
            if list.doc() != doc {
                return Vec::new();
            }
            list.positions(at);
        }
        let (first, rest) = positions
            .split_first()
            .expect("a run of two characters has a bigram");
        first
            .iter()
            .copied()
            .filter(|&p| {
                rest.iter()
                    .zip(1..)
                    .all(|(list, offset)| list.binary_search(&(p + offset)).is_ok())
            })
            .collect()
    };
    Ok(docs.iter().map(|&doc| at_doc(doc)).collect())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    use tantivy::DocAddress;

    use super::*;
    use crate::analysis::normalize_str;
    use crate::document::Document;
    use crate::index::Store;

    /// Pages of hostile text (Traditional characters, full-width forms, emoji, broken lines,
    /// characters that fold to several) beside the seeds, indexed.
    fn indexed() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        for entry in std::fs::read_dir(seeds).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
        }
        let pieces = [
            "營商環境",
            "城管",
            "黃河 ",
            "，",
            "。",
            "％",
            "Ａｂ",
            "😀",
            "㎡",
            "½",
            "e\u{301}",
            "住建局",
            "城管城管",
            "\n",
            "　",
            "2063.42亿元",
        ];
        for page in 0..4 {
            let body: String = (0..300)
                .map(|i| pieces[(i * 7 + page * 3 + i / 5) % pieces.len()])
                .collect();
            let text = format!("營商環境城管{page}\n\n本报讯(记者 张慧) {body}。\n");
            std::fs::write(corpus.join(format!("hostile_{page}.txt")), text).unwrap();
        }
        crate::index::build(&corpus, &dir.path().join("idx")).unwrap();
        let store = crate::index::open(&dir.path().join("idx")).unwrap();
        (dir, store)
    }

    /// For random pairs of pieces of random documents, where they occur in every document as
    /// read from the positions (what ranking and snippets use) is what the text says.
    #[test]
    fn occurrences_read_from_positions_are_those_in_the_text() {
        let (_dir, store) = indexed();
        let searcher = store.searcher();
        let addresses: Vec<DocAddress> = searcher
            .segment_readers()
            .iter()
            .enumerate()
            .flat_map(|(ord, segment)| {
                segment
                    .doc_ids_alive()
                    .map(move |doc| DocAddress::new(ord as u32, doc))
            })
            .collect();
        let docs: Vec<Document> = addresses
            .iter()
            .map(|&a| store.load(&searcher, a).unwrap())
            .collect();
        let texts: Vec<[Vec<char>; 2]> = docs
            .iter()
            .map(|d| [&d.title, &d.body].map(|t| normalize_str(t).chars().collect()))
            .collect();
        let piece =
            (0..docs.len(), 0..2usize, 0usize..100_000, 2usize..=6).prop_map(move |(doc, field, at, len)| {
                let chars = &texts[doc][field];
                let at = at % chars.len().max(1);
                chars[at..(at + len).min(chars.len())].iter().collect::<String>()
            });
        let mut runner = TestRunner::new(Config {
            cases: 60,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&(piece.clone(), piece, any::<bool>()), |(a, b, both)| {
            let mut forms = vec![vec![a]];
            if both {
                forms.push(vec![b]);
            }
            prop_assume!(forms.iter().flatten().all(|w| w.chars().count() >= 2));
            let terms = Terms::new(forms);
            let read = read(&searcher, &store.fields, Within::TitleAndBody, &terms, &addresses)
                .unwrap()
                .expect("runs of two characters or more are read from positions");
            for (doc, found) in docs.iter().zip(read) {
                prop_assert_eq!(
                    &found,
                    &terms.occurrences_in_text(doc),
                    "{:?} in {:?}",
                    terms,
                    doc.title
                );
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
    }
}
