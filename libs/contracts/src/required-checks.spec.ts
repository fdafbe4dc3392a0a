import {
  formatCheckDuration,
  latestRequiredChecks,
  summariseRequiredChecks,
  type CheckCompletedRecord,
} from './required-checks';

function completed(runId: string, name: string, status: 'passed' | 'failed', attempt = 1): CheckCompletedRecord {
  return {
    runId,
    attempt,
    round: 1,
    name,
    command: `run ${name}`,
    status,
    exitCode: status === 'passed' ? 0 : 1,
    durationMs: 10,
    timedOut: false,
    outputArtifactId: null,
    outputTail: '',
  };
}

describe('required checks', () => {
  it('reads the latest run only, and a waiver only for the run and check it names', () => {
    const checks = latestRequiredChecks(
      [
        completed('r1', 'typecheck', 'failed'),
        completed('r1', 'build', 'failed'),
        completed('r2', 'typecheck', 'failed'),
        completed('r2', 'build', 'passed'),
        // A replayed run records a check twice; the last record counts.
        completed('r2', 'typecheck', 'failed'),
      ],
      [
        { runId: 'r1', name: 'typecheck', reason: 'old run', waivedBy: 'bo', at: 't1' },
        { runId: 'r2', name: 'build', reason: 'not failed', waivedBy: 'bo', at: 't2' },
      ],
    );
    expect(checks.map((check) => [check.name, check.status, check.waiver?.reason ?? null])).toEqual([
      ['typecheck', 'failed', null],
      ['build', 'passed', 'not failed'],
    ]);
    expect(summariseRequiredChecks(checks)).toMatchObject({ total: 2, passed: 1, waived: 0, settled: false });
  });

  it('is settled when every failed check is waived, and all-passed only without waivers', () => {
    const checks = latestRequiredChecks(
      [completed('r1', 'typecheck', 'failed'), completed('r1', 'build', 'passed')],
      [{ runId: 'r1', name: 'typecheck', reason: 'known', waivedBy: 'ada', at: 't' }],
    );
    expect(summariseRequiredChecks(checks)).toEqual({
      total: 2,
      passed: 1,
      waived: 1,
      blocking: [],
      allPassed: false,
      settled: true,
    });
    expect(summariseRequiredChecks([])).toMatchObject({ allPassed: true, settled: true });
  });

  it('formats durations as the pull request and the dashboard show them', () => {
    expect([850, 12_345, 125_000].map(formatCheckDuration)).toEqual(['850 ms', '12.3 s', '2 min 5 s']);
  });
});
