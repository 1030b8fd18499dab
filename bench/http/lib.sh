# Sourced by the bench/http scripts after `cd` to the repository root: checks for wrk, makes a scratch folder ($work)
# that is removed on exit together with every server started into $pids, finds free ports, waits for readiness and
# writes wrk scripts.
command -v wrk >/dev/null || { echo "wrk is missing: bash -c 'source scripts/lib.sh; source scripts/setup/bench.sh'" >&2; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
source bench/http/post-lua.sh
# wait_ready PORT LOG [TRIES, 0.2 s each; default 600]: until the server on PORT is ready; else shows LOG's tail and exits.
wait_ready() {
  for _ in $(seq 1 "${3:-600}"); do curl -fs "http://127.0.0.1:$1/v2/health/ready" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "the server on $1 did not get ready:" >&2; tail -20 "$2" >&2; exit 1
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# The built server itself (not `dotnet run`, whose child outlives a kill of its parent), so cleanup stops it.
liftwing_bin=src/LiftWing.Cli/bin/Release/net10.0/linux-x64/liftwing
