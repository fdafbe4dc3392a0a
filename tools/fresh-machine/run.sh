#!/usr/bin/env bash
# The fresh-machine acceptance run (issue 15): on a Debian bookworm root that has never seen
# Docker, `npm run setup && npm start` must bring the demo task to a pull request, and with the
# engine stopped `npm run doctor` must name what is missing and the demo must fail saying so.
#
# Not a Docker container (this host refuses privileged containers, so a dockerd cannot nest in
# one): a debootstrapped minbase root with only git added, plus a copy of this host's Node.js
# (the README's prerequisites), entered with its own network, mount, pid, cgroup, uts and ipc
# namespaces and pivot_root'ed into, so nothing inside can see or signal the host's processes
# (the host's dockerd included) or its files. A veth pair with NAT gives it the Debian mirror and
# the npm registry. Inside, tools/fresh-machine/inside.sh clones the repository and runs the
# phases. Everything it sets up is torn down on exit, failure or Ctrl-C included.
#
# Run by hand as root (minutes to tens of minutes; never in CI):
#   sudo bash tools/fresh-machine/run.sh
# Environment:
#   FRESH_REF        commit to test (default HEAD of this checkout; uncommitted changes are not tested)
#   FRESH_WORKDIR    where the root is built (default /var/tmp); needs ~10 GB
#   FRESH_KEEP=1     keep the root after the run (for a look inside; delete it by hand)
#   FRESH_BASE_TARBALL  a .tar.gz of the pristine debootstrapped root: unpacked when it exists,
#                    written after debootstrap when it does not (saves ~2.5 min on a re-run)
#   DEBIAN_MIRROR    default http://deb.debian.org/debian
#   FRESH_EXTRA_CA   PEM bundle the fresh machine's Node should trust (default: NODE_EXTRA_CA_CERTS),
#                    for a network behind a TLS-inspecting gateway, as a real machine there would be set up
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
WORKDIR="${FRESH_WORKDIR:-/var/tmp}"
TAG="pbfresh$$"
NETNS="$TAG"
VETH_HOST="${TAG}h"
VETH_INNER="${TAG}i"
# A /30 of its own for the veth pair; only this run's two ends live in it.
SUBNET_HOST=10.213.77.1
SUBNET_INNER=10.213.77.2
SUBNET=10.213.77.0/30
COMMENT="patchbay-fresh-machine-$$"
ROOT=""
CGROUPS=()
IPTABLES_RULES=()
STARTED=$(date +%s)
TIMINGS=()

