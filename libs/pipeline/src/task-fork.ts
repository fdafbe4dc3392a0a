import type { Plan } from '@patchbay/contracts';
import { planContentHash, type TaskForPipeline } from '@patchbay/persistence';
import { AgentRequestFailed } from './agent-rpc.client';
import type { TaskGraph } from './graphs/task';
import { createTaskSandbox } from './graphs/task/create-task-sandbox';
import { installDependencies } from './graphs/task/nodes/analyse.node';
import { enterStage } from './graphs/task/stage';
import type { TaskBrief, TaskGraphStateType, TaskGraphUpdate } from './graphs/task/task-graph.state';
import type { PipelineDependencies } from './pipeline-dependencies';

/** Where the restored diff is put for `git apply`; removed before anything else sees the workspace. */
const RESTORE_PATCH = '.patchbay-fork.patch';

/**
 * Starts a forked task's thread from its parent's checkpoint (ADR 0036): the checkpoint's state is
 * copied into the fork's own thread (`updateState` as the node that had just run, so the graph
 * goes on where the parent's did), with the fork's brief (its id, model, approvals), a new sandbox
 * restored to the checkpoint's workspace (the base commit, plus the stored diff of the round the
 * checkpoint was in), and — from any checkpoint that had a plan, or when the fork brings an edited
 * one — that plan stored as the fork's and waiting for approval like any plan. A checkpoint right
 * after the analysis sends the fork to planning with its own model instead.
 */
export async function startForkThread(
  graph: TaskGraph,
  deps: PipelineDependencies,
  loaded: TaskForPipeline,
  config: { configurable: { thread_id: string } },
  signal?: AbortSignal,
): Promise<void> {
  const { task } = loaded;
  if (!deps.checkpoints || !task.parentTaskId || !task.forkedFromCheckpoint)
    throw new Error(`task ${task.id} is not a fork this supervisor can start`);
  const origin = await deps.checkpoints.find(task.parentTaskId, task.forkedFromCheckpoint);
  if (!origin)
    throw new AgentRequestFailed({
      category: 'user_correctable',
      message: `the checkpoint ${task.forkedFromCheckpoint} of task ${task.parentTaskId} is no longer recorded`,
      recoverable: false,
    });
  const parent = await graph.getState({
    configurable: { thread_id: origin.threadId, checkpoint_id: origin.checkpointId },
  });
  const values = parent.values as TaskGraphStateType;
  if (!values.brief || !values.baseCommit)
    throw new AgentRequestFailed({
      category: 'user_correctable',
      message: `the checkpoint ${origin.checkpointId} holds no analysed task to fork from`,
      recoverable: false,
    });
  const brief: TaskBrief = {
    ...values.brief,
    taskId: task.id,
    attempt: task.attempt,
    userId: loaded.creator.id,
    login: loaded.creator.login,
    model: task.model,
    autoApprovePlan: task.autoApprovePlan,
    autoApproveDiff: task.autoApproveDiff,
    // The fork answers to the dashboard: it never comments on the parent's GitHub thread.
    github: null,
  };
  await enterStage(deps, task.id, 'analysing');
  await deps.events.raise(task.id, 'agent_thought', {
    message: `Forked from task ${task.parentTaskId} at its checkpoint after ${origin.node ?? 'the start'} (round ${origin.round}); restoring its workspace`,
  });
  const sandboxId = await restoreWorkspace(deps, brief, values, origin, signal);
  try {
    const edited = await deps.plans?.latestPlan(task.id);
    const plan: Plan | null = edited
      ? { summary: edited.summary, steps: edited.steps, targetTests: edited.targetTests }
      : values.plan;
    const copied: TaskGraphUpdate = {
      ...values,
      brief,
      sandboxId,
      // What belonged to the parent's later steps does not carry over.
      planFeedback: null,
      pendingQuestion: null,
      codingFeedback: null,
      diff: null,
      diffHash: null,
      budgetStop: null,
      published: null,
      outcome: null,
    };
    if (plan === null) {
      await graph.updateState(config, copied, 'analyse');
      return;
    }
    const planHash = planContentHash(plan);
    await enterStage(deps, task.id, 'planning');
    const stored = await deps.store.savePlan(task.id, plan, planHash);
    await deps.events.raise(task.id, 'plan_ready', {
      plan,
      version: stored.version,
      contentHash: planHash,
      model: edited ? `edited by ${loaded.creator.login}` : (values.modelLabel ?? 'the parent task’s planner'),
      ...(values.classification ? { classification: values.classification } : {}),
    });
    if (brief.autoApprovePlan) await deps.store.recordAutoApproval(task.id, 'plan', planHash);
    else await enterStage(deps, task.id, 'awaiting_plan_approval');
    await graph.updateState(config, { ...copied, plan, planHash, planRevision: values.planRevision + 1 }, 'draft_plan');
  } catch (error) {
    // Not in any checkpoint yet: nothing else would release it.
    await deps.sandbox.destroy(sandboxId).catch(() => undefined);
    throw error;
  }
}

/** A fresh sandbox at the parent's base commit, its packages installed, and the checkpoint round's change applied. */
async function restoreWorkspace(
  deps: PipelineDependencies,
  brief: TaskBrief,
  values: TaskGraphStateType,
  origin: NonNullable<Awaited<ReturnType<NonNullable<PipelineDependencies['checkpoints']>['find']>>>,
  signal?: AbortSignal,
): Promise<string> {
  const snapshot =
    origin.round > 0
      ? await deps.checkpoints?.workspaceSnapshot(
          origin.taskId,
          origin.round,
          (await deps.checkpoints.threadStart(origin.threadId))?.at ?? origin.at,
          origin.at,
        )
      : null;
  if (origin.round > 0 && !snapshot)
    throw new AgentRequestFailed({
      category: 'user_correctable',
      message: `the workspace after round ${origin.round} of task ${origin.taskId} was not stored; fork from another checkpoint`,
      recoverable: false,
    });
  const { sandbox, install } = await createTaskSandbox(deps, brief, {
    image: values.sandboxImage,
    commit: values.baseCommit ?? brief.baseBranch,
  });
  try {
    if (install) await installDependencies(deps, brief, sandbox.id, signal);
    if (snapshot) {
      await deps.sandbox.writeFile(sandbox.id, RESTORE_PATCH, snapshot.toString('utf8'));
      const applied = await deps.sandbox.exec(
        sandbox.id,
        {
          command: `git apply --whitespace=nowarn ${RESTORE_PATCH}; status=$?; rm -f ${RESTORE_PATCH}; exit $status`,
          timeoutMs: 60_000,
        },
        signal,
      );
      if (applied.exitCode !== 0)
        throw new AgentRequestFailed({
          category: 'user_correctable',
          message: `the stored workspace of round ${origin.round} did not apply to the base commit: ${applied.stderr.slice(-500)}`,
          recoverable: false,
        });
    }
    await deps.events.raise(brief.taskId, 'agent_thought', {
      message: `Sandbox restored (${sandbox.runtime}, image ${values.sandboxImage}) at ${sandbox.baseCommit.slice(0, 12)}${snapshot ? ` with the change of round ${origin.round}` : ''}`,
    });
    return sandbox.id;
  } catch (error) {
    await deps.sandbox.destroy(sandbox.id).catch(() => undefined);
    throw error;
  }
}
