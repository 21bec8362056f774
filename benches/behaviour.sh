#!/usr/bin/env bash
# Does this tree's baokan print what an older build printed? For a refactor, which must not
# change a byte of output. Keep a copy of the older build first:
#   mkdir -p /tmp/old && cp target/release/baokan target/release/examples/gencorpus /tmp/old
# then, after the change:
#   benches/behaviour.sh /tmp/old [MB]        (MB of generated corpus besides the seeds; 100)
#
# For the seeds and a generated corpus, each build indexes the corpus into an index of its own,
# and the script compares, build against build:
# - on each build's own index: `index --json`, `stats --json`, `stats`, `export`, and `show` of
#   a few ids (text and JSON): the same documents and counts;
# - on both indexes, each build running every query of QUERIES under every flag set of FLAGS:
#   `search --json` with exit code and stderr (usage errors included), and `--jsonl` and the
#   terminal text for the first flag sets: the same hits, scores, snippets and messages;
# - every command's `--help`.
# Timings (`seconds`, `took_ms`, `· N ms`) are written as 0. Searches are compared on the same
# index because an index's segment layout (so the order of equal-score hits) depends on the
# timing of tantivy's indexing threads: two builds of the same binary differ there. Across the
# two indexes, the totals and facets of every search must still agree.
# Exit 0 when everything agrees; else the differences are listed and the exit code is 1.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "${1:?usage: benches/behaviour.sh OLD_BIN_DIR [MB]  (see the comment at the top)}")
mb=${2:-100}
for binary in baokan gencorpus; do
  [[ -x $old/$binary ]] || { echo "behaviour.sh: no $old/$binary; see the comment at the top" >&2; exit 2; }
done
target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet --bin baokan --example gencorpus
new=$(realpath "$target/release")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

QUERIES=(
  城管 "城管 停车 管理" '"推进精细管理"' 城管服务站 住建局 城 河 2063.42亿元 营商環境
  title:马拉松 "城管 -停车" "(城管 OR 城市管理) 停车" 机扫保洁率 92.5% 黄河 菏泽市城市管理局
  发改委 人大 G327线 市中区 冯锴 2022年 ％ "东明县 水务局" '"3 月 20 日"' 不存在的词语xyz
)
FLAGS=(
  ""
  "--sort newest"
  "--sort oldest"
  "--facets"
  "--exact"
  "--limit 3 --offset 2"
  "--limit 50"
  "--kind article"
  "--kind table_row"
  "--paper 牡丹晚报"
  "--paper mdwb --paper 菏泽日报 --facets"
  "--region 菏泽市"
  "--since 2023 --until 2023-06"
  "--since 2022-03 --sort newest --limit 5"
  "--offset 1000"
  "--paper 人民日报"
)
TEXT_FLAGS=3 # the terminal text and --jsonl are recorded for the first flag sets

# Writes timings as 0 so that two runs compare equal.
untimed() { sed -E 's/"(took_ms|seconds)":[0-9.e+-]+/"\1":0/g; s/· [0-9.]+ ms$/· 0 ms/'; }

# run BINARY INDEX FILE ARGS...: stdout (untimed), stderr and exit code of one command, run in
# $work so that every path printed is relative.
run() {
  local binary=$1 index=$2 file=$3
  shift 3
  local code=0
  (cd "$work" && "$binary" "$@" --index "$index" >"$file.out" 2>"$file.err") || code=$?
  untimed <"$file.out" >"$file.tmp" && mv "$file.tmp" "$file.out"
  echo "$code" >"$file.code"
}

