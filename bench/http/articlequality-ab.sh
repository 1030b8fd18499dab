#!/usr/bin/env bash
# articlequality (the 100 kB Parsoid page sent as html), one connection, builds side by side (round 5 of issue 21):
# every checkout's server is started at once (--cache none), warmed 25 s, then wrk -c1 runs on each in turn, round by
# round. Per run: wrk's p50, the means of the server's own model-request and edge histograms over the same requests,
# and the server process's CPU time (user + system) per request, which the load of a shared machine disturbs least.
#
# Usage: bench/http/articlequality-ab.sh ROUNDS SECONDS CHECKOUT...   (each CHECKOUT a Release build)
# Needs wrk (scripts/setup/bench.sh), pulled model artifacts and the shared data beside the checkout (or LIFTWING_SHARED).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=$1; secs=$2; shift 2
shared=${LIFTWING_SHARED:-$(cd .. && pwd)/shared}
export LIFTWING_SHARED=$shared
source bench/http/lib.sh
ports=()
bench/http/model-bodies.sh "$work" "$shared"
for d in "$@"; do
  port=$(free_port)
  (cd "$d" && exec "$liftwing_bin" serve --port "$port" --grpc-port 0 --cache none \
    --only articlequality >"$work/serve-$port.log" 2>&1) &
  pids+=($!); ports+=("$port")
done
for port in "${ports[@]}"; do
  wait_ready "$port" "$work/serve-$port.log" 300
done
# Tiered compilation settles only after thousands of requests on a loaded machine: warm each server well first.
for port in "${ports[@]}"; do wrk -t1 -c1 -d25s -s "$work/articlequality.lua" "http://127.0.0.1:$port/v1/models/articlequality:predict" >/dev/null; done
snap() {
  curl -fs "http://127.0.0.1:$1/metrics" | grep -E '^(request_seconds|liftwing_edge_request_seconds)_(sum|count)\{' \
    | grep 'model_name="articlequality"' | awk '{split($1,a,"{"); s[a[1]]+=$2} END {for (k in s) print k, s[k]}'
}
echo "articlequality A/B, ${secs} s per run, one connection, $(nproc) cores, $(date -u +%FT%TZ)"
echo "round | $(printf '%s | ' "$@")"
for r in $(seq 1 "$rounds"); do
  line="$r | load $(cut -d' ' -f1 /proc/loadavg)"
  for i in "${!ports[@]}"; do
    port=${ports[$i]}; pid=${pids[$i]}
    before=$(snap "$port"); c0=$(awk '{print $14+$15}' "/proc/$pid/stat")
    out=$(wrk -t1 -c1 -d"${secs}s" --latency -s "$work/articlequality.lua" "http://127.0.0.1:$port/v1/models/articlequality:predict")
    after=$(snap "$port"); c1=$(awk '{print $14+$15}' "/proc/$pid/stat")
    n=$(awk '/requests in/ {print $1}' <<<"$out"); p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    stats=$(python3 - "$before" "$after" "$n" "$((c1 - c0))" "$(getconf CLK_TCK)" <<'PY'
import sys
def load(text): return {l.split()[0]: float(l.split()[1]) for l in text.strip().splitlines()}
b, a, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
def mean(m):
    c = a[m + "_count"] - b[m + "_count"]
    return 1000 * (a[m + "_sum"] - b[m + "_sum"]) / c if c else 0
print(f"model {mean('request_seconds'):.2f} edge {mean('liftwing_edge_request_seconds'):.2f} cpu {1000 * int(sys.argv[4]) / int(sys.argv[5]) / n:.2f}")
PY
)
    line="$line | p50 $p50 $stats"
  done
  echo "$line"
done
