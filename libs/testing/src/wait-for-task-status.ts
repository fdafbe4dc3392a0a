import type { TaskEvent, TaskStatus } from '@patchbay/contracts';
import type { GatewayTestApp } from './gateway-test-app';

/**
 * Polls a task through the real API until it reaches `wanted`. A task that fails, or runs out of
 * time, throws with its event log, so the failing spec says what the pipeline did instead.
 */
export async function waitForTaskStatus(
  gateway: Pick<GatewayTestApp, 'http'>,
  auth: { authorization: string },
  taskId: string,
  wanted: TaskStatus,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let status = '';
  while (Date.now() < deadline) {
    status = (await gateway.http.get(`/api/v1/tasks/${taskId}`).set(auth).expect(200)).body.status as string;
    if (status === wanted) return;
    if (status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const events = (await gateway.http.get(`/api/v1/tasks/${taskId}/events`).set(auth)).body as TaskEvent[];
  throw new Error(`task is ${status}, not ${wanted}; events:\n${events.map((e) => `${e.seq} ${e.agent} ${e.type} ${JSON.stringify(e.payload).slice(0, 300)}`).join('\n')}`);
}
