//! Where an index's bytes go: each component (positions, postings, store, …) and field, summed
//! over the segments, as bytes and as a share of the corpus; parts under 0.1% of the index are
//! not listed.
//!
//! `cargo run --release --example space -- INDEX_DIR [CORPUS_DIR]`

use std::collections::BTreeMap;
use std::path::Path;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(index), corpus) = (args.next(), args.next()) else {
        anyhow::bail!("usage: space INDEX_DIR [CORPUS_DIR]");
    };
    let store = baokan::index::open(Path::new(&index))?;
    let usage = store.searcher().space_usage()?;
    let mut parts: BTreeMap<(String, String), u64> = BTreeMap::new();
    for segment in usage.segments() {
        let mut add = |component: &str, field: &str, bytes: u64| {
            *parts
                .entry((component.to_string(), field.to_string()))
                .or_default() += bytes;
        };
        let per_field = [
            ("positions", segment.positions()),
            ("postings", segment.postings()),
            ("termdict", segment.termdict()),
            ("fieldnorms", segment.fieldnorms()),
            ("fast_fields", segment.fast_fields()),
        ];
        for (component, fields) in per_field {
            for field in fields.fields() {
                add(component, field.field_name(), field.total().get_bytes());
            }
        }
        add("store", "", segment.store().total().get_bytes());
        add("deletes", "", segment.deletes().get_bytes());
    }
    let corpus_bytes = corpus.map(|dir| corpus_size(Path::new(&dir)));
    let total: u64 = parts.values().sum();
    // Parts under 0.1% of the index are left out of the listing (not of the total).
    let mut rows: Vec<_> = parts
        .into_iter()
        .filter(|&(_, bytes)| bytes * 1000 >= total)
        .collect();
    rows.sort_by_key(|&(_, bytes)| std::cmp::Reverse(bytes));
    println!("{} segments", usage.segments().len());
    for ((component, field), bytes) in rows.iter().chain([&(("total".into(), "".into()), total)]) {
        let share = corpus_bytes.map_or(String::new(), |c| format!("{:8.3}x", *bytes as f64 / c as f64));
        println!("{component:12}{field:14}{:10.2} MB{share}", *bytes as f64 / 1e6);
    }
    Ok(())
}

/// Bytes of every file under `dir`.
fn corpus_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
