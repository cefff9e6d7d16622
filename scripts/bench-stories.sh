#!/usr/bin/env bash
# What story clustering costs `ingest`: the bundled example (examples/us-mexico-2025/, 40
# articles) replicated COPIES times (default 50: 2,000 articles) as one JSON Lines file, each copy
# with its own id, outlet, a publication date shifted by a few days and a one-line credit (so no
# copy is a duplicate of another), ingested into a fresh store with and without --no-stories,
# RUNS times each (default 5), alternating; prints each run's articles/s and the medians.
#
#   scripts/bench-stories.sh [COPIES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES="${1:-50}"
RUNS="${2:-5}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/atalaya-target}"
cargo build --release -q -p atalaya
BIN="$CARGO_TARGET_DIR/release/atalaya"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/atalaya-bench-stories.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

python3 - "$COPIES" "$WORK/articles.jsonl" examples/us-mexico-2025 <<'PY'
import datetime, json, os, sys
copies, out_path, folder = int(sys.argv[1]), sys.argv[2], sys.argv[3]
articles = []
for name in sorted(os.listdir(folder)):
    if not name.endswith(".md"):
        continue
    raw = open(os.path.join(folder, name), encoding="utf-8").read()
    _, header, body = raw.split("---", 2)
    meta = dict(line.split(": ", 1) for line in header.strip().splitlines())
    articles.append((meta, body.strip()))
with open(out_path, "w") as out:
    for c in range(copies):
        for meta, body in articles:
            day = datetime.date.fromisoformat(meta["date"]) + datetime.timedelta(days=c % 4)
            outlet = f"{meta['source']} {c}"
            out.write(json.dumps({
                "id": f"{meta['id']}-copy{c}", "title": meta["title"], "published": day.isoformat(),
                "outlet": outlet, "text": f"Distributed by {outlet}.\n\n{body}"}) + "\n")
PY
echo "input: $(wc -l < "$WORK/articles.jsonl") articles ($(du -h "$WORK/articles.jsonl" | cut -f1)); machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

rate() {
  rm -f "$WORK/db" "$WORK/db-wal" "$WORK/db-shm"
  "$BIN" ingest -q --db "$WORK/db" "$WORK/articles.jsonl" "$@" 2>&1 \
    | sed -n 's/.* (\([0-9.]*\) articles\/s.*/\1/p'
}
with=(); without=()
for i in $(seq "$RUNS"); do
  w=$(rate); wo=$(rate --no-stories)
  with+=("$w"); without+=("$wo")
  echo "run $i: with stories $w articles/s, --no-stories $wo articles/s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mw=$(median "${with[@]}"); mwo=$(median "${without[@]}")
echo "median: with stories $mw articles/s, --no-stories $mwo articles/s, ratio $(awk -v a="$mw" -v b="$mwo" 'BEGIN {printf "%.3f", a/b}')"
