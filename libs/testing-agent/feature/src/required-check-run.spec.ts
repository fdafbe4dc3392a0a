import { requiredCheckRun } from './required-check-run';

const CHECK = { name: 'typecheck', command: 'npx tsc --noEmit' };
const ran = { exitCode: 0, durationMs: 1234.6, timedOut: false, oomKilled: false, stdout: '', stderr: '' };

describe('requiredCheckRun', () => {
  it('passes only on exit 0 within the limit', () => {
    expect(requiredCheckRun(CHECK, ran)).toMatchObject({ status: 'passed', exitCode: 0, durationMs: 1235 });
    expect(requiredCheckRun(CHECK, { ...ran, exitCode: 2 }).status).toBe('failed');
    expect(requiredCheckRun(CHECK, { ...ran, exitCode: null, timedOut: true })).toMatchObject({
      status: 'failed',
      timedOut: true,
    });
    expect(requiredCheckRun(CHECK, { ...ran, oomKilled: true }).status).toBe('failed');
  });

  it('counts a missing tool as a failure, not as unavailable: the repository asked for this check', () => {
    expect(requiredCheckRun(CHECK, { ...ran, exitCode: 127, stderr: 'tsc: command not found' }).status).toBe('failed');
  });

  it('masks secrets in the output it hands on to be stored and linked', () => {
    const run = requiredCheckRun(CHECK, {
      ...ran,
      exitCode: 1,
      stdout: 'cloning postgres://app:hunter2@db:5432/x',
      stderr: 'token ghp_abcdefghijklmnopqrstuvwxyz0123 rejected',
    });
    expect(JSON.stringify(run.output)).not.toMatch(/hunter2|ghp_abcdefghijklmnopqrstuvwxyz0123/);
  });
});
