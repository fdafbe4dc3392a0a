import type { TaskGraph } from './graphs/task';
import type { PipelineDependencies } from './pipeline-dependencies';
import type { TaskLease } from './task-lease';
import { TaskRunner } from './task-runner';

/**
 * The stranded-task sweep (ADR 0039): tasks that should be running but run nowhere in this
 * process are started; a task already running here, or one another supervisor holds, is not
 * run twice. The graph, store and lease are stand-ins: what is checked is who gets started.
 */
describe('TaskRunner.resumeStranded', () => {
  function setUp(options: { held?: string[]; queuedBefore?: (date: Date) => void } = {}) {
    const invoked: string[] = [];
    const asked: Array<Date | undefined> = [];
    let release: () => void = () => undefined;
    const blocking = new Promise<void>((done) => (release = done));
    const store = {
      inFlightTaskIds: async ({ queuedBefore }: { queuedBefore?: Date } = {}) => {
        asked.push(queuedBefore);
        return ['stuck-queued', 'mid-stage', 'held-elsewhere'];
      },
      loadTask: async (taskId: string) => ({
        task: { id: taskId, organisationId: 'org', attempt: 1, status: 'executing', forkedFromCheckpoint: null },
      }),
    };
    const graph = {
      getState: async () => ({ values: { brief: { taskId: 'x' } }, next: ['execute'] }),
      invoke: async (_input: unknown, config: { configurable: { thread_id: string } }) => {
        invoked.push(config.configurable.thread_id);
        await blocking;
      },
    };
    const lease = {
      tryAcquire: async (taskId: string) => ((options.held ?? []).includes(taskId) ? null : async () => undefined),
    };
    const runner = new TaskRunner(
      graph as unknown as TaskGraph,
      { store, sandbox: {} } as unknown as PipelineDependencies,
      lease as unknown as TaskLease,
      { log: () => undefined, error: () => undefined },
    );
    return { runner, invoked, asked, release };
  }

  const settle = () => new Promise((done) => setTimeout(done, 20));

  it('starts every task that runs nowhere, and asks for tasks queued longer than the given time', async () => {
    const { runner, invoked, asked, release } = setUp({ held: ['held-elsewhere'] });
    const before = Date.now();
    expect(await runner.resumeStranded(30_000)).toBe(3);
    await settle();
    // The third was offered but another supervisor's lease kept it from running here.
    expect(invoked.sort()).toEqual(['mid-stage:1', 'stuck-queued:1']);
    const cutoff = asked[0]!.getTime();
    expect(cutoff).toBeGreaterThanOrEqual(before - 30_000 - 5);
    expect(cutoff).toBeLessThanOrEqual(Date.now() - 30_000);
    release();
    await runner.idle();
  });

  it('does not start a task again while its run in this process goes on', async () => {
    const { runner, invoked, release } = setUp();
    await runner.resumeStranded(0);
    await settle();
    expect(await runner.resumeStranded(0)).toBe(0);
    await settle();
    expect(invoked).toHaveLength(3);
    release();
    await runner.idle();
  });
});
