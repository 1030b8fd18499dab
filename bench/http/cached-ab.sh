#!/usr/bin/env bash
# The cached langid hit of two builds against the bare Kestrel peer (issue 21), interleaved round by round: requests/s
# and p50 under wrk, and the server's own CPU time per request (user + system from /proc, over the requests wrk
# counted). CPU per request is the steadier measure on a shared 2-core machine: throughput at 16 connections also moves
# with wrk's share of the cores and with whatever else runs.
#
# Usage: bench/http/cached-ab.sh ROUNDS SECONDS CONNECTIONS BEFORE_CHECKOUT [AFTER_CHECKOUT, default .]
#   e.g. bench/http/cached-ab.sh 6 5 16 ../before
# Needs: Release builds of both checkouts (dotnet build LiftWing.sln -c Release), wrk (scripts/setup/bench.sh) and
# pulled model artifacts.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 4 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
rounds=$1; secs=$2; conc=$3; before=$(cd "$4" && pwd); after=$(cd "${5:-.}" && pwd)
source bench/http/lib.sh
bin=$liftwing_bin
path=/v1/models/langid:predict

printf '{"text":"Der schnelle braune Fuchs springt über den faulen Hund"}' >"$work/langid.json"
post_lua "$work/langid.json"

declare -A port pid
serve() { # serve NAME CHECKOUT: the built binary itself, so that its pid is the server's
  port[$1]=$(free_port)
  (cd "$2" && exec "$2/$bin" serve --port "${port[$1]}" --grpc-port 0 --cache memory --only langid) >"$work/$1.log" 2>&1 &
  pid[$1]=$!; pids+=($!)
  wait_ready "${port[$1]}" "$work/$1.log"
}
serve before "$before"
serve after "$after"
curl -fs -X POST "http://127.0.0.1:${port[after]}$path" -H 'Content-Type: application/json' --data-binary @"$work/langid.json" -o "$work/answer.json"
curl -fs -X POST "http://127.0.0.1:${port[before]}$path" -H 'Content-Type: application/json' --data-binary @"$work/langid.json" -o /dev/null
port[bare]=$(free_port)
bench/LiftWing.Benchmarks/bin/Release/net10.0/linux-x64/LiftWing.Benchmarks bare-peer "${port[bare]}" "$work/answer.json" >"$work/bare.log" 2>&1 &
pid[bare]=$!; pids+=($!)
for _ in $(seq 1 300); do curl -fs -X POST "http://127.0.0.1:${port[bare]}$path" --data-binary @"$work/langid.json" >/dev/null 2>&1 && break; sleep 0.2; done

targets="bare before after"
# Warm-up long enough for tiered compilation to settle on two shared cores (see side-by-side.sh).
for t in $targets; do wrk -t1 -c"$conc" -d"${WARMUP:-15}s" -s "$work/langid.lua" "http://127.0.0.1:${port[$t]}$path" >/dev/null; done
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tick=$(getconf CLK_TCK)
echo "cached langid at $conc connections, ${secs} s per cell, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
echo "| round | target | requests/s | p50 | server CPU µs per request | requests/s ÷ bare |"
echo "|---:|---|---:|---:|---:|---:|"
for r in $(seq 1 "$rounds"); do
  declare -A rps
  for t in $targets; do
    c0=$(cpu "${pid[$t]}")
    out=$(wrk -t1 -c"$conc" -d"${secs}s" --latency -s "$work/langid.lua" "http://127.0.0.1:${port[$t]}$path")
    c1=$(cpu "${pid[$t]}")
    rps[$t]=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
    n=$(awk '/requests in/ {print $1}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    awk -v r="$r" -v t="$t" -v q="${rps[$t]}" -v p="$p50" -v c=$((c1 - c0)) -v n="$n" -v k="$tick" -v b="${rps[bare]}" \
      'BEGIN { printf "| %d | %s | %d | %s | %.1f | %.2f |\n", r, t, q, p, c * 1e6 / k / n, q / b }' | tee -a "$work/rows"
  done
done
echo
# Medians over the rounds: server CPU per request, and requests/s ÷ bare.
for t in $targets; do
  awk -F'|' -v t="$t" '$3 ~ " " t " " { gsub(/ /, "", $6); gsub(/ /, "", $7); c[++n] = $6 + 0; q[n] = $7 + 0 }
    function med(a, n,   i, j, x) { for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    END { printf "median %s: %.1f µs CPU per request, %.2f× bare requests/s\n", t, med(c, n), med(q, n) }' "$work/rows"
done
