#!/usr/bin/env bash
# Resident memory and start time of `liftwing serve` with every shipped model, for several configurations
# measured side by side in one run (same binary, same machine, same moment; configurations alternate per round).
# Per configuration and round: start-to-ready (GET /v2/health/ready), VmRSS 1 s after ready, the peak RSS of the
# start-up (VmHWM then), the peak RSS under the same short load on every model at once (langid, logo-detection,
# all-MiniLM-L6-v2, example-linear, articlequality with HTML in the request, so no wiki is needed; VmHWM is reset
# through /proc/PID/clear_refs once ready, so this column is the load alone), the overall peak, and VmRSS 25 s after
# the load (the idle trimmer runs on a 10 s tick).
#
# Usage: bench/footprint/footprint.sh [ROUNDS]   (default 3; artifacts must be pulled: liftwing models pull)
# Env:   LIFTWING (the command, default: dotnet src/LiftWing.Cli/bin/Release/net10.0/linux-x64/liftwing.dll), CONFIGS
#        LOAD_SECONDS (8), CONCURRENCY (2 per model), SHARED (../shared), SETTLE_SECONDS (25)
#        BEFORE (another build's command, e.g. "dotnet /tmp/before/liftwing.dll": adds the configuration "before",
#        so a change is measured against its parent side by side in one run)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
rounds=${1:-3}
liftwing=${LIFTWING:-dotnet $repo/src/LiftWing.Cli/bin/Release/net10.0/linux-x64/liftwing.dll}
shared=${SHARED:-$repo/../shared}
seconds=${LOAD_SECONDS:-8}
settle=${SETTLE_SECONDS:-25}
conc=${CONCURRENCY:-2}
port=${PORT:-18181}

# The configurations: "default" is the shipped one; "lean" turns off ONNX Runtime's arena and memory patterns
# and the background (concurrent) GC; "seq-load" loads the models one after another (how they loaded before
# LiftWing:Models:LoadConcurrency existed); "malloc2" caps glibc's malloc arenas at 2 (parallel loads otherwise leave
# freed native memory in per-thread arenas). CONFIGS="default seq-load" picks some.
declare -A configs=(
  [default]=""
  [lean]="LIFTWING_ONNX_ARENA=0 DOTNET_gcConcurrent=0"
  [seq-load]="LIFTWING__MODELS__LOADCONCURRENCY=1"
  [malloc2]="MALLOC_ARENA_MAX=2"
  [init-arena]="LIFTWING_ONNX_INITIALIZERS_IN_ARENA=1"
  [no-trim]="LIFTWING__MEMORY__TRIMAFTERLOAD=false LIFTWING__MEMORY__MALLOCMMAPTHRESHOLDKB=0"
  [wks-gc]="DOTNET_gcServer=0"
  [before]=""
)
read -r -a order <<< "${CONFIGS:-default lean seq-load}"
command_for() { if [ "$1" = before ]; then echo "${BEFORE:?BEFORE must name the other build for the configuration before}"; else echo "$liftwing"; fi; }

bodies=$(mktemp -d)
trap 'rm -rf "$bodies"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT
echo '{"text":"Der schnelle braune Fuchs springt über den faulen Hund und läuft dann weiter in den Wald"}' > "$bodies/langid.json"
printf '{"instances": [{"filename": "Cambia_logo.png", "image": "%s", "target": "logo"}]}' "$(base64 -w0 "$shared/data/liftwing/logo/Cambia_logo.png")" > "$bodies/logo-detection.json"
echo '{"instances": ["A cat sits on the mat", "A kitten is on the rug", "Lift Wing serves machine learning models"]}' > "$bodies/all-MiniLM-L6-v2.json"
echo '{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[0.1,0.2,0.3,0.4]}]}' > "$bodies/example-linear.json"
echo '{"lang":"en","html":"<html><body><section><p>Bodmin is a town in Cornwall. It has a long history.</p><h2>History</h2><p>Text [1]</p></section></body></html>"}' > "$bodies/articlequality.json"

rss() { awk -v k="$2:" '$1==k {print int($2/1024)}' "/proc/$1/status"; }

printf '%-10s %5s %9s %10s %11s %10s %10s %11s\n' config round ready_ms rss_ready start_peak load_peak all_peak rss_settled
for round in $(seq 1 "$rounds"); do
  for name in "${order[@]}"; do
    start=$(date +%s%N)
    cmd=$(command_for "$name")
    env ${configs[$name]} $cmd serve --port "$port" --grpc-port 0 --cache none > "$bodies/serve.log" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/health/ready")" = 200 ]; do
      kill -0 "$pid" 2>/dev/null || { cat "$bodies/serve.log"; exit 1; }
      sleep 0.02
    done
    ready=$(( ($(date +%s%N) - start) / 1000000 ))
    sleep 1 # let start-up allocations settle
    rss_ready=$(rss "$pid" VmRSS)
    start_peak=$(rss "$pid" VmHWM)
    echo 5 > "/proc/$pid/clear_refs" # resets VmHWM to the current RSS (Linux >= 4.0)
    loads=()
    for m in langid logo-detection all-MiniLM-L6-v2 articlequality; do
      $liftwing loadtest "http://127.0.0.1:$port/v1/models/$m:predict" --body "$bodies/$m.json" -c "$conc" -d "$seconds" > "$bodies/load-$m.log" 2>&1 &
      loads+=($!)
    done
    $liftwing loadtest "http://127.0.0.1:$port/v2/models/example-linear/infer" --body "$bodies/example-linear.json" -c "$conc" -d "$seconds" > "$bodies/load-example-linear.log" 2>&1 &
    loads+=($!)
    wait "${loads[@]}"
    load_peak=$(rss "$pid" VmHWM)
    sleep "$settle"
    settled=$(rss "$pid" VmRSS)
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    pid=
    for l in "$bodies"/load-*.log; do echo "  $(basename "$l" .log): $(tail -1 "$l")"; done
    printf '%-10s %5s %9s %10s %11s %10s %10s %11s\n' "$name" "$round" "$ready" "$rss_ready" "$start_peak" "$load_peak" "$(( start_peak > load_peak ? start_peak : load_peak ))" "$settled"
  done
done
