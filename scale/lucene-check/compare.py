"""Runs the query matrix through baokan (hit ids of a strict search) and through the Lucene
checker (the DSL of `search --dsl` over the exported bulk files), and compares the hit sets.

usage: compare.py BAOKAN INDEX BULK_DIR QUERIES CLASSPATH WORK_DIR
Exit status 1 when any query's hit sets differ, with the differences on stderr."""

import json
import shlex
import subprocess
import sys
from pathlib import Path


def main() -> int:
    baokan, index, bulk, queries, classpath, work = sys.argv[1:7]
    work = Path(work)
    dsl_dir = work / "dsl"
    dsl_dir.mkdir(parents=True, exist_ok=True)
    lines = [l.strip() for l in Path(queries).read_text(encoding="utf-8").splitlines()]
    matrix = [l for l in lines if l and not l.startswith("#")]
    ours = {}
    for n, line in enumerate(matrix):
        args = [baokan, "search", "--index", index, "--strict"]
        # A query starting with '-' follows '--' so that it is not read as a flag.
        words = shlex.split(line)
        flags_at = next((i for i, w in enumerate(words) if w.startswith("--")), len(words))
        query, flags = words[:flags_at], words[flags_at:]
        dsl = subprocess.run(args + flags + ["--dsl", "--"] + query, capture_output=True, check=True)
        (dsl_dir / f"{n:03}.json").write_bytes(dsl.stdout)
        found = subprocess.run(
            args + flags + ["--json", "--limit", "100000000", "--"] + query, capture_output=True, check=True
        )
        results = json.loads(found.stdout)
        ids = sorted(hit["id"] for hit in results["hits"])
        if len(ids) != results["total"]:
            print(f"{line}: {len(ids)} ids for a total of {results['total']}", file=sys.stderr)
            return 1
        ours[f"{n:03}"] = ids
    checked = subprocess.run(
        ["java", "-cp", classpath, "Check", bulk, str(dsl_dir)], capture_output=True, check=True, text=True
    )
    theirs = {}
    for row in checked.stdout.splitlines():
        name, _, ids = row.partition("\t")
        theirs[name] = ids.split()
    print(checked.stderr.strip())
    differ = 0
    for n, line in enumerate(matrix):
        name = f"{n:03}"
        a, b = set(ours[name]), set(theirs.get(name, []))
        status = "same" if a == b else "DIFFERENT"
        print(f"{status:9} {len(a):6} hits  {line}")
        if a != b:
            differ += 1
            print(f"  only baokan: {sorted(a - b)[:5]}  only Lucene: {sorted(b - a)[:5]}", file=sys.stderr)
    print(f"{len(matrix) - differ} of {len(matrix)} queries give identical hit sets")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
