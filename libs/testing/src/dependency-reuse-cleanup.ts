import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Removes what dependency reuse (ADR 0033) left on the engine for a test or benchmark run: the
 * warm-environment images of `keys`, and the package cache volumes created since `since` (each run
 * registers new repositories, so nothing later runs would use). A volume still mounted is skipped.
 */
export async function removeDependencyReuseLeftovers(since: Date, keys: readonly string[]): Promise<void> {
  for (const key of keys) await run('docker', ['image', 'rm', `patchbay/warm-env:${key}`]).catch(() => undefined);
  const listed = await run('docker', ['volume', 'ls', '-q', '--filter', 'label=org.patchbay.package-cache=1']).catch(
    () => ({ stdout: '' }),
  );
  for (const name of listed.stdout.split('\n').filter(Boolean)) {
    const inspected = await run('docker', ['volume', 'inspect', '--format', '{{.CreatedAt}}', name]).catch(() => null);
    const createdAt = Date.parse(inspected?.stdout.trim() ?? '');
    if (!Number.isNaN(createdAt) && createdAt >= since.getTime() - 1_000)
      await run('docker', ['volume', 'rm', name]).catch(() => undefined);
  }
}
