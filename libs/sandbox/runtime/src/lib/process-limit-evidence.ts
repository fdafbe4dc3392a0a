/**
 * A fork, clone or spawn that failed with EAGAIN, as shells and runtimes print it: bash's
 * "fork: retry: Resource temporarily unavailable", Node's "spawn EAGAIN", Go's "fork/exec …:
 * resource temporarily unavailable", make's "vfork: …". Under gVisor a process-creating call
 * fails with EAGAIN for one reason in practice — RLIMIT_NPROC, the sandbox's `pids` limit.
 */
const FORK_EAGAIN =
  /\b(?:fork|vfork|clone3?|spawn\w*|posix_spawn|pthread_create)\b[^\n]*?(?:Resource temporarily unavailable|EAGAIN)/i;

/** Whether a command's error output shows it ran into the process limit. */
export function showsProcessLimit(stderr: string): boolean {
  return FORK_EAGAIN.test(stderr);
}

/**
 * Whether the sandbox was at its process limit when counted. RLIMIT_NPROC counts threads; the
 * count includes the counting exec itself, which runsc starts outside the limit.
 */
export function atProcessLimit(tasks: number, pidsLimit: number): boolean {
  return tasks >= pidsLimit - 1;
}
