import { ConcurrencyLimiter } from './concurrency-limiter';
import { SlotWaitTimeoutError } from './slot-wait-timeout.error';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimiter', () => {
  it('grants up to the limit at once and queues the rest', async () => {
    const limiter = new ConcurrencyLimiter({ name: 'things', limit: 2 });
    await limiter.acquire();
    await limiter.acquire();
    let third = false;
    void limiter.acquire().then(() => (third = true));
    await tick();
    expect({ active: limiter.active, waiting: limiter.waiting, third }).toEqual({
      active: 2,
      waiting: 1,
      third: false,
    });
  });

  it('hands freed slots to waiters in arrival order, never to a newcomer first', async () => {
    const limiter = new ConcurrencyLimiter({ name: 'things', limit: 1 });
    const release = await limiter.acquire();
    const order: string[] = [];
    const waiters = ['a', 'b', 'c'].map((name) =>
      limiter.acquire().then((done) => {
        order.push(name);
        return done;
      }),
    );
    release();
    (await waiters[0])();
    // A newcomer arriving while b and c still wait goes behind them.
    const late = limiter.acquire().then((done) => {
      order.push('late');
      return done;
    });
    (await waiters[1])();
    (await waiters[2])();
    (await late)();
    expect(order).toEqual(['a', 'b', 'c', 'late']);
    expect({ active: limiter.active, waiting: limiter.waiting }).toEqual({ active: 0, waiting: 0 });
  });

  it('gives the slot back when the work throws', async () => {
    const limiter = new ConcurrencyLimiter({ name: 'things', limit: 1 });
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limiter.active).toBe(0);
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });

  it('holds existing work at once above the limit, and queues newcomers until the count is back under it', async () => {
    const limiter = new ConcurrencyLimiter({ name: 'things', limit: 1 });
    const adopted = [limiter.hold(), limiter.hold()];
    let granted = false;
    void limiter.acquire().then(() => (granted = true));
    await tick();
    expect({ active: limiter.active, waiting: limiter.waiting, granted }).toEqual({
      active: 2,
      waiting: 1,
      granted: false,
    });
    adopted[0]();
    await tick();
    expect({ active: limiter.active, granted }).toEqual({ active: 1, granted: false });
    adopted[1]();
    await tick();
    expect({ active: limiter.active, waiting: limiter.waiting, granted }).toEqual({
      active: 1,
      waiting: 0,
      granted: true,
    });
  });

  it('counts a release called twice once', async () => {
    const limiter = new ConcurrencyLimiter({ name: 'things', limit: 2 });
    const release = await limiter.acquire();
    await limiter.acquire();
    release();
    release();
    expect(limiter.active).toBe(1);
  });

  it('takes an aborted waiter off the queue with the signal’s reason, and the next waiter still gets the slot', async () => {
    const limiter = new ConcurrencyLimiter({ name: 'things', limit: 1 });
    const release = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire({ signal: controller.signal });
    const next = limiter.acquire();
    await tick();
    expect(limiter.waiting).toBe(2);
    controller.abort(new Error('task cancelled'));
    await expect(aborted).rejects.toThrow('task cancelled');
    expect(limiter.waiting).toBe(1);
    release();
    await expect(next).resolves.toEqual(expect.any(Function));
    expect(limiter.active).toBe(1);
  });

  it('refuses at once when the signal is already aborted', async () => {
    const limiter = new ConcurrencyLimiter({ name: 'things', limit: 1 });
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(limiter.acquire({ signal: controller.signal })).rejects.toThrow('gone');
    expect(limiter.active).toBe(0);
  });

  it('ends a wait longer than maxWaitMs with an error naming what was full', async () => {
    const limiter = new ConcurrencyLimiter({ name: 'active sandboxes', limit: 1, maxWaitMs: 30 });
    await limiter.acquire();
    const waited = limiter.acquire();
    await expect(waited).rejects.toThrow(SlotWaitTimeoutError);
    await expect(waited).rejects.toThrow(/1 active sandboxes slots/);
    expect(limiter.waiting).toBe(0);
  });

  it('reports holders and waiters on every change', async () => {
    const states: string[] = [];
    const limiter = new ConcurrencyLimiter({
      name: 'things',
      limit: 1,
      onChange: ({ active, waiting }) => states.push(`${active}/${waiting}`),
    });
    const release = await limiter.acquire();
    const second = limiter.acquire();
    release();
    (await second)();
    expect(states).toEqual(['1/0', '1/1', '1/0', '0/0']);
  });

  it('refuses a limit below one', () => {
    expect(() => new ConcurrencyLimiter({ name: 'things', limit: 0 })).toThrow(RangeError);
  });
});
