#!/usr/bin/env bash
# Where one request's time goes, per model (issue 21): one connection of wrk through all-MiniLM-L6-v2 (one sentence),
# articlequality (the 100 kB Parsoid page sent as html) and logo-detection (one image), and, from the server's own
# /metrics histograms over the same requests, the mean time in preprocess, predict and postprocess, the model's whole
# request, and the edge's (body, routing, response included).
#
# Usage: bench/http/models-stages.sh [seconds per model, default 8] [CHECKOUT, default .] [MODELS_DIR]
# Needs wrk (scripts/setup/bench.sh), a Release build of CHECKOUT, pulled model artifacts and the shared data beside
# the checkout (or LIFTWING_SHARED).
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-8}; dir=${2:-.}; models_dir=${3:-}
shared=${LIFTWING_SHARED:-$(cd .. && pwd)/shared}
export LIFTWING_SHARED=$shared
source bench/http/lib.sh

bench/http/model-bodies.sh "$work" "$shared"

port=$(free_port)
extra=(); [ -n "$models_dir" ] && extra=(--models-dir "$models_dir")
(cd "$dir" && exec "$liftwing_bin" serve --port "$port" --grpc-port 0 --cache none \
  --only all-MiniLM-L6-v2,articlequality,logo-detection "${extra[@]}" >"$work/serve.log" 2>&1) &
pids+=($!)
wait_ready "$port" "$work/serve.log" 900

# The sums and counts of one model's stage histograms.
snapshot() {
  curl -fs "http://127.0.0.1:$port/metrics" \
    | grep -E '^(request_(preprocess|predict|postprocess)_seconds|request_seconds|liftwing_edge_request_seconds)_(sum|count)\{' \
    | grep "model_name=\"$1\"" || true
}

echo "model stages, ${secs} s per model, one connection, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
echo
echo "| model | wrk p50 | wrk mean | preprocess | predict | postprocess | model request | edge request |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for cell in all-MiniLM-L6-v2:minilm articlequality:articlequality logo-detection:logo; do
  name=${cell%%:*}; body=${cell#*:}
  url="http://127.0.0.1:$port/v1/models/$name:predict"
  wrk -t1 -c1 -d2s -s "$work/$body.lua" "$url" >/dev/null
  snapshot "$name" >"$work/before"
  out=$(wrk -t1 -c1 -d"${secs}s" --latency -s "$work/$body.lua" "$url")
  snapshot "$name" >"$work/after"
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out"); mean=$(awk '$1 == "Latency" && $2 != "Distribution" {print $2; exit}' <<<"$out")
  python3 - "$work/before" "$work/after" "$name" "$p50" "$mean" <<'PY'
import sys
def load(path):
    totals = {}
    for line in open(path):
        key, value = line.rsplit(" ", 1)
        metric, kind = key.split("{")[0].rsplit("_", 1)
        totals[(metric, kind)] = totals.get((metric, kind), 0.0) + float(value)
    return totals
before, after = load(sys.argv[1]), load(sys.argv[2])
cells = []
for metric in ["request_preprocess_seconds", "request_predict_seconds", "request_postprocess_seconds", "request_seconds", "liftwing_edge_request_seconds"]:
    n = after.get((metric, "count"), 0) - before.get((metric, "count"), 0)
    s = after.get((metric, "sum"), 0) - before.get((metric, "sum"), 0)
    cells.append(f"{1000 * s / n:.2f} ms" if n else "")
print(f"| {sys.argv[3]} | {sys.argv[4]} | {sys.argv[5]} | " + " | ".join(cells) + " |")
PY
done
