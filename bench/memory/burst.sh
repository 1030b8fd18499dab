#!/usr/bin/env bash
# Peak and settled RSS of `liftwing serve` around a burst of large requests (docs/performance.md, "Memory").
# Usage: bench/memory/burst.sh [label] [serve args...]   (run from the repository root after `dotnet build -c Release`)
# Env:   BIN (the liftwing executable; another build's to measure before/after side by side), ROUNDS (3),
#        SETTLE_SECONDS (30), PORT
# Reports: idle RSS after loading, peak RSS (VmHWM) over the burst, and RSS SETTLE_SECONDS after the burst.
# Takes about 2–4 minutes on a loaded 2-core machine: give a wrapper's timeout some room.
set -euo pipefail
label=${1:-run}
bin=${BIN:-src/LiftWing.Cli/bin/Release/net10.0/linux-x64/liftwing}
rounds=${ROUNDS:-3}
settle=${SETTLE_SECONDS:-30}
port=${PORT:-18093}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, sys
d = sys.argv[1]
# articlequality: 90,000 paragraphs of Parsoid-like HTML (~2 MB), just under the element cap.
html = '<html><body><section>' + '<p>Some paragraph text with a <a rel="mw:WikiLink" href="./X">link</a>.</p>' * 45000 + '</section></body></html>'
json.dump({'lang': 'en', 'html': html}, open(f'{d}/aq.json', 'w'))
# V2: 1,048,576 FP32 elements (the request limit), 262,144 rows of 4 features (~5 MB of JSON).
rows = 262144
json.dump({'inputs': [{'name': 'input', 'shape': [rows, 4], 'datatype': 'FP32', 'data': [1.5, 2.5, 0.5, 3.25] * rows}]}, open(f'{d}/v2.json', 'w'))
# MiniLM: 256 instances of ~2,000 characters each.
json.dump({'instances': [('word%d ' % i) * 300 for i in range(256)]}, open(f'{d}/minilm.json', 'w'))
PY

"$bin" serve --port "$port" --grpc-port 0 --models-dir models --only articlequality --only example-linear --only all-MiniLM-L6-v2 --cache none "${@:2}" >"$work/serve.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/v2/health/ready" >/dev/null; do
  kill -0 "$pid" 2>/dev/null || { echo "$label: serve exited:" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
  sleep 0.5
done
rss() { awk "/^$1:/ {print int(\$2/1024)}" "/proc/$pid/status"; }
sleep 5
idle=$(rss VmRSS)
post() { curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' --data-binary "@$work/$2" "http://127.0.0.1:$port$1"; }
start=$(date +%s.%N)
for round in $(seq 1 "$rounds"); do
  for i in 1 2; do
    post /v1/models/articlequality:predict aq.json &
    post /v2/models/example-linear/infer v2.json &
    post /v1/models/all-MiniLM-L6-v2:predict minilm.json &
  done
  wait
done | sort | uniq -c | tr '\n' ' '
burst=$(echo "$(date +%s.%N) - $start" | bc)
peak=$(rss VmHWM)
sleep "$settle"
settled=$(rss VmRSS)
echo
echo "$label: idle ${idle} MiB, peak ${peak} MiB, settled (${settle} s after) ${settled} MiB, burst ${burst} s"
