import { TERMINAL_TASK_STATUSES, type TaskStatus } from '@patchbay/contracts';
import { eventually, StopWaiting } from './eventually';
import type { GatewayTestApp } from './gateway-test-app';
import { describeTaskEvents, readTaskEvents } from './task-events-reader';

/**
 * Polls a task through the real API until it reaches `wanted` (or one of them) and returns the
 * status reached. A task that ends (completed, failed, cancelled) in a status not wanted stops the
 * wait at once, as only a human's retry could move it on; that or a timeout throws with the task's
 * event log, so the failing spec says what the pipeline did instead.
 */
export async function waitForTaskStatus(
  gateway: Pick<GatewayTestApp, 'http'>,
  auth: { authorization: string },
  taskId: string,
  wanted: TaskStatus | readonly TaskStatus[],
  timeoutMs = 120_000,
): Promise<TaskStatus> {
  const accepted: readonly TaskStatus[] = typeof wanted === 'string' ? [wanted] : wanted;
  const description = `task ${taskId} reaches ${accepted.join(' or ')}`;
  try {
    return await eventually(
      async () => {
        const status = (await gateway.http.get(`/api/v1/tasks/${taskId}`).set(auth).expect(200)).body
          .status as TaskStatus;
        if (accepted.includes(status)) return status;
        if (TERMINAL_TASK_STATUSES.includes(status))
          throw new StopWaiting(`task ${taskId} is ${status}, not ${accepted.join(' or ')}`);
        throw new Error(`task is ${status}`);
      },
      { description, timeoutMs, intervalMs: 200 },
    );
  } catch (error) {
    const events = await readTaskEvents(gateway, auth, taskId).catch(() => []);
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}; events:\n${describeTaskEvents(events)}`,
      { cause: error },
    );
  }
}
