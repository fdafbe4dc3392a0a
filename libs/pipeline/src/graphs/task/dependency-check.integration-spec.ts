import { ResearchService } from '@patchbay/research-agent-feature';
import { dependencyPolicyOf, parsePatchbayConfig } from '@patchbay/repo-config';
import {
  AGPL_PACKAGE,
  AGPL_PACKUMENT,
  PLANTED_CRITICAL_ADVISORY,
  PLANTED_CRITICAL_PACKAGE,
  PLANTED_CRITICAL_PACKUMENT,
  PLANTED_HIGH_ADVISORY,
  PLANTED_HIGH_PACKAGE,
  PLANTED_HIGH_PACKUMENT,
  SEMVER_PACKUMENT,
  SEMVER_REDOS_ADVISORY,
  startFakeNpmRegistry,
  type FakeNpmRegistry,
} from '@patchbay/testing';
import { dependencyChanges } from './dependency-changes';
import { checkDependencies, describeDependencyBlock } from './dependency-check';

/** The dependency check judged against the real research service and a local npm registry server. */
describe('dependency check', () => {
  let registry: FakeNpmRegistry;
  let research: ResearchService;

  beforeAll(async () => {
    registry = await startFakeNpmRegistry({
      packages: [SEMVER_PACKUMENT, PLANTED_CRITICAL_PACKUMENT, PLANTED_HIGH_PACKUMENT, AGPL_PACKUMENT],
      advisories: {
        semver: [SEMVER_REDOS_ADVISORY],
        [PLANTED_CRITICAL_PACKAGE]: [PLANTED_CRITICAL_ADVISORY],
        [PLANTED_HIGH_PACKAGE]: [PLANTED_HIGH_ADVISORY],
      },
    });
    research = new ResearchService({
      npmRegistryUrl: registry.url,
      pypiUrl: 'http://127.0.0.1:9',
      timeoutMs: 2_000,
      cacheTtlMs: 0,
      cacheEntries: 1,
    });
  });
  afterAll(() => registry.close());

  const added = (dependencies: Record<string, string>) =>
    dependencyChanges('package.json', JSON.stringify({ dependencies: {} }), JSON.stringify({ dependencies }));

  it('blocks a critical advisory by default and reports a lesser one as a risk', async () => {
    const findings = await checkDependencies(
      added({ [PLANTED_CRITICAL_PACKAGE]: '1.0.1', [PLANTED_HIGH_PACKAGE]: '^2.2.0', semver: '^7.7.3' }),
      dependencyPolicyOf(null),
      (q) => research.run(q),
    );
    expect(findings.filter((f) => f.blocks)).toEqual([
      expect.objectContaining({
        package: PLANTED_CRITICAL_PACKAGE,
        kind: 'advisory',
        advisory: expect.objectContaining({ id: 9000001, severity: 'critical' }),
      }),
    ]);
    expect(findings).toContainEqual(
      expect.objectContaining({ package: PLANTED_HIGH_PACKAGE, kind: 'advisory', blocks: false }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        package: PLANTED_HIGH_PACKAGE,
        kind: 'deprecated',
        message: expect.stringContaining('use 3.x'),
      }),
    );
    expect(findings.some((f) => f.package === 'semver')).toBe(false);
    const report = describeDependencyBlock(findings.filter((f) => f.blocks));
    expect(report).toContain(`\`${PLANTED_CRITICAL_PACKAGE}@1.0.1\``);
    expect(report).toContain('Remote code execution in patchbay-planted-critical');
    expect(report).toContain('https://github.com/advisories/GHSA-patc-hbay-test');
    expect(report).toContain("at or above the repository's blocking severity (critical)");
  });

  it("follows the repository's policy: a lower blocking severity and a denied licence", async () => {
    const policy = dependencyPolicyOf(
      parsePatchbayConfig('dependencies:\n  blockSeverity: moderate\n  deniedLicenses: [agpl-3.0-only]\n'),
    );
    const findings = await checkDependencies(added({ semver: '7.5.1', [AGPL_PACKAGE]: '0.3.0' }), policy, (q) =>
      research.run(q),
    );
    expect(
      findings
        .filter((f) => f.blocks)
        .map((f) => `${f.package}:${f.kind}`)
        .sort(),
    ).toEqual([`${AGPL_PACKAGE}:denied_license`, 'semver:advisory']);
    expect(findings.find((f) => f.kind === 'denied_license')?.message).toContain(
      "licensed AGPL-3.0-only, which the repository's policy denies (AGPL-3.0-ONLY)",
    );
  });

  it('a research agent that does not answer leaves the dependency unchecked, as a risk, never a block', async () => {
    const findings = await checkDependencies(
      added({ [PLANTED_CRITICAL_PACKAGE]: '1.0.1' }),
      dependencyPolicyOf(null),
      () => Promise.reject(new Error('research-agent.query did not answer within 20 s')),
    );
    expect(findings).toHaveLength(2);
    expect(findings.every((f) => f.kind === 'unchecked' && !f.blocks)).toBe(true);
    expect(findings[0].message).toContain('did not answer within 20 s');
  });

  it('refuses a policy with an unknown key or severity, naming it', () => {
    expect(() => parsePatchbayConfig('dependencies:\n  blockSeverity: severe\n')).toThrow(
      /dependencies\.blockSeverity: must be one of "low", "moderate", "high", "critical", "none"/,
    );
    expect(() => parsePatchbayConfig('dependencies:\n  deniedLicence: [MIT]\n')).toThrow(/deniedLicence/);
  });
});
