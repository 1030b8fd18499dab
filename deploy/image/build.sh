#!/usr/bin/env bash
# Builds LiftWing's OCI image from Debian packages, with no container daemon:
#   1. dotnet publish: the self-contained linux-x64 app (the `liftwing` entry point), ReadyToRun-compiled so a pod
#      starts without JIT-compiling LiftWing and its libraries (ready in 2.1–2.4 s instead of 2.8–3.0 s with every model);
#   2. mmdebstrap --variant=extract: a root filesystem holding only the runtime libraries the app loads;
#   3. umoci: an OCI image layout with two layers (Debian libraries, app + model definitions), run as non-root.
# Model weights stay out: `serve` pulls them at start into LIFTWING_ARTIFACTS (an emptyDir or PVC), or KServe's
# storage initializer puts them in /mnt/models. WITH_ARTIFACTS=1 adds a third layer with the pulled artifacts.
#
# Usage: deploy/image/build.sh [OUT_DIR]   (default .artifacts/image; needs root for mmdebstrap's extract and umoci)
# Env:   SUITE (bookworm), MIRROR (Debian's default mirror), TRIM (1: trimmed publish), R2R (0: no ReadyToRun; 30 MiB
#        smaller, slower start), TAG (latest), WITH_ARTIFACTS (0),
#        PUBLISHED (a folder already published with the command below: skips the publish)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$(realpath -m "${1:-$repo/.artifacts/image}")
suite=${SUITE:-bookworm}
tag=${TAG:-latest}
uid=65532

# Runtime libraries, each needed by something the app loads (checked with `ldd` on every native library it ships):
# libc6/libgcc-s1/libstdc++6 for the .NET host, ONNX Runtime, Skia and the ML.NET natives; libssl3 for HTTPS
# (artifact pulls, MediaWiki, EventStreams); ca-certificates for the trust store. ICU is not needed
# (InvariantGlobalization) and .NET brings its own zlib.
packages=libc6,libgcc-s1,libstdc++6,libssl3,ca-certificates

for tool in mmdebstrap umoci dotnet; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing (apt-get install mmdebstrap umoci; the .NET SDK for dotnet)" >&2; exit 2; }
done

rm -rf "$out"
mkdir -p "$out/app"
start=$(date +%s)

echo "== publish"
if [ -n "${PUBLISHED:-}" ]; then
  cp -a "$PUBLISHED/." "$out/app/" # an app published earlier with the same command
else
trim=false
[ "${TRIM:-0}" = 1 ] && trim=true
r2r=true
[ "${R2R:-1}" = 0 ] && r2r=false
# Its own artifacts path, so the self-contained build does not overwrite the framework-dependent one in bin/ and obj/.
dotnet publish "$repo/src/LiftWing.Cli" -c Release -r linux-x64 --self-contained -p:PublishTrimmed=$trim -p:PublishReadyToRun=$r2r \
  -p:DebugType=none -p:GenerateDocumentationFile=false --artifacts-path "$out/build" -o "$out/app" -v q -nologo -clp:ErrorsOnly
fi

echo "== root filesystem ($suite: $packages)"
base="$out/base"
mmdebstrap --variant=extract --include="$packages" --skip=cleanup/apt,cleanup/reproducible \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/lintian/*' \
  "$suite" "$base" ${MIRROR:+"$MIRROR"}
# extract runs no maintainer scripts: make what they would have made, and no more.
rm -rf "$base/var/lib/apt" "$base/var/cache/apt" "$base/var/lib/dpkg" "$base/usr/share/doc" "$base/usr/share/man" "$base/etc/apt"
rm -rf "$base/usr/share/locale" "$base/usr/share/lintian" "$base/usr/share/info" "$base/usr/share/ca-certificates-"* 2>/dev/null || true
# The CA bundle ca-certificates' postinst builds (update-ca-certificates), from the same certificates.
mkdir -p "$base/etc/ssl/certs"
cat "$base"/usr/share/ca-certificates/mozilla/*.crt > "$base/etc/ssl/certs/ca-certificates.crt"
# The shell, coreutils and friends ca-certificates would pull in are deliberately absent: nothing here runs a shell.
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nliftwing:x:%s:%s:liftwing:/home/liftwing:/usr/sbin/nologin\n' $uid $uid > "$base/etc/passwd"
printf 'root:x:0:\nliftwing:x:%s:\n' $uid > "$base/etc/group"
mkdir -p "$base/tmp" "$base/home/liftwing" "$base/var/cache/liftwing" "$base/mnt/models" "$base/proc" "$base/dev" "$base/sys"
chmod 1777 "$base/tmp"
chown $uid:$uid "$base/home/liftwing" "$base/var/cache/liftwing"

# The app layer: the published app and the model definitions (model.yaml and small file: artifacts, no weights).
app="$out/applayer"
mkdir -p "$app/opt/liftwing"
cp -a "$out/app/." "$app/opt/liftwing/"
mkdir -p "$app/opt/liftwing/models"
for m in "$repo"/models/*/; do
  name=$(basename "$m")
  [ "$name" = example-linear ] && continue # the project's own test model
  cp -a "$m" "$app/opt/liftwing/models/$name"
done

echo "== OCI image"
layout="$out/oci"
umoci init --layout "$layout"
umoci new --image "$layout:$tag"
umoci insert --image "$layout:$tag" --history.comment "Debian $suite runtime libraries ($packages)" "$base" /
umoci insert --image "$layout:$tag" --history.comment "LiftWing (self-contained linux-x64) and model definitions" "$app" /
if [ "${WITH_ARTIFACTS:-0}" = 1 ]; then
  arts="$out/artifactlayer/var/cache/liftwing/artifacts"
  mkdir -p "$arts"
  LIFTWING_ARTIFACTS="$arts" "$out/app/liftwing" models pull --models-dir "$app/opt/liftwing/models"
  chown -R $uid:$uid "$out/artifactlayer/var/cache/liftwing"
  umoci insert --image "$layout:$tag" --history.comment "Pulled model artifacts" "$out/artifactlayer" /
fi
umoci config --image "$layout:$tag" \
  --config.user "$uid:$uid" \
  --config.workingdir /opt/liftwing \
  --config.entrypoint /opt/liftwing/liftwing \
  --config.cmd serve --config.cmd --host=0.0.0.0 --config.cmd --port=8080 --config.cmd --models-dir=/opt/liftwing/models \
  --config.env LIFTWING_ARTIFACTS=/var/cache/liftwing/artifacts \
  --config.env HOME=/home/liftwing \
  --config.env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
  --config.env DOTNET_gcServer=0 \
  --config.exposedports 8080/tcp \
  --config.label org.opencontainers.image.title=liftwing
umoci gc --layout "$layout"

# Size: the compressed layers (what a registry stores and a node pulls) and the unpacked root filesystem.
compressed=$(find "$layout/blobs" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
unpacked=$(du -sb "$base" "$app" | awk '{s+=$1} END {print s}')
echo "image: $layout:$tag"
echo "size: $((compressed / 1024 / 1024)) MiB compressed, $((unpacked / 1024 / 1024)) MiB unpacked (base $(du -sm "$base" | cut -f1) MiB, app $(du -sm "$app" | cut -f1) MiB)"
echo "built in $(( $(date +%s) - start )) s"
