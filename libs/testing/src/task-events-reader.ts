import type { TaskEvent } from '@patchbay/contracts';
import type { GatewayTestApp } from './gateway-test-app';

/** The task's events after `afterSeq` (default: all), in order, through the real `GET /tasks/:id/events`. */
export async function readTaskEvents(
  gateway: Pick<GatewayTestApp, 'http'>,
  auth: { authorization: string },
  taskId: string,
  afterSeq = 0,
): Promise<TaskEvent[]> {
  return (
    await gateway.http
      .get(`/api/v1/tasks/${taskId}/events`)
      .query({ after: afterSeq, limit: 1_000 })
      .set(auth)
      .expect(200)
  ).body as TaskEvent[];
}

/** One line per event, for the message of a wait that failed: what the pipeline did instead. */
export function describeTaskEvents(events: readonly TaskEvent[]): string {
  return events.map((e) => `${e.seq} ${e.agent} ${e.type} ${JSON.stringify(e.payload).slice(0, 300)}`).join('\n');
}
