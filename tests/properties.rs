//! Acceptance properties over the seeds plus a generated corpus of hostile text (Traditional
//! characters, full-width forms, emoji, broken lines, `㎡`): for a random piece (1–8
//! characters) of a random document's normalized title or body, the document is among the
//! hits, and every hit contains the piece (100 % recall and precision); with the built-in
//! name table, every hit contains the piece or one of its reported alternatives. (That the
//! occurrences read from the index's positions are those in the text is a unit test of
//! `search::occurrences`.)

use baokan::analysis::normalize_str;
use baokan::index::Store;
use baokan::search::query::{Node, Scope};
use baokan::search::{self, Options, Query, Synonyms};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::util::Dir;

/// Pieces the generated pages are made of.
const PIECES: &[&str] = &[
    "城管",
    "营商",
    "環境",
    "黃河",
    "經濟",
    "菏泽",
    "服务站",
    "住建局",
    "住房和城乡建设局",
    "的",
    "了",
    "，",
    "。",
    "、",
    "“",
    "”",
    "（",
    "）",
    "％",
    "%",
    "Ａ",
    "ｂ",
    "G327",
    "2063.42",
    "亿元",
    "０",
    "😀",
    "🇨🇳",
    "㎡",
    "½",
    "e\u{301}",
    "ok",
    " ",
    " ",
    "\n",
    "　",
];

/// A deterministic page: a headline, a byline and paragraphs broken at random places.
fn generated_page(seed: u64) -> String {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut page = String::new();
    for _ in 0..3 {
        let headline: String = (0..4).map(|_| PIECES[next(12)]).collect();
        page.push_str(&format!("{headline}\n\n本报讯(记者 张慧) "));
        for _ in 0..(60 + next(60)) {
            page.push_str(PIECES[next(PIECES.len())]);
        }
        page.push_str("\n\n");
    }
    page
}

/// The corpus (seeds + generated pages), indexed, with every document's normalized title
/// and body.
struct Corpus {
    _dir: Dir,
    store: Store,
    texts: Vec<[String; 2]>,
}

fn corpus() -> Corpus {
    let dir = Dir::new("properties");
    dir.copy_seeds("corpus");
    for seed in 0..6 {
        dir.create(&format!("corpus/generated_{seed}.txt"), generated_page(seed + 1));
    }
    dir.command(&["index", "corpus", "--index", "idx"])
        .run()
        .success();
    let docs = dir.export();
    assert!(
        docs.iter().any(|d| d.path.contains("generated_")),
        "the generated pages produced documents"
    );
    let texts = docs
        .iter()
        .map(|d| [normalize_str(&d.title), normalize_str(&d.body)])
        .collect();
    let store = baokan::index::open(&dir.join("idx")).expect("open the index");
    Corpus {
        _dir: dir,
        store,
        texts,
    }
}

impl Corpus {
    /// The characters `at..at + len` (clamped) of document `doc`'s title or body.
    fn piece(&self, doc: usize, in_title: bool, at: usize, len: usize) -> String {
        let chars: Vec<char> = self.texts[doc][usize::from(!in_title)].chars().collect();
        let at = at % chars.len().max(1);
        chars[at.min(chars.len())..(at + len).min(chars.len())]
            .iter()
            .collect()
    }

    fn contains(&self, doc: usize, word: &str) -> bool {
        self.texts[doc].iter().any(|t| t.contains(word))
    }

    /// Index of the document with normalized title and body equal to the hit's.
    fn index_of(&self, hit: &search::Hit) -> usize {
        let key = [normalize_str(&hit.doc.title), normalize_str(&hit.doc.body)];
        self.texts
            .iter()
            .position(|t| *t == key)
            .expect("every hit is exported")
    }
}

/// Runs the property for `cases` random pieces with `synonyms`.
fn check(corpus: &Corpus, synonyms: Synonyms, cases: u32) {
    let options = Options {
        limit: corpus.texts.len(),
        ..Options::default()
    };
    let strategy = (0..corpus.texts.len(), any::<bool>(), 0usize..100_000, 1usize..=8);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |(doc, in_title, at, len)| {
        let piece = corpus.piece(doc, in_title, at, len);
        let word = normalize_str(&piece);
        prop_assume!(!word.is_empty());
        let node = Node::Term {
            text: piece.clone(),
            scope: Scope::Any,
        };
        let query = Query::new(node, &synonyms);
        let results = search::search(&corpus.store, &query, &options)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(results.total, results.hits.len());
        let found: Vec<usize> = results.hits.iter().map(|h| corpus.index_of(h)).collect();
        prop_assert!(
            found.contains(&doc),
            "{:?}: document {} is not among the hits",
            piece,
            doc
        );
        let mut forms = vec![word.clone()];
        forms.extend(results.expansions.iter().flat_map(|e| e.alternatives.clone()));
        for &hit in &found {
            prop_assert!(
                forms.iter().any(|f| corpus.contains(hit, f)),
                "{:?}: hit {} contains none of {:?}",
                piece,
                hit,
                forms
            );
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn every_piece_of_every_document_finds_it_and_only_holders() {
    let corpus = corpus();
    check(&corpus, Synonyms::default(), 300);
    check(&corpus, Synonyms::built_in(), 100);
}
