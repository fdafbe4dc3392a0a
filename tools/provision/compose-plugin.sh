#!/usr/bin/env bash
# Provides `docker compose` (Compose v2, the Docker CLI plugin) on Debian bookworm, whose archive
# has only the old Python docker-compose 1.29. Debian trixie's `docker-compose` package is Compose
# v2, a static Go binary that needs nothing but libc6 >= 2.34 (bookworm has 2.36), so the plugin is
# taken from that package without adding trixie to the apt sources (which would invite a partial
# upgrade):
#   1. fetch trixie's InRelease and check its signature with gpgv against the Debian archive
#      keyring the host already trusts for its own apt;
#   2. fetch main/binary-amd64/Packages.xz and check its SHA256 against the signed InRelease;
#   3. fetch the .deb the index names and check its SHA256 against the index;
#   4. extract usr/libexec/docker/cli-plugins/docker-compose into /usr/local/lib/docker/cli-plugins
#      (a directory the Docker CLI searches and no Debian package owns).
# Idempotent: a working `docker compose` (any v2) is left alone, in about a second.
#
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), COMPOSE_SUITE (default trixie),
# FORCE_REINSTALL=1 to replace an existing plugin. Uses sudo when not root.
set -euo pipefail

MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE="${COMPOSE_SUITE:-trixie}"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
PLUGIN_DIR=/usr/local/lib/docker/cli-plugins
ARCH="$(dpkg --print-architecture)"

log() { printf '[compose-plugin] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ -z "${FORCE_REINSTALL:-}" ] && version="$(docker compose version --short 2>/dev/null)" && [ "${version%%.*}" != "1" ] && [ -n "$version" ]; then
  log "docker compose $version already available"
  exit 0
fi

for tool in curl gpgv xz dpkg-deb sha256sum; do
  command -v "$tool" >/dev/null || { log "$tool is required"; exit 1; }
done
[ -f "$KEYRING" ] || { log "$KEYRING is missing (apt-get install debian-archive-keyring)"; exit 1; }

work="$(mktemp -d /tmp/patchbay-compose.XXXXXX)"
trap 'rm -rf "$work"' EXIT

log "verifying $SUITE's InRelease from $MIRROR"
curl -fsS --retry 3 -o "$work/InRelease" "$MIRROR/dists/$SUITE/InRelease"
# gpgv exits non-zero unless a good signature by a key in the keyring covers the file.
gpgv --keyring "$KEYRING" --output "$work/Release" "$work/InRelease" 2>"$work/gpgv.log" || {
  cat "$work/gpgv.log" >&2
  log "InRelease signature check failed"
  exit 1
}

index="main/binary-${ARCH}/Packages.xz"
# The SHA256 section of Release lists " <hash> <size> <path>"; the first match of the path after
# the SHA256: header is the one wanted (MD5Sum comes first in the file).
index_sha="$(awk -v path="$index" '/^SHA256:/{s=1;next} /^[^ ]/{s=0} s && $3==path {print $1; exit}' "$work/Release")"
[ -n "$index_sha" ] || { log "$index is not listed in $SUITE's Release"; exit 1; }
curl -fsS --retry 3 -o "$work/Packages.xz" "$MIRROR/dists/$SUITE/$index"
echo "$index_sha  $work/Packages.xz" | sha256sum -c --quiet - || { log "$index: SHA256 mismatch"; exit 1; }

# Filename and SHA256 of the docker-compose stanza.
read -r filename deb_sha version < <(xz -dc "$work/Packages.xz" | awk '
  /^Package: /{p=($2=="docker-compose")} p&&/^Filename: /{f=$2} p&&/^SHA256: /{h=$2} p&&/^Version: /{v=$2}
  p&&/^$/{print f, h, v; exit}')
[ -n "${filename:-}" ] && [ -n "${deb_sha:-}" ] || { log "no docker-compose package in $SUITE"; exit 1; }
log "downloading docker-compose $version ($filename)"
curl -fsS --retry 3 -o "$work/docker-compose.deb" "$MIRROR/$filename"
echo "$deb_sha  $work/docker-compose.deb" | sha256sum -c --quiet - || { log "$filename: SHA256 mismatch"; exit 1; }

dpkg-deb -x "$work/docker-compose.deb" "$work/root"
binary="$work/root/usr/libexec/docker/cli-plugins/docker-compose"
[ -x "$binary" ] || { log "the package has no cli-plugins/docker-compose"; exit 1; }
as_root install -D -m 0755 "$binary" "$PLUGIN_DIR/docker-compose"
log "installed $PLUGIN_DIR/docker-compose: $(docker compose version)"
