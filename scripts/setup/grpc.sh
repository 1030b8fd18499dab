# gRPC tests (sourced by test.sh): two independent Open Inference Protocol clients call LiftWing's gRPC port.
#  - Debian's python3-grpcio, with stubs generated from ../shared/data/kserve/grpc_predict_v2.proto by grpc_tools
#    at test time (tests/LiftWing.FunctionalTests/Grpc/kserve_grpc_client.py);
#  - @grpc/grpc-js with @grpc/proto-loader from npm, pinned, installed into the LiftWing cache, where
#    tests/LiftWing.FunctionalTests/Grpc/GrpcNodeClient.cs looks for them.
ensure_apt python3-grpcio python3-grpc-tools python3-protobuf
command -v npm >/dev/null 2>&1 || ensure_apt nodejs npm
GRPC_JS_VERSION=1.14.7
GRPC_PROTO_LOADER_VERSION=0.8.1
GRPC_NODE_DIR="${LIFTWING_GRPC_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/liftwing/node-grpc-js-$GRPC_JS_VERSION}"
if [ ! -f "$GRPC_NODE_DIR/node_modules/@grpc/grpc-js/package.json" ] || [ ! -f "$GRPC_NODE_DIR/node_modules/@grpc/proto-loader/package.json" ]; then
  echo "setup: npm install @grpc/grpc-js@$GRPC_JS_VERSION @grpc/proto-loader@$GRPC_PROTO_LOADER_VERSION"
  mkdir -p "$GRPC_NODE_DIR"
  npm install --prefix "$GRPC_NODE_DIR" --no-audit --no-fund --ignore-scripts --silent \
    "@grpc/grpc-js@$GRPC_JS_VERSION" "@grpc/proto-loader@$GRPC_PROTO_LOADER_VERSION"
fi
test -f "$GRPC_NODE_DIR/node_modules/@grpc/grpc-js/package.json" || { echo "setup: @grpc/grpc-js missing in $GRPC_NODE_DIR" >&2; return 1; }
/usr/bin/python3 -c 'import grpc, grpc_tools.protoc' || { echo "setup: python3-grpcio / python3-grpc-tools do not import" >&2; return 1; }
