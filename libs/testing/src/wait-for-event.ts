import type { TaskEvent, TaskEventOf, TaskEventType } from '@patchbay/contracts';
import { eventually } from './eventually';
import type { GatewayTestApp } from './gateway-test-app';
import { describeTaskEvents, readTaskEvents } from './task-events-reader';

/** What to wait for; with a `type`, `where` and the result see that type's payload. */
export interface TaskEventWanted<Type extends TaskEventType = TaskEventType> {
  type?: Type;
  /** Only events after this sequence number: the `seq` of the last event seen before the action under test. */
  afterSeq?: number;
  /** Further conditions on the event, e.g. `(e) => e.payload.to === 'planning'`. */
  where?: (event: TaskEventOf<Type>) => boolean;
  /** Default 120 s: a pipeline stage on a loaded machine. */
  timeoutMs?: number;
  /** Names the event in the timeout error; defaults to the type and seq. */
  description?: string;
}

/**
 * Waits until the task has an event matching `wanted` and returns the first one. Reading after a
 * seq makes "the next X" exact: a status the pipeline passes through quickly is still seen, as
 * its event stays in the log, where polling the task's status could miss it.
 */
export async function waitForEvent<Type extends TaskEventType = TaskEventType>(
  gateway: Pick<GatewayTestApp, 'http'>,
  auth: { authorization: string },
  taskId: string,
  wanted: TaskEventWanted<Type>,
): Promise<TaskEventOf<Type>> {
  const afterSeq = wanted.afterSeq ?? 0;
  const description =
    wanted.description ?? `task ${taskId} has a ${wanted.type ?? 'matching'} event after seq ${afterSeq}`;
  let seen: TaskEvent[] = [];
  try {
    return await eventually(
      async () => {
        seen = await readTaskEvents(gateway, auth, taskId, afterSeq);
        const ofType = (event: TaskEvent): event is TaskEventOf<Type> =>
          wanted.type === undefined || event.type === wanted.type;
        const found = seen.filter(ofType).find((event) => wanted.where?.(event) ?? true);
        if (!found) throw new Error(`${seen.length} events after seq ${afterSeq}, none matching`);
        return found;
      },
      { description, timeoutMs: wanted.timeoutMs ?? 120_000, intervalMs: 200 },
    );
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}; events after seq ${afterSeq}:\n${describeTaskEvents(seen)}`,
      { cause: error },
    );
  }
}

/** The seq of the task's last event (0 when it has none): the cursor to pass as `afterSeq` before acting. */
export async function lastEventSeq(
  gateway: Pick<GatewayTestApp, 'http'>,
  auth: { authorization: string },
  taskId: string,
): Promise<number> {
  return (await readTaskEvents(gateway, auth, taskId)).at(-1)?.seq ?? 0;
}
