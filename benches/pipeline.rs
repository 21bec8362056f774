//! Criterion benches of the pipeline stages on the seed corpus: ingest (decode + split +
//! metadata), normalization, jieba words, snippets; indexing end to end (`index --rebuild` of a
//! 10 MB generated corpus, `benches/support/corpus.rs`); and in-process query latency over the
//! fixed mix of `benches/support/mix.rs`. Whole-process timing belongs in a script, not here.
//!
//! The `queries` group searches a fresh index of the seeds, or, when `BAOKAN_BENCH_INDEX` names
//! an index folder, that prebuilt index, e.g. one of a generated corpus:
//!
//! ```text
//! cargo run --release --example gencorpus -- /tmp/corpus 100 1
//! cargo run --release -- index /tmp/corpus --index /tmp/idx -q
//! BAOKAN_BENCH_INDEX=/tmp/idx cargo bench --bench pipeline -- query
//! ```

use std::path::Path;

use baokan::analysis::{normalize_str, words};
use baokan::index::Store;
use baokan::ingest::Source;
use baokan::search::{self, Options, Query, Synonyms};
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/mix.rs"]
mod mix;
#[path = "support/rng.rs"]
mod rng;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

/// The seed files' texts, with names.
fn seeds() -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(SEEDS)
        .expect("seeds folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn ingest(c: &mut Criterion) {
    let files = seeds();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("decode+split+meta seeds", |b| {
        b.iter(|| {
            let docs: usize = files
                .iter()
                .map(|(name, text)| {
                    baokan::ingest::ingest(&Source::named(name, name), text.as_bytes())
                        .unwrap()
                        .documents
                        .len()
                })
                .sum();
            assert_eq!(docs, 76, "the seeds split into 76 documents");
        })
    });
    group.finish();
}

fn analysis(c: &mut Criterion) {
    let text: String = seeds().into_iter().map(|(_, t)| t).collect();
    let normalized = normalize_str(&text);
    let _ = words::words("预热");
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("normalize", |b| {
        b.iter(|| assert!(!normalize_str(black_box(&text)).is_empty()))
    });
    group.bench_function("jieba words", |b| {
        b.iter(|| assert!(words::words(black_box(&normalized)).len() > 10_000))
    });
    group.bench_function("snippet", |b| {
        let terms = vec!["城管".to_string(), "停车".to_string()];
        b.iter(|| {
            assert!(!search::snippet::snippet(black_box(&text), &terms, 100)
                .highlights
                .is_empty())
        })
    });
    group.finish();
}

/// A full build of a generated 10 MB corpus, as `baokan index --rebuild` does it: reading,
/// decoding, splitting, metadata, jieba, grams, the store and the commit.
fn indexing(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let (_, bytes) = corpus::generate(&corpus, 10.0, 1).unwrap();
    let mut options = baokan::index::Options::new(&corpus, &dir.path().join("idx"));
    options.rebuild = true;
    let mut group = c.benchmark_group("indexing");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("index --rebuild 10 MB", |b| {
        b.iter(|| {
            let summary = baokan::index::run(&options, &mut ()).unwrap();
            assert_eq!(summary.files_indexed, 616, "every generated file is indexed");
        })
    });
    group.finish();
}

/// The store the `queries` bench searches: the index at `$BAOKAN_BENCH_INDEX` if set, else a
/// fresh index of the seeds in a temporary folder (returned too, to keep it alive).
fn query_store() -> (Option<tempfile::TempDir>, Store) {
    if let Some(dir) = std::env::var_os("BAOKAN_BENCH_INDEX") {
        let store = baokan::index::open(Path::new(&dir))
            .unwrap_or_else(|e| panic!("BAOKAN_BENCH_INDEX={}: {e:#}", Path::new(&dir).display()));
        return (None, store);
    }
    let dir = tempfile::tempdir().unwrap();
    baokan::index::build(Path::new(SEEDS), &dir.path().join("idx")).unwrap();
    let store = baokan::index::open(&dir.path().join("idx")).unwrap();
    (Some(dir), store)
}

fn queries(c: &mut Criterion) {
    let (_dir, store) = query_store();
    let _ = search::search(
        &store,
        &Query::parse("预热", &Synonyms::default()).unwrap(),
        &Options {
            limit: 1,
            ..Options::default()
        },
    );
    let mut group = c.benchmark_group("query");
    for (text, options) in mix::mix() {
        let name = format!("{text} {:?} {:?}", options.sort, options.papers);
        group.bench_function(name, |b| {
            b.iter_batched(
                || Query::parse(text, &Synonyms::default()).unwrap(),
                |query| search::search(&store, &query, &options).unwrap().total,
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, ingest, analysis, indexing, queries);
criterion_main!(benches);
