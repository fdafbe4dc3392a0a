#!/usr/bin/env bash
# Second stage of run.sh, already inside the new namespaces (as the pid namespace's PID 1's
# child): mounts what a booted Debian has (proc, sysfs, cgroups, /dev, tmpfs /run and /dev/shm),
# pivots into the fresh root, detaches the host's tree and runs inside.sh with a clean environment.
# Every mount here lives in the run's private mount namespace and vanishes with it.
set -euo pipefail
ROOT="$1"
INNER_CA="$2"
# The host's cgroup mounts, as run.sh saw them (`ip netns exec` has replaced /sys here).
CGROUP_MOUNTS="$3"

hostname fresh-debian
# pivot_root needs the new root to be a mount point.
mount --bind "$ROOT" "$ROOT"
mount -t proc proc "$ROOT/proc"
mount -t sysfs sysfs "$ROOT/sys"
mount --rbind /dev "$ROOT/dev"
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$ROOT/dev/shm"
mount -t tmpfs -o mode=755,nosuid,nodev run "$ROOT/run"
# The cgroup hierarchies as the host mounts them; in this cgroup namespace each is rooted at the
# run's own cgroup.
mount -t tmpfs -o mode=755 cgroup "$ROOT/sys/fs/cgroup"
while read -r _ target type options _; do
  case "$target" in /sys/fs/cgroup/*) ;; *) continue ;; esac
  case "$type" in
    cgroup2) mkdir -p "$ROOT$target" && mount -t cgroup2 cgroup2 "$ROOT$target" ;;
    cgroup)
      wanted="$(tr ',' '\n' <<<"$options" | grep -vE '^(rw|ro|relatime|noatime|nosuid|nodev|noexec)$' | paste -sd, -)"
      case "$wanted" in name=*) wanted="none,$wanted" ;; esac
      mkdir -p "$ROOT$target" && mount -t cgroup -o "$wanted" cgroup "$ROOT$target"
      ;;
  esac
done <"$CGROUP_MOUNTS"

mkdir -p "$ROOT/.host"
cd "$ROOT"
pivot_root . .host
exec /usr/sbin/chroot . /bin/bash -c '
  umount -l /.host && rmdir /.host
  cd /root
  exec env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin TERM=dumb \
    ${1:+NODE_EXTRA_CA_CERTS=$1} bash /root/fresh-machine/inside.sh' enter "$INNER_CA"
