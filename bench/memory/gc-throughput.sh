#!/usr/bin/env bash
# Cached-request throughput and resident memory of `liftwing serve --only langid --cache memory` under each GC
# configuration, alternated per round in one run (the GC choice in src/LiftWing.Cli/LiftWing.Cli.csproj).
# Per cell: wrk at CONNECTIONS for SECONDS on a primed cache entry, then requests/s, p50 and VmHWM/VmRSS.
# Usage: bench/memory/gc-throughput.sh [ROUNDS]   (default 2; Release build and wrk needed)
# Env:   SECONDS_PER_CELL (10), CONNECTIONS (16), CONFIGS ("server-datas workstation server")
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-2}
secs=${SECONDS_PER_CELL:-10}
conns=${CONNECTIONS:-16}
bin=src/LiftWing.Cli/bin/Release/net10.0/linux-x64/liftwing
port=${PORT:-18271}
declare -A configs=(
  [server-datas]=""                                   # the shipped setting
  [workstation]="DOTNET_gcServer=0"                    # workstation, concurrent
  [server]="DOTNET_GCDynamicAdaptationMode=0"          # server GC without DATAS (a heap per core, fixed)
  [conserve]="DOTNET_GCConserveMemory=5"               # server + DATAS, compacts harder to keep the heap small
)
read -r -a order <<< "${CONFIGS:-server-datas workstation server}"
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT
echo '{"text":"Der schnelle braune Fuchs springt über den faulen Hund"}' > "$work/body.json"
printf 'local f = io.open("%s", "rb")\nwrk.method = "POST"\nwrk.body = f:read("*a")\nf:close()\nwrk.headers["Content-Type"] = "application/json"\n' "$work/body.json" > "$work/body.lua"
url="http://127.0.0.1:$port/v1/models/langid:predict"
printf '%-13s %5s %10s %8s %9s %8s\n' config round req_per_s p50_us peak_mb rss_mb
for round in $(seq 1 "$rounds"); do
  for name in "${order[@]}"; do
    env ${configs[$name]} "$bin" serve --port "$port" --grpc-port 0 --only langid --cache memory > "$work/serve.log" 2>&1 &
    pid=$!
    until curl -fs "http://127.0.0.1:$port/v2/health/ready" >/dev/null 2>&1; do kill -0 "$pid" || exit 1; sleep 0.1; done
    curl -fs -H 'Content-Type: application/json' --data-binary "@$work/body.json" "$url" >/dev/null
    out=$(wrk -t1 -c"$conns" -d"${secs}s" --latency -s "$work/body.lua" "$url")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); print v} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v*1000} else {print v}}' <<<"$out")
    peak=$(awk '/^VmHWM:/ {print int($2/1024)}' "/proc/$pid/status")
    rss=$(awk '/^VmRSS:/ {print int($2/1024)}' "/proc/$pid/status")
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=
    printf '%-13s %5s %10s %8s %9s %8s\n' "$name" "$round" "$rps" "$p50" "$peak" "$rss"
  done
done
