#!/usr/bin/env bash
# Starts the image's entry point in its own root filesystem and waits for GET /v2/health/ready on 127.0.0.1.
# No container daemon: `umoci unpack` gives the root filesystem, then `unshare` (new mount and PID namespaces,
# the host's network so the test reaches loopback) + `chroot` as the image's non-root user. Prints start-to-ready.
#
# Usage: deploy/image/start-test.sh [OCI_LAYOUT] [TAG]   (default .artifacts/image/oci latest; needs root)
# Env:   PORT (18080), ONLY (comma-separated models; default all), ARTIFACTS (a warm artifact cache to mount
#        read-only; default none: serve pulls the artifacts as a fresh pod would), TIMEOUT (300 s)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
layout=$(realpath "${1:-$repo/.artifacts/image/oci}")
tag=${2:-latest}
port=${PORT:-18080}
timeout=${TIMEOUT:-300}

work=$(mktemp -d /tmp/liftwing-image-test.XXXXXX)
pid=
cleanup() {
  if [ -n "$pid" ]; then
    # The server is unshare's child (PID 1 of the new PID namespace): SIGTERM it, as a pod stop would.
    child=$(pgrep -P "$pid" || true)
    [ -n "$child" ] && kill -TERM "$child" 2>/dev/null
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

umoci unpack --image "$layout:$tag" "$work/bundle" >/dev/null
rootfs="$work/bundle/rootfs"
user=$(grep -o '"uid": *[0-9]*' "$work/bundle/config.json" | head -1 | tr -dc 0-9)
[ "$user" != 0 ] || { echo "start-test: the image runs as root" >&2; exit 1; }

args=(serve --host=127.0.0.1 --port="$port" --models-dir=/opt/liftwing/models)
[ -n "${ONLY:-}" ] && args+=(--only="$ONLY")
mounts='mount --rbind /dev "$0/dev"; mount -t proc proc "$0/proc"; mount -t tmpfs -o mode=1777 tmpfs "$0/tmp"; mount -t tmpfs -o uid='"$user"' tmpfs "$0/var/cache/liftwing"'
if [ -n "${ARTIFACTS:-}" ]; then
  mkdir -p "$rootfs/var/cache/liftwing/artifacts"
  mounts+='; mkdir -p "$0/var/cache/liftwing/artifacts"; mount --bind -o ro "'"$ARTIFACTS"'" "$0/var/cache/liftwing/artifacts"'
fi

start=$(date +%s%N)
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LIFTWING_ARTIFACTS=/var/cache/liftwing/artifacts HOME=/home/liftwing \
  SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt DOTNET_gcServer=0 \
  unshare --mount --pid --fork --kill-child sh -c "$mounts"'; exec chroot --userspec='"$user:$user"' "$0" /opt/liftwing/liftwing "$@"' \
  "$rootfs" "${args[@]}" > "$work/log" 2>&1 &
pid=$!

deadline=$(( $(date +%s) + timeout ))
until [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/health/ready" 2>/dev/null)" = 200 ]; do
  if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
    echo "start-test: not ready; log:" >&2
    cat "$work/log" >&2
    exit 1
  fi
  sleep 0.05
done
ready=$(( ($(date +%s%N) - start) / 1000000 ))
echo "start-test: ready in $ready ms (image $layout:$tag, user $user)"
curl -s -m 5 "http://127.0.0.1:$port/v1/models"; echo
echo "start-test: resident memory $(awk '$1=="VmRSS:" {print int($2/1024)}' "/proc/$(pgrep -P "$pid")/status") MiB once ready"
