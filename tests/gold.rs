//! The seed corpus scored against its hand annotation (`tests/fixtures/gold/`).
//!
//! The scoring code is shared with `cargo run --release --example gold`, which also prints every
//! mismatch; the metrics are defined at the top of `examples/gold/score.rs`.
//! Run with `cargo test --release --test integration gold -- --nocapture` to see the scores.

#[path = "../examples/gold/score.rs"]
mod gold_score;

use std::path::Path;

/// Floors: the scores measured when this test was written, rounded down to two decimals, so any
/// regression fails. Raise them as the engine improves; the issue targets are in the comments.
const FLOORS: [(&str, f64); 12] = [
    ("boundary precision", 1.00), // target ≥ 0.97
    ("boundary recall", 1.00),    // target ≥ 0.97
    ("kind", 1.00),               // no issue target
    ("title", 1.00),              // target ≥ 0.95
    ("subtitle", 1.00),           // no issue target
    ("date", 1.00),               // target ≥ 0.97
    ("paper", 1.00),              // target ≥ 0.95
    ("region", 1.00),             // target ≥ 0.90
    ("province", 1.00),           // not annotated in the seeds' gold
    ("reporters", 1.00),          // target ≥ 0.90
    ("extent (lines)", 1.00),     // no issue target
    ("table fields", 1.00),       // no issue target
];

#[test]
fn seeds_match_the_gold() {
    let gold: Vec<gold_score::GoldRecord> = gold_score::load_jsonl(Path::new(gold_score::GOLD_PATH)).unwrap();
    assert_eq!(gold.len(), 77, "the gold file has 77 records");
    let tmp = tempfile::TempDir::new().unwrap();
    let docs =
        gold_score::index_documents(Path::new(gold_score::SEEDS_PATH), &tmp.path().join("index")).unwrap();
    let report = gold_score::score(&gold, &docs);
    println!("{}", report.render());

    let mut below = Vec::new();
    for ((name, count), (floor_name, floor)) in report.scores.rows().into_iter().zip(FLOORS) {
        assert_eq!(name, floor_name, "FLOORS is in the order of Scores::rows");
        if count.score() + 1e-9 < floor {
            below.push(format!(
                "{name}: {:.4} ({}/{}) < floor {floor:.2}",
                count.score(),
                count.correct,
                count.total
            ));
        }
    }
    assert!(below.is_empty(), "gold scores regressed:\n{}", below.join("\n"));
}
