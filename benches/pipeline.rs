//! Criterion benches of the pipeline stages on the seed corpus (repeated to a few MB):
//! ingest (decode + split + metadata), normalization, jieba words, snippets, and in-process
//! query latency over a fixed mix. Whole-process timing belongs in a script, not here.

use std::path::Path;

use baokan::analysis::{normalize_str, words};
use baokan::query;
use baokan::search::{self, Options, Sort};
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};

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
                    let decoded = baokan::decode::decode(text.as_bytes()).unwrap();
                    baokan::ingest::documents(name, name, &decoded.text, Default::default())
                        .documents
                        .len()
                })
                .sum();
            assert!(docs >= 77, "the split lost documents: {docs}");
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
            assert!(!baokan::snippet::snippet(black_box(&text), &terms, 100)
                .highlights
                .is_empty())
        })
    });
    group.finish();
}

fn queries(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    baokan::indexer::build(Path::new(SEEDS), &dir.path().join("idx")).unwrap();
    let store = baokan::store::open(&dir.path().join("idx")).unwrap();
    let mix: [(&str, Options); 8] = [
        ("城管", Options::default()),
        ("城管服务站", Options::default()),
        ("冯锴", Options::default()),
        ("城管 停车 管理", Options::default()),
        ("\"推进精细管理\"", Options::default()),
        (
            "城管",
            Options {
                papers: vec!["牡丹晚报".into()],
                ..Options::default()
            },
        ),
        (
            "城管",
            Options {
                sort: Sort::Newest,
                ..Options::default()
            },
        ),
        ("不存在的词语", Options::default()),
    ];
    let _ = search::search(
        &store,
        &query::parse("预热").unwrap(),
        &Options {
            limit: 1,
            ..Options::default()
        },
    );
    let mut group = c.benchmark_group("query");
    for (text, options) in mix {
        let options = Options { limit: 10, ..options };
        let node = query::parse(text).unwrap();
        let name = format!("{text} {:?} {:?}", options.sort, options.papers);
        group.bench_function(name, |b| {
            b.iter_batched(
                || node.clone(),
                |node| search::search(&store, &node, &options).unwrap().total,
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, ingest, analysis, queries);
criterion_main!(benches);
