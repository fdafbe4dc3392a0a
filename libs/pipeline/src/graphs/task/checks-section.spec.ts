import type { RequiredCheckResult } from '@patchbay/contracts';
import { checksSection, waivedCheckRiskLines } from './checks-section';

const TASK = '0b0e7c1a-5a4e-4c56-9a53-3f4c5c3c9b10';

function check(overrides: Partial<RequiredCheckResult>): RequiredCheckResult {
  return {
    name: 'typecheck',
    command: 'npx tsc --noEmit',
    runId: 'run-1',
    round: 1,
    status: 'passed',
    exitCode: 0,
    durationMs: 12_345,
    timedOut: false,
    outputArtifactId: 'a1',
    outputTail: '',
    waiver: null,
    ...overrides,
  };
}

describe('the pull request Checks table', () => {
  it('lists each check with its command, result, duration and a link to its output', () => {
    expect(
      checksSection(TASK, [
        check({}),
        check({
          name: 'build',
          command: 'npm run build | tee out',
          status: 'failed',
          exitCode: 2,
          durationMs: 125_000,
          outputArtifactId: null,
          waiver: { by: 'ada', reason: 'the build\nneeds a network', at: '2026-12-06T08:00:00.000Z' },
        }),
        check({ name: 'lint', status: 'failed', exitCode: null, timedOut: true, durationMs: 800 }),
      ]),
    ).toEqual([
      '## Checks',
      '| check | command | result | duration | output |',
      '|---|---|---|---|---|',
      `| typecheck | \`npx tsc --noEmit\` | ✅ passed | 12.3 s | [output](/api/v1/tasks/${TASK}/outputs/a1) |`,
      `| build | \`npm run build \\| tee out\` | ⚠️ failed (exited with code 2), waived by @ada: the build needs a network | 2 min 5 s | [task](/tasks/${TASK}#checks) |`,
      `| lint | \`npx tsc --noEmit\` | ❌ failed (did not finish in time) | 800 ms | [output](/api/v1/tasks/${TASK}/outputs/a1) |`,
      '',
    ]);
  });

  it('adds nothing when the repository has no required checks', () => {
    expect(checksSection(TASK, [])).toEqual([]);
  });

  it('names each waived check among the risks, with who waived it and why', () => {
    expect(
      waivedCheckRiskLines([
        check({}),
        check({
          name: 'build',
          status: 'failed',
          exitCode: 1,
          waiver: { by: 'ada', reason: 'known flaky', at: '2026-12-06T08:00:00.000Z' },
        }),
      ]),
    ).toEqual(['- The required check `build` fails on this change; @ada waived it: known flaky']);
  });
});
