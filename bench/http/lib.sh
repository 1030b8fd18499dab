# Sourced by the bench/http scripts after `cd` to the repository root: checks for wrk, makes a scratch folder ($work)
# that is removed on exit together with every server started into $pids, and finds free ports.
command -v wrk >/dev/null || { echo "wrk is missing: bash -c 'source scripts/lib.sh; source scripts/setup/bench.sh'" >&2; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# The built server itself (not `dotnet run`, whose child outlives a kill of its parent), so cleanup stops it.
liftwing_bin=src/LiftWing.Cli/bin/Release/net10.0/linux-x64/liftwing
