#!/usr/bin/env bash
# Builds the sandbox images without pulling from any image registry:
#   1. debootstrap a minimal Debian bookworm rootfs from the Debian mirror and `docker import` it;
#   2. layer docker/images/<name>/Dockerfile on top (base first, then the language images).
# Every image carries the label org.patchbay.inputs-hash: a hash of everything that went into it
# (its Dockerfile, its parent's hash, this script's rootfs parameters). An image whose label
# already matches is skipped, so a second run takes seconds.
#
# Environment:
#   SANDBOX_IMAGES   language images to build after base (default "node python go")
#   DEBIAN_MIRROR    mirror for debootstrap (default http://deb.debian.org/debian)
#   FORCE_REBUILD=1  ignore the cache
#   SANDBOX_EXTRA_CA_FILE  PEM bundle of extra CAs the images should trust (default: the host's
#                    NODE_EXTRA_CA_CERTS or SSL_CERT_FILE when set), so package managers inside the
#                    sandbox work behind a TLS-inspecting gateway the host already trusts
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUITE=bookworm
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
IMAGES="${SANDBOX_IMAGES:-node python go}"
PREFIX=patchbay/sandbox
LABEL=org.patchbay.inputs-hash
ROOTFS_IMAGE="${PREFIX}-rootfs:${SUITE}"
# The legacy builder resolves FROM against local images only, which is what an offline host needs.
export DOCKER_BUILDKIT=0

log() { printf '[build-images] %s\n' "$*"; }

sha() { sha256sum | cut -c1-16; }

current_hash() {
  docker image inspect --format "{{ index .Config.Labels \"${LABEL}\" }}" "$1" 2>/dev/null || true
}

build_rootfs() {
  local hash
  hash="$(printf 'rootfs v1 %s %s minbase' "$SUITE" "$MIRROR" | sha)"
  if [ "$(current_hash "$ROOTFS_IMAGE")" = "$hash" ] && [ -z "${FORCE_REBUILD:-}" ]; then
    log "$ROOTFS_IMAGE up to date ($hash)"
    ROOTFS_HASH="$hash"
    return
  fi
  command -v debootstrap >/dev/null || { log "debootstrap is not installed"; exit 1; }
  local dir
  dir="$(mktemp -d /var/tmp/patchbay-rootfs.XXXXXX)"
  trap 'rm -rf "$dir"' RETURN
  log "debootstrapping $SUITE from $MIRROR (a few minutes on first run)"
  debootstrap --variant=minbase "$SUITE" "$dir" "$MIRROR" >/tmp/patchbay-debootstrap.log 2>&1 || {
    tail -n 40 /tmp/patchbay-debootstrap.log >&2
    exit 1
  }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | docker import \
    --change "LABEL ${LABEL}=${hash}" \
    --change 'CMD ["/bin/bash"]' \
    - "$ROOTFS_IMAGE" >/dev/null
  log "imported $ROOTFS_IMAGE ($hash)"
  ROOTFS_HASH="$hash"
}

# build_layer NAME PARENT_IMAGE PARENT_HASH BUILD_ARG_NAME
build_layer() {
  local name="$1" parent="$2" parent_hash="$3" arg="$4"
  local image="${PREFIX}-${name}:latest"
  local dockerfile="$HERE/images/${name}/Dockerfile"
  [ -f "$dockerfile" ] || { log "no Dockerfile for image '$name'"; exit 1; }
  local hash
  hash="$( { printf '%s\n' "$parent_hash"; cat "$dockerfile"; find "$HERE/images/${name}" -type f ! -name Dockerfile -print0 | sort -z | xargs -0 -r cat; } | sha)"
  LAST_HASH="$hash"
  if [ "$(current_hash "$image")" = "$hash" ] && [ -z "${FORCE_REBUILD:-}" ]; then
    log "$image up to date ($hash)"
    return
  fi
  log "building $image"
  docker build --quiet \
    --build-arg "${arg}=${parent}" \
    --label "${LABEL}=${hash}" \
    -t "$image" -f "$dockerfile" "$HERE/images/${name}" >/dev/null
  log "built $image ($hash)"
}

prepare_extra_ca() {
  local source="${SANDBOX_EXTRA_CA_FILE:-${NODE_EXTRA_CA_CERTS:-${SSL_CERT_FILE:-}}}"
  local target="$HERE/images/base/extra-ca.crt"
  if [ -n "$source" ] && [ -s "$source" ]; then
    cp "$source" "$target.tmp" && mv "$target.tmp" "$target"
  else
    : >"$target"
  fi
}

build_rootfs
prepare_extra_ca
build_layer base "$ROOTFS_IMAGE" "$ROOTFS_HASH" ROOTFS_IMAGE
BASE_HASH="$LAST_HASH"
for name in $IMAGES; do
  build_layer "$name" "${PREFIX}-base:latest" "$BASE_HASH" BASE_IMAGE
done
log "images ready: $(docker images --format '{{.Repository}}:{{.Tag}}' "${PREFIX}-*" | tr '\n' ' ')"
