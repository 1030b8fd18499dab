#!/usr/bin/env bash
# Where articlequality's CPU goes over HTTP (round 5 of issue 21): one server (--cache none), warmed 25 s, then
# 15 s of wrk -c1 under `perf record -g`; bench/http/perf-stages.py turns the samples into microseconds of CPU per
# request and stage (the server's threads together, GC threads and thread-pool spinning included).
#
# Usage: bench/http/articlequality-profile.sh CHECKOUT OUTDIR   (a Release build; needs wrk and perf)
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=$1; out=$2
shared=${LIFTWING_SHARED:-$(cd .. && pwd)/shared}
export LIFTWING_SHARED=$shared DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
mkdir -p "$out"
source bench/http/lib.sh
bench/http/model-bodies.sh "$work" "$shared"
port=$(free_port)
(cd "$dir" && exec "$liftwing_bin" serve --port "$port" --grpc-port 0 --cache none \
  --only articlequality >"$work/serve.log" 2>&1) &
pid=$!; pids+=("$pid")
wait_ready "$port" "$work/serve.log" 300
url="http://127.0.0.1:$port/v1/models/articlequality:predict"
wrk -t1 -c1 -d25s -s "$work/articlequality.lua" "$url" >/dev/null
perf record -F 999 -g -p "$pid" -o "$out/perf.data" -- sleep 15 >/dev/null 2>&1 &
perf_pid=$!
result=$(wrk -t1 -c1 -d15s --latency -s "$work/articlequality.lua" "$url")
wait "$perf_pid" || true
requests=$(awk '/requests in/ {print $1}' <<<"$result")
echo "load $(cut -d' ' -f1 /proc/loadavg), wrk p50 $(awk '$1 == "50%" {print $2}' <<<"$result"), $requests requests"
perf script -i "$out/perf.data" -F comm,tid,ip,sym 2>/dev/null >"$out/perf.txt"
python3 bench/http/perf-stages.py "$out/perf.txt" "$requests"
