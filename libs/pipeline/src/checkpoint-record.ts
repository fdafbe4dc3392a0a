import type { StateSnapshot } from '@langchain/langgraph';
import type { CheckpointRecord, TaskCheckpointRepository } from '@patchbay/persistence';
import type { TaskGraph } from './graphs/task';

/** LangGraph's own entry and exit markers: not stages a person would name. */
const GRAPH_MARKERS = new Set(['__start__', '__end__', '__input__']);

/**
 * Copies a thread's checkpoints from LangGraph's checkpointer into the task's checkpoint record
 * (ADR 0036), which the gateway lists and forks from. Each checkpoint is named by the node whose
 * completion wrote it — the node its parent checkpoint was about to run — and the node it runs
 * next. Already recorded checkpoints are left alone, so calling this after every run is cheap
 * and a run that crashed before recording is caught up by the next one.
 */
export async function recordCheckpoints(
  graph: TaskGraph,
  record: Pick<TaskCheckpointRepository, 'record'>,
  taskId: string,
  attempt: number,
): Promise<void> {
  const threadId = `${taskId}:${attempt}`;
  const snapshots: StateSnapshot[] = [];
  for await (const snapshot of graph.getStateHistory({ configurable: { thread_id: threadId } }))
    snapshots.push(snapshot);
  const byId = new Map(snapshots.map((snapshot) => [checkpointIdOf(snapshot), snapshot]));
  const rows: CheckpointRecord[] = [];
  for (const snapshot of snapshots) {
    const checkpointId = checkpointIdOf(snapshot);
    if (!checkpointId || snapshot.metadata?.source === 'input') continue;
    const parentId = snapshot.parentConfig?.configurable?.['checkpoint_id'] as string | undefined;
    const ran = parentId ? byId.get(parentId)?.next[0] : undefined;
    const values = (snapshot.values ?? {}) as { round?: unknown; plan?: unknown };
    rows.push({
      taskId,
      attempt,
      threadId,
      checkpointId,
      node: ran && !GRAPH_MARKERS.has(ran) ? ran : null,
      nextNode: snapshot.next[0] && !GRAPH_MARKERS.has(snapshot.next[0]) ? snapshot.next[0] : null,
      step: snapshot.metadata?.step ?? 0,
      round: typeof values.round === 'number' ? values.round : 0,
      hasPlan: values.plan !== null && values.plan !== undefined,
      at: snapshot.createdAt ? new Date(snapshot.createdAt) : new Date(),
    });
  }
  await record.record(rows);
}

function checkpointIdOf(snapshot: StateSnapshot): string | undefined {
  return snapshot.config.configurable?.['checkpoint_id'] as string | undefined;
}
