//! A deterministic corpus generator for benchmarks: N MB of realistic pages and tables (see
//! `benches/support/corpus.rs`, which the criterion `indexing` bench uses too).
//!
//! `cargo run --release --example gencorpus -- OUT_DIR MB [SEED]`

use std::path::Path;

#[path = "../benches/support/corpus.rs"]
mod corpus;
#[path = "../benches/support/rng.rs"]
mod rng;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(mb)) = (args.first(), args.get(1).and_then(|m| m.parse::<f64>().ok())) else {
        eprintln!("usage: gencorpus OUT_DIR MB [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1u64);
    match corpus::generate(Path::new(out), mb, seed) {
        Ok((files, bytes)) => println!("{files} files, {:.1} MB in {out}", bytes as f64 / 1048576.0),
        Err(err) => {
            eprintln!("gencorpus: cannot write to {out}: {err}");
            std::process::exit(1);
        }
    }
}
