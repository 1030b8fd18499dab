#!/usr/bin/env bash
# langid: Debian's fastText CLI, the oracle of the C# fastText runtime's tests and the native side of its benchmark.
# The model itself (lid.176.ftz) is pulled from npm by the artifact store (needs the npm client).
set -euo pipefail
if ! command -v fasttext >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q fasttext >/dev/null
fi
command -v fasttext >/dev/null || { echo "langid setup: fasttext is still missing" >&2; exit 1; }
command -v npm >/dev/null || { echo "langid setup: npm is required to pull lid.176.ftz (apt-get install npm)" >&2; exit 1; }
