import { trace } from '@opentelemetry/api';
import { extractTraceContext, tracingEnabled, withSpan } from '@patchbay/observability';
import type { PipelineDependencies } from './pipeline-dependencies';

/**
 * Runs one stretch of a task's graph (a start, a resume after an approval or a restart) in a
 * `task run` span whose parent is the context stored with the task when it was created: a task
 * is one trace however often, and by whichever supervisor, it is picked up. What set this run
 * off (an approval request, a resume command) has its own trace; it is linked, not adopted.
 */
export async function traceTaskRun(
  store: PipelineDependencies['store'],
  taskId: string,
  attempt: number,
  work: () => Promise<void>,
): Promise<void> {
  // Reading the stored context costs a query: only worth it when spans are recorded.
  if (!tracingEnabled()) return work();
  const loaded = await store.loadTask(taskId).catch(() => null);
  const traceparent = loaded?.task.traceparent ?? null;
  const trigger = trace.getActiveSpan()?.spanContext();
  const parent = traceparent ? extractTraceContext({ traceparent }) : undefined;
  const parentTraceId = parent ? trace.getSpanContext(parent)?.traceId : undefined;
  const links =
    trigger && parentTraceId && trigger.traceId !== parentTraceId
      ? [{ context: trigger, attributes: { 'patchbay.link': 'trigger' } }]
      : [];
  await withSpan(
    'supervisor',
    'task run',
    { parent, links, attributes: { 'patchbay.task.id': taskId, 'patchbay.task.attempt': attempt } },
    work,
  );
}