log() { printf '[fresh-machine %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { log "FAIL: $*"; exit 1; }
phase_start() { PHASE="$1"; PHASE_T0=$(date +%s); log "==> $1"; }
phase_end() { local s=$(($(date +%s) - PHASE_T0)); TIMINGS+=("$(printf '%-44s %5ss  %s' "$PHASE" "$s" "${1:-ok}")"); log "<== $PHASE: ${1:-ok} in ${s}s"; }

[ "$(id -u)" -eq 0 ] || die "run as root (it creates namespaces, a veth pair and NAT rules)"
for tool in debootstrap unshare pivot_root ip iptables git; do
  command -v "$tool" >/dev/null || die "$tool is needed on the host"
done
[ -e "$REPO/.git" ] || die "$REPO is not a git checkout"

REF="$(git -C "$REPO" rev-parse "${FRESH_REF:-HEAD}")"
if [ -z "${FRESH_REF:-}" ] && [ -n "$(git -C "$REPO" status --porcelain --untracked-files=no)" ]; then
  log "note: $REPO has uncommitted changes; the fresh machine gets commit $REF only"
fi

NODE_BIN="$(readlink -f "$(command -v node)")"
NPM_DIR="$(dirname "$NODE_BIN")/../lib/node_modules/npm"
[ -f "$NPM_DIR/bin/npm-cli.js" ] || die "npm is not beside $NODE_BIN (expected $NPM_DIR)"

cleanup() {
  local status=$?
  set +e
  trap - EXIT INT TERM
  log "==> cleanup"
  # The namespace's PID 1 dies with its unshare (--kill-child), and every process in the pid
  # namespace (the inner dockerd, containerd, sandboxes, PostgreSQL) with it.
  if [ -n "${INNER_PID:-}" ] && kill -0 "$INNER_PID" 2>/dev/null; then
    kill -KILL "$INNER_PID" 2>/dev/null
    wait "$INNER_PID" 2>/dev/null
  fi
  ip netns pids "$NETNS" 2>/dev/null | while read -r pid; do kill -KILL "$pid" 2>/dev/null; done
  ip netns del "$NETNS" 2>/dev/null
  ip link del "$VETH_HOST" 2>/dev/null
  for rule in "${IPTABLES_RULES[@]}"; do
    # shellcheck disable=SC2086
    iptables $rule || log "could not delete iptables rule: $rule"
  done
  for cg in "${CGROUPS[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      [ -d "$cg" ] || break
      find "$cg" -depth -type d -exec rmdir {} \; 2>/dev/null
      [ -d "$cg" ] && sleep 0.5
    done
    [ -d "$cg" ] && log "could not remove cgroup $cg"
  done
  [ -n "$ROOT" ] && rm -f "$ROOT.cgroup-mounts" "$ROOT.debootstrap.log"
  if [ -n "$ROOT" ] && [ -d "$ROOT" ]; then
    # The mounts lived in the run's own mount namespace; a mount still visible here would make
    # rm reach outside the root, so the root is only deleted when none is left.
    if grep -q " $ROOT[/ ]" /proc/self/mounts; then
      log "mounts are still under $ROOT; left in place: $(grep " $ROOT[/ ]" /proc/self/mounts | cut -d' ' -f2 | tr '\n' ' ')"
    elif [ "${FRESH_KEEP:-0}" = "1" ]; then
      log "kept the fresh root at $ROOT (FRESH_KEEP=1)"
    else
      rm -rf --one-file-system "$ROOT"
    fi
  fi
  log "<== cleanup done"
  printf '\nPhase timings (fresh Debian bookworm root, %s):\n' "$(git -C "$REPO" log -1 --format='%h %s' "$REF" | cut -c1-70)"
  printf '  %s\n' "${TIMINGS[@]}"
  printf '  %-44s %5ss\n' "total" "$(($(date +%s) - STARTED))"
  if [ "$status" -eq 0 ]; then printf '\nfresh-machine: PASS\n'; else printf '\nfresh-machine: FAIL (%s)\n' "${PHASE:-?}"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

phase_start "debootstrap a minbase bookworm root (+ git)"
ROOT="$(mktemp -d "$WORKDIR/patchbay-fresh.XXXXXX")"
chmod 755 "$ROOT"
if [ -n "${FRESH_BASE_TARBALL:-}" ] && [ -s "$FRESH_BASE_TARBALL" ]; then
  log "unpacking the pristine root from $FRESH_BASE_TARBALL (FRESH_BASE_TARBALL)"
  tar -C "$ROOT" -xpzf "$FRESH_BASE_TARBALL"
else
  if ! debootstrap --variant=minbase --include=git bookworm "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1; then
    tail -n 30 "$ROOT.debootstrap.log"
    die "debootstrap failed (log above)"
  fi
  rm -f "$ROOT.debootstrap.log"
  rm -rf "$ROOT"/var/cache/apt/archives/*.deb
  if [ -n "${FRESH_BASE_TARBALL:-}" ]; then
    tar -C "$ROOT" -cpzf "$FRESH_BASE_TARBALL" --one-file-system .
    log "saved the pristine root as $FRESH_BASE_TARBALL for the next run"
  fi
fi
phase_end

phase_start "prepare the root: Node $("$NODE_BIN" --version), network, repository"
# What a freshly installed Debian has: the release, its updates and its security archive.
cat >"$ROOT/etc/apt/sources.list" <<SOURCES
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb ${MIRROR%/debian}/debian-security bookworm-security main
SOURCES
rm -rf "$ROOT"/var/cache/apt/archives/*.deb
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
echo fresh-debian >"$ROOT/etc/hostname"
# Node.js in the official layout (bin/node, lib/node_modules/npm), the README's other prerequisite.
install -m 755 "$NODE_BIN" "$ROOT/usr/local/bin/node"
mkdir -p "$ROOT/usr/local/lib/node_modules"
cp -a "$NPM_DIR" "$ROOT/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$ROOT/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$ROOT/usr/local/bin/npx"
EXTRA_CA="${FRESH_EXTRA_CA:-${NODE_EXTRA_CA_CERTS:-}}"
INNER_CA=""
if [ -n "$EXTRA_CA" ] && [ -s "$EXTRA_CA" ]; then
  mkdir -p "$ROOT/usr/local/share/ca-certificates"
  cp "$EXTRA_CA" "$ROOT/usr/local/share/ca-certificates/fresh-machine-extra.crt"
  INNER_CA=/usr/local/share/ca-certificates/fresh-machine-extra.crt
fi
# The repository as a local bare clone of the commit under test; inside, `git clone` takes it from there.
git clone -q --bare --no-local "$REPO" "$ROOT/srv/patchbay.git"
git -C "$ROOT/srv/patchbay.git" update-ref refs/heads/fresh-machine-under-test "$REF"
git -C "$ROOT/srv/patchbay.git" symbolic-ref HEAD refs/heads/fresh-machine-under-test
mkdir -p "$ROOT/root/fresh-machine"
cp "$HERE/inside.sh" "$HERE/drive-demo.js" "$ROOT/root/fresh-machine/"

# Network: a namespace with one veth end; the host end NATs to the default route's interface.
OUT_IF="$(ip -4 route show default | awk '{for (i=1;i<NF;i++) if ($i=="dev") print $(i+1); exit}')"
[ -n "$OUT_IF" ] || die "no default route on the host"
ip netns add "$NETNS"
ip link add "$VETH_HOST" type veth peer name "$VETH_INNER" netns "$NETNS"
ip addr add "$SUBNET_HOST/30" dev "$VETH_HOST"
ip link set "$VETH_HOST" up
ip -n "$NETNS" addr add "$SUBNET_INNER/30" dev "$VETH_INNER"
ip -n "$NETNS" link set "$VETH_INNER" up
ip -n "$NETNS" link set lo up
ip -n "$NETNS" route add default via "$SUBNET_HOST"
[ "$(cat /proc/sys/net/ipv4/ip_forward)" = 1 ] || die "IPv4 forwarding is off on the host; this run does not change it (sysctl -w net.ipv4.ip_forward=1)"
# add_rule TABLE CHAIN SPEC...: inserts the rule first in CHAIN and remembers how to delete it.
add_rule() {
  local table="$1" chain="$2"
  shift 2
  iptables -t "$table" -I "$chain" 1 "$@" -m comment --comment "$COMMENT"
  IPTABLES_RULES+=("-t $table -D $chain $* -m comment --comment $COMMENT")
}
add_rule nat POSTROUTING -s "$SUBNET" -o "$OUT_IF" -j MASQUERADE
# Docker sets the FORWARD policy to DROP; these two let the namespace's traffic through, nothing else.
add_rule filter FORWARD -i "$VETH_HOST" -o "$OUT_IF" -j ACCEPT
add_rule filter FORWARD -i "$OUT_IF" -o "$VETH_HOST" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT

# cgroups: a child of this shell's cgroup in every hierarchy; with a cgroup namespace on top, the
# inner dockerd sees it as the root and puts its containers below it, apart from the host's.
while IFS=: read -r _ controllers path; do
  case "$controllers" in
    '') dir="/sys/fs/cgroup/unified$path" ;;
    name=systemd) dir="/sys/fs/cgroup/systemd$path" ;;
    *) dir="/sys/fs/cgroup/$controllers$path" ;;
  esac
  [ -d "$dir" ] || continue
  mkdir -p "$dir/$TAG"
  CGROUPS+=("$dir/$TAG")
  if [ -f "$dir/cpuset.cpus" ]; then
    cat "$dir/cpuset.cpus" >"$dir/$TAG/cpuset.cpus"
    cat "$dir/cpuset.mems" >"$dir/$TAG/cpuset.mems"
  fi
done </proc/self/cgroup
grep -E '^[^ ]+ /sys/fs/cgroup/[^ ]+ cgroup2? ' /proc/self/mounts >"$ROOT.cgroup-mounts"
phase_end

log "entering the fresh root (own net, mount, pid, cgroup, uts and ipc namespaces)"
set +e
(
  for cg in "${CGROUPS[@]}"; do echo "$BASHPID" >"$cg/cgroup.procs"; done
  exec ip netns exec "$NETNS" unshare --mount --propagation private --pid --fork --kill-child=SIGKILL \
    --cgroup --uts --ipc bash "$HERE/enter-root.sh" "$ROOT" "$INNER_CA" "$ROOT.cgroup-mounts"
) &
INNER_PID=$!
wait "$INNER_PID"
inner_status=$?
INNER_PID=""
set -e
if [ -f "$ROOT/root/fresh-machine/timings" ]; then
  while IFS= read -r line; do TIMINGS+=("$line"); done <"$ROOT/root/fresh-machine/timings"
fi
PHASE="$(tail -n 1 "$ROOT/root/fresh-machine/current-phase" 2>/dev/null || echo inside)"
[ "$inner_status" -eq 0 ] || die "inside the fresh root (exit $inner_status)"
