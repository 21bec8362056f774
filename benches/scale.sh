#!/usr/bin/env bash
# Index build growth curve: for each size, generate a corpus with the gencorpus example, build
# the index once with `baokan index --rebuild`, and report time, throughput, peak memory and
# index size. One run per size (no repeats: a 1 GB build takes minutes), so expect noise.
# Usage: benches/scale.sh [SIZES_MB...]   (default: 10 100 300 1000)
# Needs GNU time at /usr/bin/time (apt-get install time); installs nothing. Each corpus and
# index lives in a temporary folder and is deleted once measured; the largest size needs room
# for the corpus and its index (about 2.6x the size) on the temporary file system ($TMPDIR).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 100 300 1000)
if [ ! -x /usr/bin/time ]; then
  echo "scale.sh: /usr/bin/time (GNU time) is missing; install it (apt-get install time)" >&2
  exit 1
fi
for mb in "${sizes[@]}"; do
  if ! [[ $mb =~ ^[0-9]+([.][0-9]+)?$ ]]; then
    echo "scale.sh: '$mb' is not a size in MB" >&2
    exit 1
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --bin baokan --example gencorpus
target=${CARGO_TARGET_DIR:-target}
baokan=$target/release/baokan

echo "one index build per size (no repeats); MiB = 2^20 bytes; RSS = peak resident set"
printf '%10s%12s%10s%10s%14s%16s\n' "MB asked" "corpus MiB" "build s" "MiB/s" "peak RSS MiB" "index / corpus"
for mb in "${sizes[@]}"; do
  corpus=$work/corpus idx=$work/idx
  "$target"/release/examples/gencorpus "$corpus" "$mb" 1 >/dev/null
  bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  if ! /usr/bin/time -f '%e %M' -o "$work/time" "$baokan" index "$corpus" --index "$idx" --rebuild -q; then
    echo "scale.sh: baokan index failed on the $mb MB corpus" >&2
    exit 1
  fi
  read -r secs rss_kib <"$work/time"
  index_bytes=$(du -sb "$idx" | cut -f1)
  awk -v mb="$mb" -v b="$bytes" -v s="$secs" -v k="$rss_kib" -v i="$index_bytes" 'BEGIN {
    mib = b / 1048576
    rate = s > 0 ? sprintf("%.1f", mib / s) : "-"
    printf "%10s%12.1f%10.2f%10s%14.1f%16.2f\n", mb, mib, s, rate, k / 1024, i / b
  }'
  rm -rf "$corpus" "$idx"
done
