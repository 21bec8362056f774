//! Scores baokan against a hand annotation and prints the scores, the per-kind and per-file
//! counts and every mismatch (gold value vs ours).
//!
//! ```text
//! cargo run --release --example gold                          # ./seeds and its gold
//! cargo run --release --example gold -- DIR GOLD.jsonl        # any folder and its gold
//! cargo run --release --example gold -- DIR GOLD.jsonl --floors FLOORS
//! ```
//!
//! `DIR` is indexed into a temporary folder. `GOLD.jsonl` has one record a piece, in the format
//! of the seeds' gold (`tests/fixtures/gold/README.md`) or of `../shared/real/gold.jsonl`
//! (titles may be null, no line ranges). With `--floors`, a file of `metric score` lines
//! (`boundary precision 0.80`), the run exits 1 when a score is below its floor. The metrics
//! are defined in `score.rs` (shared with the integration test `gold`).

mod score;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

const USAGE: &str = "usage: gold [DIR GOLD.jsonl] [--floors FLOORS]";

fn main() -> anyhow::Result<std::process::ExitCode> {
    let mut positional: Vec<PathBuf> = Vec::new();
    let mut floors: Option<PathBuf> = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--floors" {
            floors = Some(args.next().context("--floors needs a file")?.into());
        } else if arg == "-h" || arg == "--help" {
            println!("{USAGE}");
            return Ok(std::process::ExitCode::SUCCESS);
        } else {
            positional.push(arg.into());
        }
    }
    let (corpus, gold_path) = match positional.as_slice() {
        [] => (PathBuf::from(score::SEEDS_PATH), PathBuf::from(score::GOLD_PATH)),
        [corpus, gold] => (corpus.clone(), gold.clone()),
        _ => bail!("{USAGE}"),
    };

    let gold: Vec<score::GoldRecord> = score::load_jsonl(&gold_path)?;
    let tmp = std::env::temp_dir().join(format!("baokan-gold-{}", std::process::id()));
    let docs = score::index_documents(&corpus, &tmp);
    let _ = std::fs::remove_dir_all(&tmp);
    let docs = docs?;
    let report = score::score(&gold, &docs);
    println!(
        "gold: {} records ({}); ours: {} documents (index of {})\n",
        gold.len(),
        gold_path.display(),
        docs.len(),
        corpus.display()
    );
    print!("{}", report.render());

    let Some(floors) = floors else {
        return Ok(std::process::ExitCode::SUCCESS);
    };
    let below = below_floors(&report.scores, &floors)?;
    if below.is_empty() {
        println!("\nevery score is at or above its floor ({})", floors.display());
        return Ok(std::process::ExitCode::SUCCESS);
    }
    println!("\nbelow the floors of {}:", floors.display());
    for line in below {
        println!("  {line}");
    }
    Ok(std::process::ExitCode::FAILURE)
}

/// The scores below their floor in the file `floors` (`metric score` lines, `#` comments).
fn below_floors(scores: &score::Scores, floors: &Path) -> anyhow::Result<Vec<String>> {
    let text =
        std::fs::read_to_string(floors).with_context(|| format!("cannot read {}", floors.display()))?;
    let rows = scores.rows();
    let mut below = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let parsed = line
            .rsplit_once(char::is_whitespace)
            .and_then(|(metric, floor)| Some((metric.trim(), floor.parse::<f64>().ok()?)));
        let Some((metric, floor)) = parsed else {
            bail!("{} line {}: not `metric score`", floors.display(), n + 1);
        };
        let Some((_, count)) = rows.iter().find(|(name, _)| *name == metric) else {
            bail!("{} line {}: no metric '{metric}'", floors.display(), n + 1);
        };
        if count.score() + 1e-9 < floor {
            below.push(format!(
                "{metric}: {:.4} ({}/{}) < {floor:.2}",
                count.score(),
                count.correct,
                count.total
            ));
        }
    }
    Ok(below)
}
