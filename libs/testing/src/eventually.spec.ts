import { eventually, StopWaiting } from './eventually';

describe('eventually', () => {
  it('retries until the assertion passes and resolves to its value', async () => {
    let calls = 0;
    const value = await eventually(
      () => {
        calls += 1;
        if (calls < 3) throw new Error(`only ${calls} calls`);
        return 'ready';
      },
      { description: 'the third call', intervalMs: 1 },
    );
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('on timeout throws with the description and the last error, never resolving', async () => {
    let calls = 0;
    const waiting = eventually(
      async () => {
        calls += 1;
        throw new Error(`attempt ${calls} saw nothing`);
      },
      { description: 'the comment is posted', timeoutMs: 50, intervalMs: 10 },
    );
    await expect(waiting).rejects.toThrow(
      /^the comment is posted: still not so after 50 ms \(\d+ attempts\); last error: attempt \d+ saw nothing$/,
    );
    const error: unknown = await waiting.catch((caught: unknown) => caught);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(((error as Error).cause as Error).message).toBe(`attempt ${calls} saw nothing`);
  });

  it('gives the assertion a last attempt at the deadline', async () => {
    const started = Date.now();
    const value = await eventually(
      () => {
        if (Date.now() - started < 40) throw new Error('too early');
        return Date.now() - started;
      },
      { description: 'the deadline attempt', timeoutMs: 40, intervalMs: 1_000 },
    );
    expect(value).toBeGreaterThanOrEqual(40);
  });

  it('rethrows StopWaiting at once, without waiting out the timeout', async () => {
    let calls = 0;
    const started = Date.now();
    await expect(
      eventually(
        () => {
          calls += 1;
          throw new StopWaiting('the task failed');
        },
        { description: 'never', timeoutMs: 5_000 },
      ),
    ).rejects.toThrow(new StopWaiting('the task failed'));
    expect(calls).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
