import { BroadcastPatterns, MessagePatterns } from '@patchbay/contracts';
import { eventually } from '@patchbay/testing';
import { InProcessBus } from './in-process.bus';
import type { BusMessage } from './message-bus';

describe('InProcessBus', () => {
  it('holds messages until the consuming service starts, then delivers them', async () => {
    const bus = new InProcessBus({ maxAttempts: 2, initialDelayMs: 5 });
    await bus.publish(MessagePatterns.StartTask, { taskId: 't' });
    const seen: unknown[] = [];
    await bus.consume(
      'supervisor',
      new Map([[MessagePatterns.StartTask, async (m: BusMessage) => void seen.push(m.payload)]]),
    );
    await eventually(() => expect(seen).toEqual([{ taskId: 't' }]), {
      description: 'the held message is delivered',
      timeoutMs: 1_000,
      intervalMs: 5,
    });
    await bus.close();
  });

  it('retries then dead-letters a failing message', async () => {
    const bus = new InProcessBus({ maxAttempts: 3, initialDelayMs: 5 });
    const attempts: number[] = [];
    await bus.consume(
      'supervisor',
      new Map([
        [
          MessagePatterns.StartTask,
          async (m: BusMessage) => {
            attempts.push(m.attempt);
            throw new Error('boom');
          },
        ],
      ]),
    );
    await bus.publish(MessagePatterns.StartTask, {});
    await eventually(() => expect(bus.deadLetters).toHaveLength(1), {
      description: 'the message is dead-lettered',
      timeoutMs: 1_000,
      intervalMs: 5,
    });
    expect(attempts).toEqual([1, 2, 3]);
    expect(bus.deadLetters[0]?.error).toBe('boom');
    await bus.close();
  });

  it('hands a broadcast to every subscriber, each its own copy, and a failing one does not stop the others', async () => {
    const bus = new InProcessBus();
    const seen: Array<[string, unknown]> = [];
    await bus.subscribe(BroadcastPatterns.TaskCancelled, () => {
      throw new Error('first subscriber fails');
    });
    await bus.subscribe(BroadcastPatterns.TaskCancelled, (payload) => void seen.push(['coding', payload]));
    await bus.subscribe(BroadcastPatterns.TaskCancelled, (payload) => void seen.push(['testing', payload]));
    const notice = { taskId: 't' };
    await bus.broadcast(BroadcastPatterns.TaskCancelled, notice);
    await eventually(
      () =>
        expect(seen).toEqual([
          ['coding', { taskId: 't' }],
          ['testing', { taskId: 't' }],
        ]),
      { description: 'both working subscribers get the broadcast', timeoutMs: 1_000, intervalMs: 5 },
    );
    expect(seen[0]?.[1]).not.toBe(notice);
    await bus.close();
  });
});
