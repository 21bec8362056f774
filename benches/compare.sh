#!/usr/bin/env bash
# Whole-process comparison on one generated corpus, in one run:
#   baokan search (one word, three words) against ripgrep (`rg -F`),
#   baokan index --rebuild against SQLite FTS5 with the trigram tokenizer,
# then in-process query latency of the shared mix on the same index (examples/latency.rs).
# Usage: benches/compare.sh [CORPUS_MB]   (default 100)
# Needs hyperfine, rg and sqlite3 on PATH; installs nothing. On Debian/Ubuntu:
#   apt-get install hyperfine ripgrep sqlite3      (elsewhere: cargo install hyperfine ripgrep)
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-100}
for tool in hyperfine rg sqlite3 python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "compare.sh: '$tool' is missing; install it (apt-get install hyperfine ripgrep sqlite3 python3)" >&2
    exit 1
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=$work/corpus
cargo build --release --quiet --bin baokan --example gencorpus --example latency
target=${CARGO_TARGET_DIR:-target}
baokan=$target/release/baokan
"$target"/release/examples/gencorpus "$corpus" "$mb" 1
bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s}')

# Median seconds of a hyperfine run, from its JSON export.
median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }
run() { # name, runs, warmup, command
  hyperfine --style none --runs "$2" --warmup "$3" --export-json "$work/$1.json" "$4" >/dev/null 2>&1 \
    || { echo "compare.sh: '$4' failed" >&2; exit 1; }
  median "$work/$1.json"
}

index_s=$(run index 3 0 "$baokan index $corpus --index $work/idx --rebuild")
sql="CREATE VIRTUAL TABLE docs USING fts5(path, body, tokenize='trigram');
INSERT INTO docs SELECT name, readfile(name) FROM fsdir('$corpus') WHERE mode & 0x8000;"
sqlite_s=$(run sqlite 3 0 "rm -f $work/fts.db && sqlite3 $work/fts.db \"$sql\"")
index_bytes=$(du -sb "$work/idx" | cut -f1)
sqlite_bytes=$(du -sb "$work/fts.db" | cut -f1)

one_b=$(run one_b 30 3 "$baokan search 城管 --json --index $work/idx")
one_r=$(run one_r 30 3 "rg -F -l 城管 $corpus")
three_b=$(run three_b 30 3 "$baokan search 城管 停车 管理 --json --index $work/idx")
three_r=$(run three_r 30 3 "rg -F -l 城管 $corpus | xargs -r rg -F -l 停车 | xargs -r rg -F -l 管理")
fts_q=$(run fts_q 30 3 "sqlite3 $work/fts.db \"SELECT count(*) FROM docs WHERE docs MATCH '\\\"城市管理\\\"'\"")
"$target"/release/examples/latency "$work/idx" 200 --json >"$work/latency.json" \
  || { echo "compare.sh: the latency example failed" >&2; exit 1; }

python3 - "$mb" "$bytes" "$index_s" "$sqlite_s" "$index_bytes" "$sqlite_bytes" \
  "$one_b" "$one_r" "$three_b" "$three_r" "$fts_q" "$work/latency.json" <<'PY'
import json, sys
mb, size, ix, sq, ixb, sqb, ob, orr, tb, tr, fq, lat = sys.argv[1:]
size, ix, sq, ixb, sqb = int(size), float(ix), float(sq), int(ixb), int(sqb)
ob, orr, tb, tr, fq = (float(x) * 1000 for x in (ob, orr, tb, tr, fq))
print(f"generated corpus: {mb} MB requested, {size / 2**20:.1f} MiB of files")
print(f"{'measure':44}{'baokan':>12}{'other':>12}{'ratio':>8}")
print(f"{'index build, s (other: sqlite fts5 trigram)':44}{ix:12.2f}{sq:12.2f}{sq / ix:8.2f}")
print(f"{'index build, MB/s':44}{size / 2**20 / ix:12.1f}{size / 2**20 / sq:12.1f}")
print(f"{'index size / corpus':44}{ixb / size:12.2f}{sqb / size:12.2f}")
print(f"{'search one word, ms (other: rg -F)':44}{ob:12.1f}{orr:12.1f}{orr / ob:8.2f}")
print(f"{'search three words, ms (other: rg -F chain)':44}{tb:12.1f}{tr:12.1f}{tr / tb:8.2f}")
print(f"{'sqlite fts5 phrase query, ms':44}{'':12}{fq:12.1f}")
print("medians of hyperfine runs (3 for builds, 30 for searches); ratio = other / baokan")
mix = json.load(open(lat))["mix"]
print(f"in-process query mix (examples/latency.rs, {mix['samples']} searches, 10 hits each):")
print(f"  p50 {mix['p50_ms']:.3f} ms")
print(f"  p99 {mix['p99_ms']:.3f} ms")
PY
