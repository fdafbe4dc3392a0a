import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { MessagePatterns, type RepositoryConfigurationReport, type RunValidationCommand } from '@patchbay/contracts';
import { configurationReport } from '@patchbay/repo-config';
import { sandboxImageFor } from '@patchbay/local-forge';
import { AgentRequestFailed } from '../../../agent-rpc.client';
import { sandboxEngineFailure } from '../../../sandbox-engine-failure';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { relevantFiles, type RelevantFiles } from '../relevant-files';
import { describeGuidance, loadRepositoryGuidance } from '../repository-guidance';
import { enterStage, requireBrief } from '../stage';
import type { TaskBrief, TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';
import { createTaskSandbox } from '../create-task-sandbox';
import { describeWarmEnvironment } from '../warm-environment-note';

const OVERVIEW_ENTRIES = 300;

/**
 * Prepares the ground: a sandbox with the repository cloned at the base branch, an overview of
 * its files for the planner (with the files repository intelligence ranks most relevant to the
 * task), and the baseline test run that later failures are judged against.
 */
export function analyseNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType, config?: LangGraphRunnableConfig): Promise<TaskGraphUpdate> => {
    const signal = config?.signal;
    const stored = requireBrief(state.brief, 'a task brief');
    await enterStage(deps, stored.taskId, 'analysing');
    const ref = state.baseCommit ?? stored.baseBranch;
    const relevant = await relevantFiles(stored.barePath, ref, stored.prompt);
    await deps.events.raise(stored.taskId, 'agent_thought', { message: relevant.note });
    const guidance = await loadRepositoryGuidance(stored, ref, relevant.paths);
    if (guidance.configProblem) {
      await deps.events.raise(stored.taskId, 'error', {
        category: 'user_correctable',
        severity: 'warning',
        recoverable: true,
        message: `The repository's configuration file was ignored, the repository settings and defaults apply: ${guidance.configProblem}`,
      });
    }
    const configuration: RepositoryConfigurationReport = configurationReport(
      guidance.resolved,
      guidance.configProblem,
      guidance.instructions.sources,
    );
    await deps.events.raise(stored.taskId, 'agent_thought', { message: describeGuidance(guidance), configuration });
    // From here on the task runs under the effective commands; the next nodes read them from the brief.
    const brief = guidance.brief;

    let sandboxId = state.sandboxId;
    let baseCommit = state.baseCommit;
    const image = await sandboxImageFor(brief.barePath, brief.baseBranch);
    let created: string | null = null;
    try {
      if (!sandboxId) {
        const { sandbox, install } = await createTaskSandbox(deps, brief, { image, commit: brief.baseBranch }, signal);
        sandboxId = created = sandbox.id;
        baseCommit = sandbox.baseCommit;
        await deps.events.raise(brief.taskId, 'agent_thought', {
          message: `Sandbox ready (${sandbox.runtime}, image ${image}, network ${sandbox.network}) at ${sandbox.baseCommit.slice(0, 12)}`,
        });
        if (install) await installDependencies(deps, brief, sandboxId, signal);
      }
      return {
        brief,
        sandboxId,
        baseCommit,
        sandboxImage: image,
        repositoryInstructions: guidance.instructions,
        contextExclude: guidance.resolved.config.exclude,
        ...(await survey(deps, brief, sandboxId, relevant, signal)),
      };
    } catch (error) {
      // This step's sandbox is not in any checkpoint yet: nobody else could release it, and a
      // retry of the step would create another one.
      if (created) await deps.sandbox.destroy(created).catch(() => undefined);
      throw sandboxEngineFailure(error) ?? error;
    }
  };
}

/** The overview the planner starts from and the baseline test run later failures are judged against. */
async function survey(
  deps: PipelineDependencies,
  brief: TaskBrief,
  sandboxId: string,
  relevant: RelevantFiles,
  signal?: AbortSignal,
): Promise<Pick<TaskGraphUpdate, 'repositoryOverview' | 'baseline'>> {
  const listing = await deps.sandbox.list(sandboxId, '.', { recursive: true, maxEntries: OVERVIEW_ENTRIES }, signal);
  const overview =
    listing.entries.map((entry) => `${entry.type === 'directory' ? 'd' : '-'} ${entry.path}`).join('\n') +
    (relevant.text
      ? `\n\nFiles most likely relevant to the task (ranked by repository intelligence):\n${relevant.text}`
      : '');

  const command: RunValidationCommand = {
    requestId: `${brief.taskId}:${brief.attempt}:baseline`,
    taskId: brief.taskId,
    sandboxId,
    phase: 'baseline',
    testCommand: brief.testCommand,
    lintCommand: brief.lintCommand,
    lintMode: brief.lintMode,
  };
  const baseline = await deps.rpc.call(MessagePatterns.RunValidation, command, deps.timeouts.validationMs);
  await deps.events.raise(brief.taskId, 'agent_thought', {
    message: `Baseline: ${baseline.tests.passed} passed, ${baseline.tests.failed} failed (${baseline.tests.framework})`,
  });
  return { repositoryOverview: overview, baseline };
}

/**
 * Installs the repository's packages through the sandbox's registry-only egress (also for best-of-N candidates). Whatever the
 * install leaves behind untracked (node_modules, a lockfile it wrote, a venv) is then excluded in
 * the workspace's local git config, so it never shows up in the task's diff.
 */
export async function installDependencies(
  deps: PipelineDependencies,
  brief: TaskBrief,
  sandboxId: string,
  signal?: AbortSignal,
): Promise<void> {
  const result = await deps.sandbox.installDependencies(
    sandboxId,
    { setupCommand: brief.setupCommand ?? undefined, timeoutMs: INSTALL_TIMEOUT_MS },
    signal,
  );
  if (result.warmEnvironment) {
    await deps.events.raise(brief.taskId, 'agent_thought', {
      message: describeWarmEnvironment(result.warmEnvironment),
      warmEnvironment: result.warmEnvironment,
    });
  }
  for (const step of result.steps) {
    await deps.events.raise(brief.taskId, 'command_executed', {
      phase: 'setup',
      command: step.command,
      exitCode: step.exitCode,
      durationMs: step.durationMs,
      timedOut: step.timedOut,
    });
  }
  if (!result.ok && result.failure) {
    const { category, command, outputTail } = result.failure;
    const blocked = (await deps.sandbox.blockedEgress(sandboxId).catch(() => null))?.attempts.map((a) => a.host) ?? [];
    throw new AgentRequestFailed({
      category: category === 'timeout' ? 'transient' : 'user_correctable',
      message: `installing dependencies failed (${category}) running "${command}"${blocked.length ? `; blocked hosts: ${[...new Set(blocked)].join(', ')}` : ''}: ${outputTail.slice(-800)}`,
      recoverable: true,
    });
  }
  await deps.sandbox.exec(
    sandboxId,
    { command: 'git ls-files --others --exclude-standard --directory >> .git/info/exclude', timeoutMs: 30_000 },
    signal,
  );
}

const INSTALL_TIMEOUT_MS = 10 * 60_000;
