import { interrupt } from '@langchain/langgraph';
import { wrapUntrustedData } from '@patchbay/contracts';
import { git } from '@patchbay/local-forge';
import {
  dependencyPolicyOf,
  loadPatchbayConfig,
  PatchbayConfigError,
  type DependencyPolicy,
} from '@patchbay/repo-config';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { askResearchAgent } from '../../../research.client';
import { dependencyChanges, ManifestUnreadable, type DependencyChange } from '../dependency-changes';
import { checkDependencies, describeDependencyBlock, type DependencyFinding } from '../dependency-check';
import { requireBrief } from '../stage';
import type { PauseDecision, TaskBrief, TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';

const MANIFEST = 'package.json';
const LOCKFILE = 'package-lock.json';

/**
 * Runs once the change is judged done and before its diff is prepared for review: every
 * dependency the change adds to a package.json is checked for advisories and licence by the
 * research agent. Findings travel to the pull request as risks; a blocking one (an advisory at
 * the policy's severity, a denied licence) pauses the task with a report naming the package,
 * the advisory and the rule, so nothing is presented for approval or published until a person
 * decides. A resume sends the task back to coding ("fix it") or planning ("change approach").
 */
export function dependencyCheckNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    const sandboxId = requireBrief(state.sandboxId, 'a sandbox');
    const { files, baseCommit } = await deps.sandbox.diff(sandboxId);
    const manifests = files
      .map((file) => file.path)
      .filter((path) => path === MANIFEST || path.endsWith(`/${MANIFEST}`));
    if (manifests.length === 0) return { dependencyFindings: [] };

    const changes: DependencyChange[] = [];
    const findings: DependencyFinding[] = [];
    for (const manifest of manifests) {
      const lockPath = manifest.slice(0, -MANIFEST.length) + LOCKFILE;
      const before = await git(brief.barePath, ['show', `${baseCommit}:${manifest}`]).catch(() => null);
      const after = await readWorkspaceFile(deps, sandboxId, manifest);
      try {
        changes.push(...dependencyChanges(manifest, before, after, await readWorkspaceFile(deps, sandboxId, lockPath)));
      } catch (error) {
        if (!(error instanceof ManifestUnreadable)) throw error;
        findings.push({
          package: manifest,
          version: null,
          manifest,
          kind: 'unchecked',
          blocks: false,
          message: `${error.message}; its dependencies were not checked`,
        });
      }
    }
    if (changes.length > 0) {
      const policy = await repositoryPolicy(brief, baseCommit);
      findings.push(
        ...(await checkDependencies(changes, policy, (query) => askResearchAgent(deps, brief.taskId, query))),
      );
      await deps.events.raise(brief.taskId, 'agent_thought', {
        message: `Dependency check: ${changes.length} new or changed dependencies (${changes.map((c) => `${c.name}@${c.version ?? c.to}`).join(', ')}); ${findings.length === 0 ? 'nothing found' : `${findings.length} finding(s)`}`,
        dependencyFindings: findings,
      });
    }
    const blocking = findings.filter((finding) => finding.blocks);
    if (blocking.length === 0) return { dependencyFindings: findings };

    const report = describeDependencyBlock(blocking);
    const from = await deps.events.changeStatus(brief.taskId, 'paused');
    if (from !== null) {
      await deps.events.raise(brief.taskId, 'error', {
        category: 'user_correctable',
        severity: 'error',
        recoverable: true,
        message: `Publishing blocked by the dependency policy: ${blocking.map((finding) => `${finding.package}@${finding.version ?? '?'} (${finding.kind === 'advisory' ? `${finding.advisory?.severity} advisory ${finding.advisory?.id}` : `licence ${finding.license}`})`).join(', ')}`,
        report,
        dependencyFindings: blocking,
        actions: ['fix_it', 'change_approach', 'abort'],
      });
    }
    const answer = interrupt<{ kind: 'paused'; failures: number }, PauseDecision>({
      kind: 'paused',
      failures: blocking.length,
    });
    if (answer.action === 'change_approach') {
      return {
        dependencyFindings: findings,
        round: 0,
        resumeRevision: state.resumeRevision + 1,
        planFeedback: `${wrapUntrustedData('the dependency check', report)}${answer.note ? `\n\nThe reviewer adds: ${answer.note}` : ''}`,
        codingFeedback: null,
      };
    }
    return {
      dependencyFindings: findings,
      round: 0,
      resumeRevision: state.resumeRevision + 1,
      codingFeedback: `Remove or replace the dependencies the repository's policy blocks:\n${wrapUntrustedData('the dependency check', report)}${answer.note ? `\n\nThe reviewer adds: ${answer.note}` : ''}`,
    };
  };
}

/** Where the graph goes after the check: on to the diff, or back to coding or planning after a blocked check was resumed. */
export function afterDependencyCheck(state: TaskGraphStateType): 'prepare_diff' | 'execute' | 'draft_plan' {
  if (!state.dependencyFindings.some((finding) => finding.blocks)) return 'prepare_diff';
  return state.planFeedback ? 'draft_plan' : 'execute';
}

async function readWorkspaceFile(deps: PipelineDependencies, sandboxId: string, path: string): Promise<string | null> {
  try {
    return (await deps.sandbox.readFile(sandboxId, path)).content;
  } catch {
    return null;
  }
}

/** The policy from `.patchbay.yml` at the base commit (the change cannot loosen it); a broken file means the defaults, as for every other key. */
async function repositoryPolicy(brief: TaskBrief, baseCommit: string): Promise<DependencyPolicy> {
  try {
    const file = await loadPatchbayConfig((path) =>
      git(brief.barePath, ['show', `${baseCommit}:${path}`]).catch(() => null),
    );
    return dependencyPolicyOf(file?.config);
  } catch (error) {
    if (error instanceof PatchbayConfigError) return dependencyPolicyOf(null);
    throw error;
  }
}
