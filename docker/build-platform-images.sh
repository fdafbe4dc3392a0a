#!/usr/bin/env bash
# Builds the images docker-compose.yml runs, without pulling from any image registry (ADR 0037):
#   patchbay/node:20       the debootstrap rootfs + this host's `node` binary (Node 20.19+)
#   patchbay/postgres:15   postgresql-15 from Debian bookworm, official-image compatible entrypoint
#   patchbay/rabbitmq:3    rabbitmq-server from Debian bookworm with the management plugin
#   patchbay/platform:local  docker/patchbay.Dockerfile on patchbay/node:20 with APP_BUILD=prebuilt:
#                          the services are compiled and their production node_modules pruned here,
#                          on the host, so nothing inside the build talks to the npm registry.
# The base is patchbay/sandbox-rootfs:bookworm from docker/build-images.sh (built first if missing).
# Debian's packages come from the Debian mirror, the one network source these builds use.
#
# Every image carries org.patchbay.inputs-hash, a hash of what went into it (Dockerfile, files,
# parent's hash; for the platform image the sources, lockfile and node binary). An image whose label
# matches is skipped, so a second run takes seconds.
#
# Environment:
#   PLATFORM_IMAGES   which to build (default "node postgres rabbitmq platform")
#   PATCHBAY_VERSION  tag of the platform image (default "local", what docker-compose.yml uses)
#   NODE_BINARY       the node copied into patchbay/node:20 (default: `command -v node`)
#   FORCE_REBUILD=1   ignore the cache
#   SANDBOX_EXTRA_CA_FILE  extra CAs to trust, as for docker/build-images.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
IMAGES="${PLATFORM_IMAGES:-node postgres rabbitmq platform}"
ROOTFS_IMAGE=patchbay/sandbox-rootfs:bookworm
NODE_IMAGE=patchbay/node:20
PLATFORM_IMAGE="patchbay/platform:${PATCHBAY_VERSION:-local}"
LABEL=org.patchbay.inputs-hash
# The legacy builder resolves FROM against local images only, which is what an offline host needs;
# BuildKit would fetch its Dockerfile frontend from Docker Hub.
export DOCKER_BUILDKIT=0

log() { printf '[build-platform-images] %s\n' "$*"; }
sha() { sha256sum | cut -c1-16; }
current_hash() { docker image inspect --format "{{ index .Config.Labels \"${LABEL}\" }}" "$1" 2>/dev/null || true; }
up_to_date() { [ -z "${FORCE_REBUILD:-}" ] && [ "$(current_hash "$1")" = "$2" ]; }
seconds_since() { echo $(($(date +%s) - $1)); }

STAGING="$(mktemp -d /var/tmp/patchbay-platform-images.XXXXXX)"
trap 'rm -rf "$STAGING"' EXIT

if [ -z "$(current_hash "$ROOTFS_IMAGE")" ]; then
  log "$ROOTFS_IMAGE is missing: building it with docker/build-images.sh"
  SANDBOX_IMAGES="${SANDBOX_IMAGES-}" bash "$HERE/build-images.sh"
fi
ROOTFS_HASH="$(current_hash "$ROOTFS_IMAGE")"

extra_ca() {
  local source="${SANDBOX_EXTRA_CA_FILE:-${NODE_EXTRA_CA_CERTS:-${SSL_CERT_FILE:-}}}"
  if [ -n "$source" ] && [ -s "$source" ]; then cat "$source"; fi
}

# build_debian_image NAME TAG: docker/platform/NAME on the rootfs. Files beside the Dockerfile are
# the build context; extra files the caller put in $STAGING/NAME-extra/ are added to it.
build_debian_image() {
  local name="$1" image="$2" context="$STAGING/$1"
  mkdir -p "$context"
  cp -a "$HERE/platform/$name/." "$context/"
  if [ -d "$STAGING/$name-extra" ]; then cp -a "$STAGING/$name-extra/." "$context/"; fi
  local hash
  hash="$( { printf '%s\n' "$ROOTFS_HASH"; find "$context" -type f -print0 | sort -z | xargs -0 sha256sum | sed "s#$context/##"; } | sha)"
  if up_to_date "$image" "$hash"; then
    log "$image up to date ($hash)"
    return
  fi
  local started
  started="$(date +%s)"
  log "building $image"
  docker build --quiet --build-arg "ROOTFS_IMAGE=$ROOTFS_IMAGE" --label "${LABEL}=${hash}" \
    -t "$image" "$context" >/dev/null
  log "built $image ($hash) in $(seconds_since "$started") s"
}

