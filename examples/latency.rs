//! In-process query latency of the shared query mix (`benches/support/mix.rs`) on an existing index.
//!
//! `cargo run --release --example latency -- INDEX_DIR [ROUNDS] [--json]`   (ROUNDS: 200)
//!
//! In: an index folder built by `baokan index`. The index is opened once and every query of the
//! mix is run once to warm up; then the mix is run ROUNDS times round-robin (query 1, 2, …, 8,
//! 1, 2, …), timing each `baokan::search::search` call (10 hits, one page) with `Instant`.
//!
//! Out: per query, p50, p99 and max in milliseconds (nearest-rank percentiles of the sorted
//! samples), then p50 and p99 of all samples pooled; as a plain table, or with `--json` as one
//! JSON object. Bad arguments or an unusable index: one line on stderr, exit status 2.
//!
//! To reproduce on a generated corpus:
//!
//! ```text
//! cargo run --release --example gencorpus -- /tmp/corpus 100 1
//! cargo run --release -- index /tmp/corpus --index /tmp/idx -q
//! cargo run --release --example latency -- /tmp/idx 200
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use baokan::search::{self, Options, Query, Sort, Synonyms};
use serde_json::json;

#[path = "../benches/support/mix.rs"]
mod mix;

const USAGE: &str = "usage: latency INDEX_DIR [ROUNDS] [--json]";

struct Args {
    index: PathBuf,
    rounds: usize,
    json: bool,
}

/// The milliseconds of one query's samples.
struct Samples {
    label: String,
    ms: Vec<f64>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("latency: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<()> {
    if std::env::args().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return Ok(());
    }
    let args = parse_args(std::env::args().skip(1))?;
    let samples = measure(&args)?;
    if args.json {
        println!("{}", to_json(&args, &samples));
    } else {
        print_table(&args, &samples);
    }
    Ok(())
}

fn parse_args(raw: impl Iterator<Item = String>) -> anyhow::Result<Args> {
    let (mut json, mut positional) = (false, Vec::new());
    for arg in raw {
        match arg.as_str() {
            "--json" => json = true,
            flag if flag.starts_with('-') => anyhow::bail!("unknown option {flag}; {USAGE}"),
            _ => positional.push(arg),
        }
    }
    let (index, rounds) = match positional.as_slice() {
        [index] => (index, "200"),
        [index, rounds] => (index, rounds.as_str()),
        _ => anyhow::bail!("{USAGE}"),
    };
    let rounds = match rounds.parse::<usize>() {
        Ok(n) if n > 0 => n,
        _ => anyhow::bail!("ROUNDS must be a positive whole number, not {rounds:?}; {USAGE}"),
    };
    let index = PathBuf::from(index);
    Ok(Args { index, rounds, json })
}

/// Opens the index, warms up, and times ROUNDS round-robin passes over the mix.
fn measure(args: &Args) -> anyhow::Result<Vec<Samples>> {
    if !baokan::index::exists(&args.index) {
        anyhow::bail!("no index in {}", args.index.display());
    }
    let store = baokan::index::open(&args.index)?;
    let mut queries = Vec::new();
    for (text, options) in mix::mix() {
        let query =
            Query::parse(text, &Synonyms::default()).map_err(|e| anyhow::anyhow!("query {text:?}: {e}"))?;
        search::search(&store, &query, &options)?;
        let samples = Samples::new(label(text, &options), args.rounds);
        queries.push((query, options, samples));
    }
    for _ in 0..args.rounds {
        for (query, options, samples) in &mut queries {
            let start = Instant::now();
            search::search(&store, query, options)?;
            samples.ms.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    Ok(queries.into_iter().map(|(_, _, s)| s.sorted()).collect())
}

impl Samples {
    fn new(label: String, capacity: usize) -> Samples {
        Samples {
            label,
            ms: Vec::with_capacity(capacity),
        }
    }

    fn sorted(mut self) -> Samples {
        self.ms.sort_by(f64::total_cmp);
        self
    }
}

/// The query text followed by its paper, region, date and sort options, written as the CLI's
/// flags (`城管 --paper 牡丹晚报`).
fn label(text: &str, options: &Options) -> String {
    let mut flags = vec![text.to_string()];
    flags.extend(options.papers.iter().map(|p| format!("--paper {p}")));
    flags.extend(options.regions.iter().map(|r| format!("--region {r}")));
    flags.extend(options.since.map(|d| format!("--since {d}")));
    flags.extend(options.until.map(|d| format!("--until {d}")));
    if options.sort != Sort::Relevance {
        flags.push(format!("--sort {:?}", options.sort).to_lowercase());
    }
    flags.join(" ")
}

/// The nearest-rank `p`th percentile of sorted, non-empty samples.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// All samples of all queries, sorted.
fn pooled(samples: &[Samples]) -> Vec<f64> {
    let mut all: Vec<f64> = samples.iter().flat_map(|s| s.ms.iter().copied()).collect();
    all.sort_by(f64::total_cmp);
    all
}

fn print_table(args: &Args, samples: &[Samples]) {
    println!(
        "{} rounds over {} queries, {}",
        args.rounds,
        samples.len(),
        args.index.display()
    );
    println!("{:>10}{:>10}{:>10}  query", "p50 ms", "p99 ms", "max ms");
    for s in samples {
        let (p50, p99, max) = (
            percentile(&s.ms, 50.0),
            percentile(&s.ms, 99.0),
            s.ms[s.ms.len() - 1],
        );
        println!("{p50:>10.3}{p99:>10.3}{max:>10.3}  {}", s.label);
    }
    let all = pooled(samples);
    let (p50, p99) = (percentile(&all, 50.0), percentile(&all, 99.0));
    println!(
        "{p50:>10.3}{p99:>10.3}{:>10}  whole mix ({} samples)",
        "",
        all.len()
    );
}

fn to_json(args: &Args, samples: &[Samples]) -> serde_json::Value {
    let round = |ms: f64| (ms * 1000.0).round() / 1000.0;
    let queries: Vec<_> = samples
        .iter()
        .map(|s| {
            json!({
                "query": s.label,
                "p50_ms": round(percentile(&s.ms, 50.0)),
                "p99_ms": round(percentile(&s.ms, 99.0)),
                "max_ms": round(s.ms[s.ms.len() - 1]),
            })
        })
        .collect();
    let all = pooled(samples);
    json!({
        "index": args.index.display().to_string(),
        "rounds": args.rounds,
        "queries": queries,
        "mix": {
            "samples": all.len(),
            "p50_ms": round(percentile(&all, 50.0)),
            "p99_ms": round(percentile(&all, 99.0)),
        },
    })
}
