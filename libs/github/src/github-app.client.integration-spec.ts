import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { metricsRegistry } from '@patchbay/observability';
import { startFakeGithubApp, type FakeGithubApp } from '@patchbay/testing';
import { CircuitOpenError } from './circuit-breaker';
import { GithubAppClient } from './github-app.client';

/** The client's resilience against a local GitHub that fails on purpose. */
describe('GithubAppClient resilience', () => {
  let github: FakeGithubApp;
  const repository = 'acme/resilience';
  const installationId = 31;

  const client = (options: ConstructorParameters<typeof GithubAppClient>[1] = {}) =>
    new GithubAppClient(github.config, options);
  const callsTo = (suffix: string) => github.calls.filter((call) => call.path.endsWith(suffix));

  beforeAll(async () => {
    github = await startFakeGithubApp({ gitRoot: mkdtempSync(path.join(os.tmpdir(), 'patchbay-github-')) });
    github.repository(repository).collaborators.set('ada', 'admin');
  });

  afterAll(() => github?.close());

  it('retries a 5xx and succeeds, caching the installation token across calls', async () => {
    const api = await client({ retries: 2 }).installation(installationId);
    github.failures.push({ path: /\/permission$/, status: 502, times: 1 });
    await expect(api.canTrigger(repository, 'ada')).resolves.toBe(true);
    expect(callsTo('/collaborators/ada/permission').map((call) => call.status)).toEqual([502, 200]);
    await api.canTrigger(repository, 'ada');
    expect(github.calls.filter((call) => call.path.endsWith('/access_tokens'))).toHaveLength(1);
  });

  it('waits out a secondary rate limit as Retry-After says, then goes on', async () => {
    const api = await client().installation(installationId);
    github.failures.push({
      path: /\/repos\/acme\/resilience$/,
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      times: 1,
    });
    const started = Date.now();
    await expect(api.defaultBranch(repository)).resolves.toBe('main');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('opens the circuit after repeated outages and fails fast without calling GitHub', async () => {
    const flaky = client({ retries: 0, circuit: { failureThreshold: 2, cooldownMs: 60_000 } });
    const api = await flaky.installation(installationId);
    github.failures.push({ path: /\/branches\/main\/protection$/, status: 503, times: 10 });
    await expect(api.requiredChecks(repository, 'main')).rejects.toMatchObject({ status: 503 });
    await expect(api.requiredChecks(repository, 'main')).rejects.toMatchObject({ status: 503 });
    const before = github.calls.length;
    await expect(api.requiredChecks(repository, 'main')).rejects.toBeInstanceOf(CircuitOpenError);
    expect(github.calls.length).toBe(before);
    expect(flaky.circuitState).toBe('open');
  });

  it('exposes the rate-limit headroom GitHub reports as a metric', async () => {
    await (await client().installation(installationId)).defaultBranch(repository);
    const metrics = await metricsRegistry.metrics();
    expect(metrics).toMatch(
      new RegExp(`patchbay_github_rate_limit_remaining\\{installation="${installationId}"\\} 4999`),
    );
  });
});