# searches BINARY INDEX DIR: every query under every flag set.
searches() {
  local binary=$1 index=$2 dir=$3 q f
  mkdir -p "$dir"
  for q in "${!QUERIES[@]}"; do
    for f in "${!FLAGS[@]}"; do
      # shellcheck disable=SC2086 # a flag set is several words
      run "$binary" "$index" "$dir/$q-$f" search "${QUERIES[$q]}" ${FLAGS[$f]} --json
      if ((f < TEXT_FLAGS)); then
        # shellcheck disable=SC2086
        run "$binary" "$index" "$dir/$q-$f-jsonl" search "${QUERIES[$q]}" ${FLAGS[$f]} --jsonl
        # shellcheck disable=SC2086
        run "$binary" "$index" "$dir/$q-$f-text" search "${QUERIES[$q]}" ${FLAGS[$f]} --color never
      fi
    done
  done
}

# corpus NAME: both builds index $work/NAME, and everything is recorded under $work/{old,new}.
corpus() {
  local name=$1 side binary id
  for side in old new; do
    binary=${!side}/baokan
    mkdir -p "$work/$side/$name"
    run "$binary" idx "$work/$side/$name/index" index "$name" --json
    mv "$work/idx" "$work/idx-$name-$side"
    run "$binary" "idx-$name-$side" "$work/$side/$name/stats-json" stats --json
    run "$binary" "idx-$name-$side" "$work/$side/$name/stats" stats
    run "$binary" "idx-$name-$side" "$work/$side/$name/export" export
    for id in $(grep -o '"id":"[^"]*"' "$work/$side/$name/export.out" | sed -n '1p;7p;40p' | cut -d'"' -f4) none; do
      run "$binary" "idx-$name-$side" "$work/$side/$name/show-$id" show "$id" --color never
      run "$binary" "idx-$name-$side" "$work/$side/$name/show-$id-json" show "$id" --json
    done
  done
  for side in old new; do
    searches "${!side}/baokan" "idx-$name-old" "$work/$side/$name/on-old-index"
    searches "${!side}/baokan" "idx-$name-new" "$work/$side/$name/on-new-index"
  done
  rm -rf "$work/idx-$name-old" "$work/idx-$name-new"
}

for side in old new; do
  mkdir -p "$work/$side/help"
  for command in "" index search show stats export; do
    # shellcheck disable=SC2086 # no command: the top-level help
    "${!side}/baokan" $command --help >"$work/$side/help/${command:-baokan}.txt" 2>&1 || true
  done
  "${!side}/baokan" --version >"$work/$side/help/version.txt"
done
cp -r seeds "$work/seeds"
corpus seeds
"$old/gencorpus" "$work/generated" "$mb" 1 >/dev/null
"$new/examples/gencorpus" "$work/generated-new" "$mb" 1 >/dev/null
diff -rq "$work/generated" "$work/generated-new" >/dev/null \
  || { echo "behaviour.sh: the two corpus generators differ" >&2; exit 1; }
rm -rf "$work/generated-new"
corpus generated

status=0
diff -r "$work/old" "$work/new" >"$work/diff" || status=1
# Across the two indexes: the same totals and facets for every search.
python3 - "$work/new" >>"$work/diff" <<'PY' || status=1
import json, pathlib, sys
bad = 0
for on_old in sorted(pathlib.Path(sys.argv[1]).glob("*/on-old-index/*[0-9].out")):
    on_new = on_old.parent.parent / "on-new-index" / on_old.name
    a, b = on_old.read_text(), on_new.read_text()
    if a.strip() and b.strip():
        a, b = json.loads(a), json.loads(b)
        a, b = (a["total"], a["facets"]), (b["total"], b["facets"])
    if a != b:
        bad += 1
        print(f"totals or facets differ between the two indexes: {on_old} {a} {b}")
sys.exit(1 if bad else 0)
PY
files=$(find "$work/new" -type f | wc -l)
if ((status == 0)); then
  echo "behaviour.sh: identical ($files files of output, ${#QUERIES[@]} queries x ${#FLAGS[@]} flag sets, seeds and $mb MB)"
else
  head -c 20000 "$work/diff"
  echo "behaviour.sh: the builds differ (above)"
fi
exit "$status"
