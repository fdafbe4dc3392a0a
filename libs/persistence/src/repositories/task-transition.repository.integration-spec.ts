import { randomUUID } from 'node:crypto';
import { IllegalTaskTransitionError, type TaskStatus } from '@patchbay/contracts';
import { adminDatabaseUrl, asDatabaseOwner, testDatabaseUrl } from '@patchbay/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSourceOptions } from '../data-source-options';
import { OrganisationEntity, RepositoryEntity, TaskEntity, TaskEventEntity, UserEntity } from '../entities';
import { TaskEventRepository } from './task-event.repository';
import { TaskTransitionRepository } from './task-transition.repository';

describe('transitionTask (real Postgres)', () => {
  let dataSource: DataSource;
  let transitions: TaskTransitionRepository;
  let owner: { organisationId: string; userId: string; repositoryId: string };

  beforeAll(async () => {
    dataSource = await new DataSource(createDataSourceOptions(testDatabaseUrl(), 'transition-spec')).initialize();
    transitions = new TaskTransitionRepository(dataSource, new TaskEventRepository(dataSource));
    const suffix = randomUUID().slice(0, 8);
    const organisation = await dataSource
      .getRepository(OrganisationEntity)
      .save({ slug: `transitions-${suffix}`, name: 'Transitions' });
    const user = await dataSource.getRepository(UserEntity).save({ login: `mover-${suffix}` });
    const repository = await dataSource
      .getRepository(RepositoryEntity)
      .save({ organisationId: organisation.id, fullName: `acme/transitions-${suffix}`, source: 'local' as const });
    owner = { organisationId: organisation.id, userId: user.id, repositoryId: repository.id };
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** A task in `status`, as if it had got there through the pipeline, with `events` events already logged. */
  async function taskIn(status: TaskStatus, events = 1): Promise<string> {
    const task = await dataSource.getRepository(TaskEntity).save({
      organisationId: owner.organisationId,
      repositoryId: owner.repositoryId,
      createdBy: owner.userId,
      baseBranch: 'main',
      prompt: 'Fix the greeting',
      status,
      lastEventSeq: events,
    });
    return task.id;
  }

  const stored = (taskId: string) => dataSource.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
  const statusEvents = (taskId: string) =>
    dataSource
      .getRepository(TaskEventEntity)
      .find({ where: { taskId, type: 'status_changed' }, order: { seq: 'ASC' } });

  it('moves the task and appends its status_changed event with the next sequence number', async () => {
    const taskId = await taskIn('queued', 3);
    const moved = await transitions.transitionTask({ taskId, to: 'analysing', agent: 'supervisor' });

    expect(moved.from).toBe('queued');
    expect(await stored(taskId)).toMatchObject({ status: 'analysing', finishedAt: null, lastEventSeq: 4 });
    expect(await statusEvents(taskId)).toEqual([
      expect.objectContaining({
        id: moved.event.id,
        seq: 4,
        agent: 'supervisor',
        payload: { from: 'queued', to: 'analysing', attempt: 1 },
      }),
    ]);
  });

  it('refuses a move the status machine forbids and changes nothing', async () => {
    const taskId = await taskIn('queued');
    await expect(transitions.transitionTask({ taskId, to: 'publishing', agent: 'supervisor' })).rejects.toThrow(
      new IllegalTaskTransitionError('queued', 'publishing'),
    );

    expect(await stored(taskId)).toMatchObject({ status: 'queued', lastEventSeq: 1 });
    expect(await statusEvents(taskId)).toEqual([]);
  });

  it('sets finishedAt on a terminal status and clears it when a retry starts the next attempt', async () => {
    const taskId = await taskIn('publishing');
    const before = Date.now();
    await transitions.transitionTask({ taskId, to: 'failed', agent: 'supervisor' });
    const failed = await stored(taskId);
    expect(failed.status).toBe('failed');
    expect(failed.finishedAt?.getTime()).toBeGreaterThanOrEqual(before - 1_000);

    const retried = await transitions.transitionTask({
      taskId,
      to: 'queued',
      agent: 'gateway',
      by: 'octocat',
      nextAttempt: true,
    });
    expect(retried.task).toMatchObject({ status: 'queued', attempt: 2, finishedAt: null });
    expect(await stored(taskId)).toMatchObject({ status: 'queued', attempt: 2, finishedAt: null });
    expect((await statusEvents(taskId)).map((event) => [event.agent, event.payload])).toEqual([
      ['supervisor', { from: 'publishing', to: 'failed', attempt: 1 }],
      ['gateway', { from: 'failed', to: 'queued', by: 'octocat', attempt: 2 }],
    ]);
  });

  it('records nothing for a replayed move to the status the task already holds, when asked to', async () => {
    const taskId = await taskIn('executing');
    await expect(
      transitions.transitionTask({ taskId, to: 'executing', agent: 'supervisor', unlessAlreadyThere: true }),
    ).resolves.toBeNull();
    await expect(transitions.transitionTask({ taskId, to: 'executing', agent: 'supervisor' })).rejects.toThrow(
      IllegalTaskTransitionError,
    );
    expect(await statusEvents(taskId)).toEqual([]);
  });

  it('leaves the status unchanged when its event cannot be stored', async () => {
    const taskId = await taskIn('executing', 2);
    // The database itself refuses this task's next event, after the status update has run.
    const refuse = `refuse_events_${taskId.replace(/-/g, '')}`;
    await asDatabaseOwner(async (db) => {
      await db.query(
        `CREATE FUNCTION ${refuse}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'event refused by the test'; END $$`,
      );
      await db.query(
        `CREATE TRIGGER ${refuse} BEFORE INSERT ON task_events FOR EACH ROW WHEN (NEW.task_id = '${taskId}') EXECUTE FUNCTION ${refuse}()`,
      );
    });
    try {
      await expect(transitions.transitionTask({ taskId, to: 'paused', agent: 'supervisor' })).rejects.toThrow(
        'event refused by the test',
      );
    } finally {
      await asDatabaseOwner(async (db) => {
        await db.query(`DROP TRIGGER ${refuse} ON task_events`);
        await db.query(`DROP FUNCTION ${refuse}()`);
      });
    }

    expect(await stored(taskId)).toMatchObject({ status: 'executing', finishedAt: null, lastEventSeq: 2 });
    expect(await statusEvents(taskId)).toEqual([]);
  });

  it('lets exactly one of two concurrent moves from the same status win', async () => {
    const taskId = await taskIn('awaiting_diff_approval');
    // Holding the row until both moves wait on it makes them truly concurrent: each read the
    // same status before either could commit.
    const blocker = new Client({ connectionString: adminDatabaseUrl() });
    await blocker.connect();
    let outcomes: PromiseSettledResult<unknown>[];
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM tasks WHERE id = $1 FOR UPDATE', [taskId]);
      const moves = Promise.allSettled([
        transitions.transitionTask({ taskId, to: 'publishing', agent: 'gateway', by: 'alice' }),
        transitions.transitionTask({ taskId, to: 'executing', agent: 'gateway', by: 'bob' }),
      ]);
      await waitUntilBlocked(2);
      await blocker.query('COMMIT');
      outcomes = await moves;
    } finally {
      await blocker.end();
    }

    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(IllegalTaskTransitionError);
    const events = await statusEvents(taskId);
    expect(events).toHaveLength(1);
    expect((await stored(taskId)).status).toBe(events[0]?.payload['to']);
  });
});

/**
 * Waits until `count` sessions of the spec's pool wait for a row lock. Asked from a connection of
 * its own: a session inside a transaction keeps seeing the pg_stat_activity it first read.
 */
async function waitUntilBlocked(count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  await asDatabaseOwner(async (db) => {
    for (;;) {
      const { rows } = await db.query<{ waiting: number }>(
        "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE application_name = 'transition-spec' AND wait_event_type = 'Lock'",
      );
      if ((rows[0]?.waiting ?? 0) >= count) return;
      if (Date.now() > deadline)
        throw new Error(`only ${rows[0]?.waiting ?? 0} of ${count} moves reached the row lock`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
}
