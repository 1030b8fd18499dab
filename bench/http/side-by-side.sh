#!/usr/bin/env bash
# Side by side in one run (issue 21): a bare Kestrel peer that parses the JSON body and answers fixed bytes, LiftWing's
# langid uncached and cached, each under wrk at 1 and 16 connections; then one request at a time through
# all-MiniLM-L6-v2 (one sentence), articlequality (the 100 kB Parsoid page sent as html) and logo-detection (one image).
# Prints requests/s and p50 per cell and the ratios the issue's acceptance names.
#
# Usage: bench/http/side-by-side.sh [seconds per cell, default 10]   (WARMUP=seconds of warm-up per target, default 15;
#        ROUNDS=n measures every cell n times, interleaved, default 3, and reports the medians: the cells of one
#        round differ by ±10 % on a shared 2-core machine, so one round can land either side of a target)
#        BASELINE=DIR bench/http/side-by-side.sh   also runs langid uncached and cached from another built checkout (DIR,
#        e.g. a git worktree of an older commit) in the same interleaved loop, to show a change's effect.
# Needs: a Release build (dotnet build LiftWing.sln -c Release), wrk (scripts/setup/bench.sh), pulled model artifacts,
# and the shared data beside the checkout (or LIFTWING_SHARED).
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
shared=${LIFTWING_SHARED:-$(cd .. && pwd)/shared}
source bench/http/lib.sh
bin=$liftwing_bin
cli() { exec "$bin" "$@"; }
baseline_cli() { cd "$BASELINE" && exec "$BASELINE/$bin" "$@"; }

serve() { # serve PORT CACHE MODELS [CLI] -> waits until ready
  local port=$1 cache=$2 only=$3 run=${4:-cli}
  $run serve --port "$port" --grpc-port 0 --cache "$cache" --only "$only" >"$work/serve-$port.log" 2>&1 &
  pids+=($!)
  wait_ready "$port" "$work/serve-$port.log"
}


# run NAME URL BODY CONNECTIONS -> "req/s p50_us"
run() {
  local out
  out=$(wrk -t1 -c"$4" -d"${secs}s" --latency -s "${3%.json}.lua" "$2")
  local rps p50
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); print v} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v*1000} else if (v ~ /s$/) {sub(/s$/,"",v); print v*1000000}}' <<<"$out")
  local non2xx
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  [ -n "$non2xx" ] && echo "warning: $1 had $non2xx non-2xx answers" >&2
  echo "$rps $p50"
}

printf '{"text":"Der schnelle braune Fuchs springt über den faulen Hund"}' >"$work/langid.json"
post_lua "$work/langid.json"
bench/http/model-bodies.sh "$work" "$shared" # minilm, articlequality, logo

bare=$(free_port); uncached=$(free_port); cached=$(free_port); models=$(free_port)
serve "$uncached" none langid
serve "$cached" memory langid
serve "$models" none all-MiniLM-L6-v2,articlequality,logo-detection
targets="bare uncached cached"
if [ -n "${BASELINE:-}" ]; then
  baseline_uncached=$(free_port); serve "$baseline_uncached" none langid baseline_cli
  baseline_cached=$(free_port); serve "$baseline_cached" memory langid baseline_cli
  targets="$targets baseline_uncached baseline_cached"
