#!/usr/bin/env bash
# Model hot paths side by side (issue 21): one request at a time (wrk, one connection) through all-MiniLM-L6-v2 (one
# sentence), articlequality (the 100 kB Parsoid page sent as html) and logo-detection (one image), against several
# built checkouts at once, interleaved round by round so that drift on a shared machine hits every build alike.
# Prints the p50 of each cell.
#
# Usage: bench/http/models-ab.sh ROUNDS SECONDS CHECKOUT[@MODELS_DIR] ...
#   e.g. bench/http/models-ab.sh 4 5 . ../before ".@../models-intra1"
#   CHECKOUT is a built checkout (dotnet build LiftWing.sln -c Release); @MODELS_DIR serves that build with another
#   models folder (e.g. a copy with a different intra_op_threads). Target [i] is the i-th argument.
# Needs wrk (scripts/setup/bench.sh), pulled model artifacts and the shared data beside the checkout (or LIFTWING_SHARED).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=$1; secs=$2; shift 2
targets=("$@")
shared=${LIFTWING_SHARED:-$(cd .. && pwd)/shared}
export LIFTWING_SHARED=$shared
source bench/http/lib.sh

bench/http/model-bodies.sh "$work" "$shared"

ports=()
for spec in "${targets[@]}"; do
  dir=${spec%%@*}; models=()
  [ "$spec" != "$dir" ] && models=(--models-dir "${spec#*@}")
  port=$(free_port); ports+=("$port")
  # The built binary itself (not dotnet run), so cleanup stops it.
  (cd "$dir" && exec "$liftwing_bin" serve --port "$port" --grpc-port 0 --cache none \
    --only all-MiniLM-L6-v2,articlequality,logo-detection "${models[@]}" >"$work/serve-$port.log" 2>&1) &
  pids+=($!)
done
for port in "${ports[@]}"; do
  wait_ready "$port" "$work/serve-$port.log" 900
done

cells="all-MiniLM-L6-v2:minilm articlequality:articlequality logo-detection:logo"
for port in "${ports[@]}"; do
  for cell in $cells; do wrk -t1 -c1 -d2s -s "$work/${cell#*:}.lua" "http://127.0.0.1:$port/v1/models/${cell%%:*}:predict" >/dev/null; done
done

echo "models side by side, ${secs} s per cell, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
for i in "${!targets[@]}"; do echo "[$i] ${targets[$i]}"; done
for r in $(seq 1 "$rounds"); do
  for cell in $cells; do
    line="round $r ${cell%%:*}:"
    for i in "${!ports[@]}"; do
      out=$(wrk -t1 -c1 -d"${secs}s" --latency -s "$work/${cell#*:}.lua" "http://127.0.0.1:${ports[$i]}/v1/models/${cell%%:*}:predict")
      p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
      non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
      line="$line [$i] $p50${non2xx:+ (non-2xx: $non2xx)}"
    done
    echo "$line"
  done
done
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