build_node() {
  local node="${NODE_BINARY:-$(command -v node)}"
  [ -x "$node" ] || { log "no node binary (set NODE_BINARY)"; exit 1; }
  mkdir -p "$STAGING/node-extra"
  cp "$(readlink -f "$node")" "$STAGING/node-extra/node"
  extra_ca >"$STAGING/node-extra/extra-ca.crt"
  build_debian_image node "$NODE_IMAGE"
  # A binary linked against a newer glibc or a shared libnode (e.g. a distribution's own build)
  # fails here rather than in every service.
  docker run --rm "$NODE_IMAGE" node -e 'console.log(`node ${process.version} runs in the image`)' |
    sed 's/^/[build-platform-images] /'
}

# The platform image's inputs: every file the build reads from the repository (what .dockerignore
# lets through that tsc and vite use), the Dockerfile and the Node base.
platform_hash() {
  {
    printf 'platform v1 %s\n' "$(current_hash "$NODE_IMAGE")"
    cd "$ROOT"
    git ls-files -z -co --exclude-standard -- apps libs migrations tools/runtime package.json package-lock.json \
      'tsconfig*.json' docker/patchbay.Dockerfile |
      sort -z | xargs -0 -r sha256sum 2>/dev/null || true
  } | sha
}

build_platform() {
  local hash
  hash="$(platform_hash)"
  if up_to_date "$PLATFORM_IMAGE" "$hash"; then
    log "$PLATFORM_IMAGE up to date ($hash)"
    return
  fi
  local context="$STAGING/platform" started step
  started="$(date +%s)"
  mkdir -p "$context/tools/runtime"
  cd "$ROOT"
  # The host's node_modules must match the lockfile: what is pruned below is what gets shipped.
  node tools/provision/dependencies-in-step.js || {
    log "node_modules is not in step with package-lock.json: run npm ci (or npm run setup) first"
    exit 1
  }
  log "compiling the services (tsc) into the build context"
  step="$(date +%s)"
  npx tsc -p tsconfig.build.json --outDir "$context/dist/out-tsc"
  log "  tsc: $(seconds_since "$step") s; building the dashboard (vite)"
  step="$(date +%s)"
  npx vite build --config apps/web/vite.config.ts --logLevel warn --outDir "$context/dist/apps/web" --emptyOutDir
  log "  vite: $(seconds_since "$step") s; production node_modules (copy, npm prune --omit=dev --offline)"
  step="$(date +%s)"
  cp package.json package-lock.json tsconfig.base.json "$context/"
  cp tools/runtime/register-aliases.js "$context/tools/runtime/"
  # A real copy, not hard links: npm prune rewrites node_modules/.package-lock.json in place.
  cp -a "$(readlink -f node_modules)/." "$context/node_modules/"
  (cd "$context" && npm prune --omit=dev --ignore-scripts --offline --no-audit --no-fund --loglevel=error >/dev/null)
  log "  node_modules: $(seconds_since "$step") s ($(du -sh "$context/node_modules" | cut -f1)); docker build"
  step="$(date +%s)"
  docker build --quiet \
    --build-arg "NODE_IMAGE=$NODE_IMAGE" \
    --build-arg APP_BUILD=prebuilt \
    --label "${LABEL}=${hash}" \
    -t "$PLATFORM_IMAGE" -f "$ROOT/docker/patchbay.Dockerfile" "$context" >/dev/null
  log "  docker build: $(seconds_since "$step") s"
  # The build stage stays behind as an untagged image of the size of node_modules; only dangling
  # images with the Dockerfile's stage label go, nobody else's.
  docker image prune --force --filter label=org.patchbay.stage=platform-build >/dev/null
  log "built $PLATFORM_IMAGE ($hash) in $(seconds_since "$started") s"
}

for name in $IMAGES; do
  case "$name" in
    node) build_node ;;
    postgres) build_debian_image postgres patchbay/postgres:15 ;;
    rabbitmq) build_debian_image rabbitmq patchbay/rabbitmq:3 ;;
    platform)
      [ -n "$(current_hash "$NODE_IMAGE")" ] || build_node
      build_platform
      ;;
    *) log "unknown image '$name' (node, postgres, rabbitmq, platform)"; exit 1 ;;
  esac
done
log "images ready: $(for i in $NODE_IMAGE patchbay/postgres:15 patchbay/rabbitmq:3 "$PLATFORM_IMAGE"; do docker image inspect "$i" >/dev/null 2>&1 && printf '%s ' "$i"; done)"
