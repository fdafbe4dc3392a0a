import type { DependencyFailureCategory } from '@patchbay/contracts';

const NETWORK_BLOCKED =
  /egress policy refused|403 Forbidden|tunnel connection failed|ProxyError|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|Could not resolve host|Temporary failure in name resolution|Failed to establish a new connection|Network is unreachable|network request .* failed/i;
const MISSING_SYSTEM_PACKAGE =
  /gyp ERR!|fatal error: [^\n]*\.h: No such file|error: command '[^']*(gcc|cc|g\+\+)' failed|pkg-config[^\n]*not found|: command not found|: not found|Unable to locate package|executable file not found/i;
const RESOLUTION_CONFLICT =
  /ERESOLVE|conflicting peer dependency|Could not resolve dependency|ResolutionImpossible|version solving failed|SolverProblemError|No matching distribution found|Cannot find a version|ETARGET|No matching version found/i;

/** Sorts an install failure into the categories the task report shows. Network problems win. */
export function classifyInstallFailure(output: string, timedOut: boolean): DependencyFailureCategory {
  if (timedOut) return 'timeout';
  if (NETWORK_BLOCKED.test(output)) return 'network_blocked';
  if (MISSING_SYSTEM_PACKAGE.test(output)) return 'missing_system_package';
  if (RESOLUTION_CONFLICT.test(output)) return 'resolution_conflict';
  return 'unknown';
}
