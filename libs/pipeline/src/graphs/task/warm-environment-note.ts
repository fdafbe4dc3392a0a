import type { WarmEnvironmentOutcome } from '@patchbay/contracts';

/** The line the task's log shows for what the warm environment did (ADR 0033). */
export function describeWarmEnvironment(warm: WarmEnvironmentOutcome): string {
  const key = warm.key.slice(0, 12);
  const size = warm.bytes === null ? '' : `${(warm.bytes / (1024 * 1024)).toFixed(1)} MB, `;
  const seconds = `${(warm.durationMs / 1000).toFixed(1)} s`;
  const manifests = warm.manifests.length > 0 ? warm.manifests.join(', ') : 'no manifests';
  switch (warm.outcome) {
    case 'restored':
      return `Warm environment used: dependencies restored from the snapshot ${key} (${size}${seconds}; same ${manifests} and setup), install skipped`;
    case 'saved':
      return `Warm environment saved: the installed dependencies are snapshot ${key} (${size}${seconds}) for the next task with the same ${manifests} and setup`;
    case 'not_saved':
      return `Warm environment not saved (${warm.reason ?? 'no reason given'}); the next task installs again`;
  }
}
