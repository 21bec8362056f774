//! How well `index` groups reprints: a corpus with known reprints (`benches/support/reprints.rs`:
//! stories on three topics, most printed by 2–5 papers with a new headline, a paragraph
//! dropped or moved, the lead rewritten and 5 % of the characters changed), indexed, and its
//! groups compared pair by pair with the truth: precision, recall, and how similar the
//! printings of one story and different stories of one topic are.
//!
//! `cargo run --release --example reprints -- [STORIES] [SEED] [DIR]` (default 400 stories,
//! seed 1; the corpus and its index are kept in DIR/corpus and DIR/index when DIR is given)

use std::collections::BTreeMap;
use std::time::Instant;

use baokan::analysis::normalize_str;
use baokan::analysis::sketch::Sketch;
use baokan::index::reprints::THRESHOLD;

#[path = "../benches/support/reprints.rs"]
mod generator;
#[path = "../benches/support/rng.rs"]
mod rng;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stories: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(400);
    let seed: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let temporary = tempfile::tempdir()?;
    let dir = args.get(2).map_or(temporary.path(), std::path::Path::new);
    let corpus = dir.join("corpus");
    let truth = generator::generate(&corpus, stories, seed)?;
    let started = Instant::now();
    let summary = baokan::index::build(&corpus, &dir.join("index"))?;
    let seconds = started.elapsed().as_secs_f64();
    let store = baokan::index::open(&dir.join("index"))?;

    // Every article, by the story its file prints.
    let prefix = format!("{}/", corpus.display());
    let docs = store.all_documents()?;
    let story = |path: &str| truth.story_of[path.strip_prefix(&prefix).unwrap_or(path)];
    let orders: BTreeMap<u64, usize> = docs.iter().map(|d| (d.corpus_order(), story(&d.path))).collect();

    let mut found = 0usize;
    let mut right = 0usize;
    for group in store.reprints()?.groups()? {
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                found += 1;
                right += usize::from(orders[&a.order] == orders[&b.order]);
            }
        }
    }
    let mut printings: BTreeMap<usize, usize> = BTreeMap::new();
    for &s in orders.values() {
        *printings.entry(s).or_default() += 1;
    }
    let pairs: usize = printings.values().map(|n| n * (n - 1) / 2).sum();
    println!(
        "{stories} stories, {} printings ({} files, {:.2} s to index); {} pairs of printings of one story",
        orders.len(),
        summary.files_indexed,
        seconds,
        pairs
    );
    println!(
        "grouped pairs {found}, right {right}: precision {:.3}, recall {:.3} (threshold {THRESHOLD})",
        right as f64 / found.max(1) as f64,
        right as f64 / pairs.max(1) as f64
    );

    // How alike the sketches are: printings of one story, and different stories of one topic.
    let sketches: Vec<(usize, Sketch)> = docs
        .iter()
        .filter_map(|d| Some((story(&d.path), Sketch::of(&normalize_str(&d.body))?)))
        .collect();
    let (mut same, mut other) = (Vec::new(), Vec::new());
    for (i, (a, sa)) in sketches.iter().enumerate() {
        for (b, sb) in &sketches[i + 1..] {
            match (a == b, a % 3 == b % 3) {
                (true, _) => same.push(sa.similarity(sb)),
                (false, true) => other.push(sa.similarity(sb)),
                _ => {}
            }
        }
    }
    for (name, values) in [("one story", &mut same), ("one topic, other stories", &mut other)] {
        values.sort_by(f32::total_cmp);
        let at = |q: f64| {
            values
                .get(((values.len() as f64 - 1.0) * q) as usize)
                .copied()
                .unwrap_or(0.0)
        };
        println!(
            "similarity of {name} ({} pairs): min {:.2}, 1% {:.2}, median {:.2}, 99% {:.2}, max {:.2}",
            values.len(),
            at(0.0),
            at(0.01),
            at(0.5),
            at(0.99),
            at(1.0)
        );
    }
    Ok(())
}
