//! Scores baokan against the gold annotation of the seed corpus and prints the scores, the
//! per-kind counts and every mismatch (gold value vs ours).
//!
//! ```text
//! cargo run --release --example gold                       # index ./seeds in a temporary folder
//! cargo run --release --example gold -- EXPORT.jsonl       # score the output of `baokan export`
//! cargo run --release --example gold -- EXPORT.jsonl --gold GOLD.jsonl
//! ```
//!
//! The metrics are defined in `score.rs` (shared with the integration test `gold`).

mod score;

use std::path::PathBuf;

use anyhow::Context;

fn main() -> anyhow::Result<()> {
    let mut export: Option<PathBuf> = None;
    let mut gold_path = PathBuf::from(score::GOLD_PATH);
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--gold" {
            gold_path = args.next().context("--gold needs a file")?.into();
        } else if arg == "-h" || arg == "--help" {
            println!("usage: gold [EXPORT.jsonl] [--gold GOLD.jsonl]");
            return Ok(());
        } else {
            export = Some(arg.into());
        }
    }

    let gold: Vec<score::GoldRecord> = score::load_jsonl(&gold_path)?;
    let docs = match &export {
        Some(path) => score::load_jsonl(path)?,
        None => {
            let tmp = std::env::temp_dir().join(format!("baokan-gold-{}", std::process::id()));
            let docs = score::index_documents(std::path::Path::new(score::SEEDS_PATH), &tmp);
            let _ = std::fs::remove_dir_all(&tmp);
            docs?
        }
    };
    let report = score::score(&gold, &docs);
    println!(
        "gold: {} records ({}); ours: {} documents ({})\n",
        gold.len(),
        gold_path.display(),
        docs.len(),
        export
            .as_ref()
            .map_or("fresh index of seeds/".to_string(), |p| p.display().to_string())
    );
    print!("{}", report.render());
    Ok(())
}
