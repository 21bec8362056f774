#!/usr/bin/env bash
# The Lucene check: baokan's export and --dsl against Lucene itself (the engine of OpenSearch
# 1.x), on a corpus. Indexes CORPUS with the release build, exports it with
# `export --opensearch`, loads the bulk files into Lucene 8 (Debian's liblucene8-java) and
# compares, for every query of queries.txt, Lucene's hits for `search --dsl` with baokan's.
#
# usage: scale/lucene-check/run.sh CORPUS [WORK_DIR]
# needs: openjdk-17-jdk-headless, liblucene8-java, python3; `cargo build --release` first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$1
work=${2:-$(mktemp -d)}
baokan="$root/target/release/baokan"
jar() { ls /usr/share/java/"$1"-[0-9]*.jar | sort | tail -1; }
classpath="$(jar lucene-core):$(jar lucene-analyzers-common):$work/classes"
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$classpath" "$here/Check.java"
rm -rf "$work/idx" "$work/bulk"
"$baokan" index "$corpus" --index "$work/idx" -q
corpus_mb=$(du -sm "$corpus" | cut -f1)
started=$(date +%s%N)
"$baokan" export --index "$work/idx" --opensearch "$work/bulk"
ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "export: ${corpus_mb} MB of corpus in ${ms} ms; bulk files $(du -sm "$work/bulk" | cut -f1) MB"
python3 "$here/compare.py" "$baokan" "$work/idx" "$work/bulk" "$here/queries.txt" "$classpath" "$work"
