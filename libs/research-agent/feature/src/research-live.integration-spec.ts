import { ResearchService } from './research.service';

const LIVE_REGISTRY = process.env['NPM_REGISTRY_URL'] ?? 'https://registry.npmjs.org';

/** Whether the live registry answers at all; a machine without internet skips the live lookup with its reason. */
async function registryUnreachableReason(): Promise<string | null> {
  try {
    const response = await fetch(`${LIVE_REGISTRY}/semver`, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    return response.ok ? null : `HEAD ${LIVE_REGISTRY}/semver answered ${response.status}`;
  } catch (error) {
    return `${LIVE_REGISTRY} is not reachable from this machine (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** One real lookup of a real package on the live npm registry, through the same service the agent runs. */
describe('research agent: live npm registry', () => {
  jest.setTimeout(60_000);

  it("package_info('semver', 'npm') reads the real packument", async () => {
    const unreachable = await registryUnreachableReason();
    if (unreachable) {
      console.warn(`SKIPPED live lookup: ${unreachable}`);
      return;
    }
    const service = new ResearchService({
      npmRegistryUrl: LIVE_REGISTRY,
      pypiUrl: 'https://pypi.org',
      timeoutMs: 30_000,
      cacheTtlMs: 0,
      cacheEntries: 1,
    });
    const result = await service.run({ tool: 'package_info', name: 'semver', ecosystem: 'npm' });
    if (result.data.kind !== 'package_info') throw new Error('wrong kind');
    const info = result.data.info;
    expect(info).toMatchObject({
      reachable: true,
      found: true,
      license: 'ISC',
      repository: 'https://github.com/npm/node-semver',
    });
    // semver has been at 7.x for years; a real answer names a real 7.x (or later) version.
    expect(info.latestVersion).toMatch(/^(?:[7-9]|\d{2,})\.\d+\.\d+$/);
    expect(info.recentVersions).toContain(info.latestVersion);
    expect(result.text).toContain('<untrusted-data source="the npm registry">');
  });
});
