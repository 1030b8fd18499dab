#!/usr/bin/env bash
# Installs what the tests need, pulls model artifacts, builds, and runs every test.
# Usage: ./test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~LangId]
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== setup"
# Each setup script runs in its own shell (an `exit` in one must not end this script), with scripts/lib.sh loaded.
export LIFTWING_APT_MARKER="$(mktemp -u /tmp/liftwing-apt-updated.XXXXXX)"
for s in scripts/setup/*.sh; do
  [ -e "$s" ] || continue
  echo "setup: $s"
  bash -euo pipefail -c 'source scripts/lib.sh; source "$1"' setup "$s"
done
rm -f "$LIFTWING_APT_MARKER"

echo "== build"
dotnet build LiftWing.sln -c Release -v q -nologo -clp:ErrorsOnly

echo "== pull model artifacts"
dotnet run --project src/LiftWing.Cli -c Release --no-build -- models pull

echo "== test"
log=$(mktemp)
set +e
# -v q alone hides why a test failed; the console logger at minimal prints each failure's message and stack.
dotnet test LiftWing.sln -c Release --no-build -v q -nologo --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
if grep -qE '^  Failed ' "$log"; then
  # Repeated at the end, where a truncated CI log still shows it: each failure's name and message (stack left out).
  echo "== failures"
  awk '/^  Failed /{on=1} /^  Stack Trace:/{on=0} on' "$log" | head -c 20000 || true
fi
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
