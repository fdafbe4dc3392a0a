import { randomUUID } from 'node:crypto';
import { InProcessBus } from '@patchbay/bus';
import { BroadcastPatterns, type AddedConstraint, type TaskConstraintAddedNotice } from '@patchbay/contracts';
import { eventually } from '@patchbay/testing';
import { TaskConstraintNotices } from './task-constraint-notices';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

function notice(taskId: string, fields: Partial<AddedConstraint> = {}): TaskConstraintAddedNotice {
  return { taskId, id: randomUUID(), addedBy: 'carol', at: new Date().toISOString(), ...fields };
}

describe('TaskConstraintNotices', () => {
  it('files a notice in every open inbox of the task, once each, and tells each round it arrived', async () => {
    const bus = new InProcessBus({ maxAttempts: 1, initialDelayMs: 5 });
    const notices = new TaskConstraintNotices(bus, quiet);
    await notices.listen();
    const taskId = randomUUID();
    const heard: string[] = [];
    const first = notices.open(taskId, (constraint) => heard.push(`first ${constraint.note}`));
    const second = notices.open(taskId);
    const otherTask = notices.open(randomUUID());

    await bus.broadcast(BroadcastPatterns.TaskConstraintAdded, notice(taskId, { note: 'keep it small' }));
    await eventually(
      () => {
        if (first.size() === 0 || second.size() === 0) throw new Error('not delivered yet');
      },
      { description: 'both rounds of the task get the notice', timeoutMs: 1_000, intervalMs: 5 },
    );
    expect(heard).toEqual(['first keep it small']);
    expect(first.take().map((c) => c.note)).toEqual(['keep it small']);
    expect(first.take()).toEqual([]);
    expect(second.take().map((c) => c.note)).toEqual(['keep it small']);
    expect(otherTask.size()).toBe(0);
  });

  it('keeps nothing for a closed inbox and drops a malformed notice', async () => {
    const bus = new InProcessBus({ maxAttempts: 1, initialDelayMs: 5 });
    const warnings: unknown[] = [];
    const notices = new TaskConstraintNotices(bus, {
      ...quiet,
      warn: (message: unknown) => void warnings.push(message),
    });
    await notices.listen();
    const taskId = randomUUID();
    const closed = notices.open(taskId);
    closed.close();
    const open = notices.open(taskId);

    await bus.broadcast(BroadcastPatterns.TaskConstraintAdded, { taskId, note: 'no id, no author' });
    await bus.broadcast(BroadcastPatterns.TaskConstraintAdded, notice(taskId, { avoidFiles: ['src/config.ts'] }));
    await eventually(
      () => {
        if (open.size() === 0) throw new Error('not delivered yet');
      },
      { description: 'the well-formed notice arrives', timeoutMs: 1_000, intervalMs: 5 },
    );
    expect(open.take().map((c) => c.avoidFiles)).toEqual([['src/config.ts']]);
    expect(closed.size()).toBe(0);
    expect(warnings).toEqual([{ msg: 'malformed constraint notice dropped' }]);
  });
});
