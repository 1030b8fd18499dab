# Hugging Face server tests: the official `openai` npm client calls /openai/v1/embeddings (sourced by test.sh).
# Installs Node.js and npm from Debian if missing, then the pinned client into the LiftWing cache, where
# tests/LiftWing.FunctionalTests/HuggingFace/OpenAINodeClient.cs looks for it.
# A Node.js from elsewhere (e.g. nodesource) brings its own npm; Debian's npm package would conflict with it.
command -v npm >/dev/null 2>&1 || ensure_apt nodejs npm
HF_OPENAI_VERSION=5.23.2
HF_NODE_DIR="${LIFTWING_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/liftwing/node-openai-$HF_OPENAI_VERSION}"
if [ ! -f "$HF_NODE_DIR/node_modules/openai/package.json" ]; then
  echo "setup: npm install openai@$HF_OPENAI_VERSION"
  mkdir -p "$HF_NODE_DIR"
  npm install --prefix "$HF_NODE_DIR" --no-audit --no-fund --ignore-scripts --silent "openai@$HF_OPENAI_VERSION"
fi
test -f "$HF_NODE_DIR/node_modules/openai/package.json" || { echo "setup: openai npm client missing in $HF_NODE_DIR" >&2; return 1; }
