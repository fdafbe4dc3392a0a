/**
 * Every process the service starts in a sandbox carries this variable with its exec's id
 * (ContainerManager adds one when the caller did not). Children inherit it through `setsid`,
 * `nohup`, double forks and re-parenting to init, which is how a timeout finds a command's daemons.
 */
export const EXEC_ID_VARIABLE = 'PATCHBAY_EXEC_ID';

/**
 * Kills everything a timed-out exec started. Run as its own exec with the target id as `$1`.
 *
 * Which processes: those carrying the target's exec id, those carrying none at all (a process
 * that emptied its environment, `env -i`, to slip away), and every descendant of either. Spared:
 * the container's init and main command (the init's session, which no exec can join) and what
 * other execs started, daemons of earlier commands included. A process that rewrites its own
 * environment to another exec's id escapes this; the sandbox's wall clock and its destruction
 * with the task still bound it.
 *
 * How: bash builtins only — globbing /proc, `read`, `mapfile`, `kill` — because a fork bomb holds
 * every process slot the sandbox has (RLIMIT_NPROC) and a killer that forks `ps` gets EAGAIN; the
 * exec itself is started by runsc, which that limit does not apply to. gVisor's kill(-pgid)
 * reaches only a group's leader, so every pid is signalled by name; a few rounds catch what forked
 * meanwhile.
 *
 * Prints `tasks <n>` (threads in the sandbox when it started, the measure RLIMIT_NPROC counts) and
 * `killed <n>`.
 */
export const KILL_EXEC_SCRIPT = `
target="${EXEC_ID_VARIABLE}=$1"
self=$$
{ read -r stat < /proc/1/stat; } 2>/dev/null
fields=(\${stat##*") "})
init_session=\${fields[3]}
tasks=(/proc/[0-9]*/task/[0-9]*)
echo "tasks \${#tasks[@]}"
declare -A killed=()
for round in 1 2 3 4 5 6 7 8; do
  unset parent mark
  declare -A parent=() mark=()
  pids=()
  for dir in /proc/[0-9]*; do
    pid=\${dir#/proc/}
    case $pid in "$self"|1) continue ;; esac
    { read -r stat < "$dir/stat"; } 2>/dev/null || continue
    # After the command name: state, ppid, pgrp, session.
    fields=(\${stat##*") "})
    [ "\${fields[0]}" = Z ] && continue
    [ "\${fields[3]}" = "$init_session" ] && continue
    parent[$pid]=\${fields[1]}
    pids+=("$pid")
    environ=()
    { mapfile -d '' -t environ < "$dir/environ"; } 2>/dev/null || continue
    owner=
    for entry in "\${environ[@]}"; do case $entry in ${EXEC_ID_VARIABLE}=*) owner=$entry; break ;; esac; done
    if [ -z "$owner" ] || [ "$owner" = "$target" ]; then mark[$pid]=1; fi
  done
  changed=1
  while [ "$changed" = 1 ]; do
    changed=0
    for pid in "\${pids[@]}"; do
      if [ -z "\${mark[$pid]}" ] && [ -n "\${mark[\${parent[$pid]}]}" ]; then mark[$pid]=1; changed=1; fi
    done
  done
  [ "\${#mark[@]}" = 0 ] && break
  kill -KILL "\${!mark[@]}" 2>/dev/null
  for pid in "\${!mark[@]}"; do killed[$pid]=1; done
done
echo "killed \${#killed[@]}"
`;

export interface KillReport {
  /** Threads in the sandbox before the kill, the killer's own included. */
  tasks: number;
  killed: number;
}

/** Null when the killer did not get to report (it could not start, or was cut off). */
export function parseKillReport(output: string): KillReport | null {
  const tasks = /^tasks (\d+)$/m.exec(output);
  const killed = /^killed (\d+)$/m.exec(output);
  if (!tasks || !killed) return null;
  return { tasks: Number(tasks[1]), killed: Number(killed[1]) };
}