fi
langid_path=/v1/models/langid:predict
curl -fs -X POST "http://127.0.0.1:$cached$langid_path" -H 'Content-Type: application/json' --data-binary @"$work/langid.json" -o "$work/answer.json"
[ -n "${BASELINE:-}" ] && curl -fs -X POST "http://127.0.0.1:$baseline_cached$langid_path" -H 'Content-Type: application/json' --data-binary @"$work/langid.json" -o /dev/null
hit=$(curl -fsi -X POST "http://127.0.0.1:$cached$langid_path" -H 'Content-Type: application/json' --data-binary @"$work/langid.json" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" {print $2}')
[ "$hit" = hit ] || { echo "the cached LiftWing did not answer from its cache (X-Cache: $hit)" >&2; exit 1; }
dotnet run --project bench/LiftWing.Benchmarks -c Release --no-build -- bare-peer "$bare" "$work/answer.json" >"$work/bare.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do curl -fs -X POST "http://127.0.0.1:$bare/" --data-binary @"$work/langid.json" >/dev/null 2>&1 && break; sleep 0.2; done

# Warm every target up (JIT, connection pools) before anything is measured: WARMUP seconds each (default 15). Tiered
# compilation keeps recompiling hot methods for 10 s and more on 2 shared cores, and a larger server has more of
# them, so a short warm-up measures the JIT as much as the server.
warm=${WARMUP:-15}
for t in $targets; do port=${!t}; wrk -t1 -c16 -d"${warm}s" -s "$work/langid.lua" "http://127.0.0.1:$port$langid_path" >/dev/null; done
for m in "all-MiniLM-L6-v2 minilm" "articlequality articlequality" "logo-detection logo"; do
  set -- $m; wrk -t1 -c1 -d"${warm}s" -s "$work/$2.lua" "http://127.0.0.1:$models/v1/models/$1:predict" >/dev/null
done

echo "side by side, ${secs} s per cell, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
echo
rounds=${ROUNDS:-3}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
echo "| target | connections | requests/s (median of $rounds) | p50 µs (median) | requests/s ÷ bare (median of rounds) | p50 ÷ bare (median) |"
echo "|---|---:|---:|---:|---:|---:|"
declare -A rps p50 rr pr
detail=""
for c in 1 16; do
  for t in $targets; do rps[$t$c]=""; p50[$t$c]=""; rr[$t$c]=""; pr[$t$c]=""; done
  for _ in $(seq 1 "$rounds"); do
    # Interleaved, so drift on a shared machine hits every target alike; each round's ratios are to that round's bare.
    declare -A now_r now_p
    for t in $targets; do
      port=${!t}
      read -r r p < <(run "$t" "http://127.0.0.1:$port$langid_path" "$work/langid.json" "$c")
      now_r[$t]=$r; now_p[$t]=$p
    done
    for t in $targets; do
      rps[$t$c]+=" ${now_r[$t]}"; p50[$t$c]+=" ${now_p[$t]}"
      rr[$t$c]+=" $(awk -v a="${now_r[$t]}" -v b="${now_r[bare]}" 'BEGIN { printf "%.4f", a / b }')"
      pr[$t$c]+=" $(awk -v a="${now_p[$t]}" -v b="${now_p[bare]}" 'BEGIN { printf "%.4f", a / b }')"
    done
  done
  for t in $targets; do
    awk -v t="langid $t" -v c="$c" -v r="$(median <<<"${rps[$t$c]}")" -v p="$(median <<<"${p50[$t$c]}")" \
      -v rr="$(median <<<"${rr[$t$c]}")" -v pr="$(median <<<"${pr[$t$c]}")" \
      'BEGIN { printf "| %s | %d | %.0f | %.0f | %.2f | %.2f |\n", t, c, r, p, rr, pr }'
    detail+="langid $t at $c: req/s ÷ bare per round ${rr[$t$c]# }; p50 ÷ bare ${pr[$t$c]# }"$'\n'
  done
done
# The models one request at a time, ROUNDS times each, interleaved like the langid cells; medians, and each round's p50.
declare -A mr mp
for _ in $(seq 1 "$rounds"); do
  for m in "all-MiniLM-L6-v2 minilm" "articlequality articlequality" "logo-detection logo"; do
    set -- $m
    read -r r p < <(run "$1" "http://127.0.0.1:$models/v1/models/$1:predict" "$work/$2.json" 1)
    mr[$1]+=" $r"; mp[$1]+=" $p"
  done
done
for m in all-MiniLM-L6-v2 articlequality logo-detection; do
  awk -v t="$m" -v r="$(median <<<"${mr[$m]}")" -v p="$(median <<<"${mp[$m]}")" 'BEGIN { printf "| %s | 1 | %.0f | %.0f | | |\n", t, r, p }'
  detail+="$m at 1: p50 µs per round ${mp[$m]# }"$'\n'
done
echo
printf '%s' "$detail"
echo
echo "acceptance: cached ≥ 0.90× bare req/s at 16 and p50 ≤ 1.20× at 1; uncached ≥ 0.85× at 16;"
echo "MiniLM p50 ≤ 5000 µs, articlequality ≤ 3000 µs, logo ≤ 20000 µs."
