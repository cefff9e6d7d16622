#!/usr/bin/env bash
# Ingest throughput benchmark: generates N news-style articles (default 10,000) as one JSON
# Lines file and as a folder of HTML pages, ingests each into a fresh store on all cores with
# the release binary, then re-ingests the JSONL (everything already stored), and prints
# articles/s and MB/s from atalaya's own summary.
#
#   scripts/bench-ingest.sh [N] [extra ingest args, e.g. --dictionaries DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
shift || true
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/atalaya-target}"
cargo build --release -q -p atalaya
BIN="$CARGO_TARGET_DIR/release/atalaya"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/atalaya-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

python3 - "$N" "$WORK" <<'PY'
import json, os, random, sys
n, work = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
actors = ["The defence ministry", "Border police", "The foreign minister", "Opposition lawmakers",
          "The central bank", "Union leaders", "The navy", "Regional governors", "Rebel commanders",
          "The prime minister", "Customs officers", "The health ministry"]
verbs = ["met with", "criticised", "accused", "agreed to talks with", "threatened",
         "praised", "arrested members of", "signed an accord with", "warned", "rejected a proposal from"]
targets = ["neighbouring governments", "protest organisers", "smuggling networks", "the navy",
           "foreign diplomats", "the opposition", "aid agencies", "cartel leaders", "farmers' groups"]
days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
places = ["in the capital", "near the northern border", "at the port", "in the eastern province",
          "outside parliament", "in the coastal city"]

def paragraph():
    return " ".join(
        f"{rng.choice(actors)} {rng.choice(verbs)} {rng.choice(targets)} {rng.choice(places)} "
        f"on {rng.choice(days)}, officials said." for _ in range(rng.randint(2, 4)))

os.makedirs(f"{work}/html", exist_ok=True)
with open(f"{work}/articles.jsonl", "w") as out:
    for i in range(n):
        paras = [paragraph() for _ in range(rng.randint(3, 7))]
        title = f"Report {i}: {rng.choice(actors)} {rng.choice(verbs)} {rng.choice(targets)}"
        day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.write(json.dumps({"id": f"bench-{i}", "title": title, "published": day,
                              "outlet": "Bench Wire", "text": "\n\n".join(paras)}) + "\n")
        body = "".join(f"<p>{p}</p>\n" for p in paras)
        with open(f"{work}/html/{i:06d}.html", "w") as page:
            page.write(f"""<!DOCTYPE html><html lang="en"><head><title>{title}</title>
<meta property="og:site_name" content="Bench Wire">
<meta property="article:published_time" content="{day}T09:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="advert">Subscribe now for unlimited access.</div>
<article><h1>{title}</h1>{body}</article>
<section class="comments"><div class="comment">Great report.</div></section>
<footer>Copyright Bench Wire</footer></body></html>""")
PY
du -sh "$WORK/articles.jsonl" "$WORK/html" | sed 's/^/input: /'
echo "machine: $(nproc) cores; $N articles"

run() {
  local label="$1"; shift
  echo "== $label"
  "$BIN" ingest -q "$@" 2>&1 | grep -E '^atalaya: (ingested|[0-9]+ new)'
}
run "JSON Lines, fresh store" --db "$WORK/jsonl.db" "$WORK/articles.jsonl" "$@"
run "JSON Lines again (all already stored)" --db "$WORK/jsonl.db" "$WORK/articles.jsonl" "$@"
run "HTML folder, fresh store" --db "$WORK/html.db" "$WORK/html" "$@"
