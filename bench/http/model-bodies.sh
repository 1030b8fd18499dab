#!/usr/bin/env bash
# Writes the request bodies the model benchmarks send, and a wrk script for each, into WORK: minilm (one sentence),
# articlequality (the 100 kB Parsoid page as html) and logo (one image), as NAME.json and NAME.lua.
# Usage: bench/http/model-bodies.sh WORK SHARED   (SHARED: the shared data folder's parent, ../shared)
set -euo pipefail
work=$1 shared=$2
python3 - "$work" "$shared" <<'PY'
import base64, json, sys
work, shared = sys.argv[1], sys.argv[2]
def put(name, obj):
    open(f"{work}/{name}.json", "w", encoding="utf-8").write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
put("minilm", {"instances": ["The quick brown fox jumps over the lazy dog."]})
html = open(f"{shared}/data/liftwing/parsoid/enwiki_70793851_rev1321555271.html", encoding="utf-8").read()
put("articlequality", {"lang": "en", "html": html})
png = open(f"{shared}/data/liftwing/logo/Cambia_logo.png", "rb").read()
put("logo", {"instances": [{"filename": "Cambia_logo.png", "image": base64.b64encode(png).decode(), "target": "logo"}]})
PY
source bench/http/post-lua.sh
for b in minilm articlequality logo; do post_lua "$work/$b.json"; done
