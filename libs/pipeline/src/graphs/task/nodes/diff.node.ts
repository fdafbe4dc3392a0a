import { createHash } from 'node:crypto';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { describeFindings, scanDiff } from '@patchbay/secret-scan';
import { AgentRequestFailed } from '../../../agent-rpc.client';
import type { PipelineDependencies } from '../../../pipeline-dependencies';
import { mayAutoApproveDiff } from '../diff-auto-approval';
import { recordPlanConformance } from '../record-plan-conformance';
import { collectEgressReport } from '../egress-report';
import { enterStage, requireBrief } from '../stage';
import type { TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';

/**
 * Collects the change as a diff against the base commit, scans it for secrets before anything
 * could be committed, stores it, and presents it for approval (or approves it automatically).
 */
export function diffNode(deps: PipelineDependencies) {
  return async (state: TaskGraphStateType, config?: LangGraphRunnableConfig): Promise<TaskGraphUpdate> => {
    const brief = requireBrief(state.brief, 'a task brief');
    const sandboxId = requireBrief(state.sandboxId, 'a sandbox');
    const { diff, files } = await deps.sandbox.diff(sandboxId, config?.signal);
    if (!diff.trim()) {
      throw new AgentRequestFailed({
        category: 'code_logic',
        message: 'the coding agent finished without changing any file',
        recoverable: true,
      });
    }
    const avoided = brief.constraints.avoidFiles ?? [];
    const touchedAvoided = files.filter((file) =>
      avoided.some((pattern) => file.path === pattern || file.path.startsWith(pattern.replace(/\*\*?$/, ''))),
    );
    if (touchedAvoided.length > 0) {
      throw new AgentRequestFailed({
        category: 'code_logic',
        message: `the change touches files the task said to avoid: ${touchedAvoided.map((f) => f.path).join(', ')}`,
        recoverable: true,
      });
    }
    const findings = await scanDiff(diff);
    if (findings.length > 0) {
      // Quarantined: the diff is kept only as its hash and the findings, never committed.
      await deps.events.raise(brief.taskId, 'error', {
        category: 'security',
        severity: 'critical',
        recoverable: false,
        message: `Publishing blocked: the change contains what looks like a secret (${describeFindings(findings)})`,
        findings: findings.map((f) => ({ ruleId: f.ruleId, file: f.file, line: f.line, fingerprint: f.fingerprint })),
        diffSha256: createHash('sha256').update(diff).digest('hex'),
      });
      await deps.events.audit({
        organisationId: brief.organisationId,
        action: 'task.publish.blocked-secret',
        targetType: 'task',
        targetId: brief.taskId,
        details: {
          findings: findings.map((f) => ({ ruleId: f.ruleId, file: f.file, line: f.line, fingerprint: f.fingerprint })),
        },
      });
      throw new AgentRequestFailed({
        category: 'security',
        message: `secret scan: ${describeFindings(findings)}`,
        recoverable: false,
      });
    }
    const bytes = Buffer.from(diff, 'utf8');
    const diffHash = createHash('sha256').update(bytes).digest('hex');
    await deps.store.saveArtifact(brief.taskId, 'diff', 'text/x-diff', bytes, diffHash);
    await deps.events.raise(brief.taskId, 'diff_ready', {
      sha256: diffHash,
      files: files.map((f) => ({ path: f.path, additions: f.added, deletions: f.removed })),
      tests: state.latest ? { passed: state.latest.tests.passed, failed: state.latest.tests.failed } : null,
    });
    const planConformance = await recordPlanConformance(deps, brief.taskId, state, { text: diff, sha256: diffHash });
    // Before the review: the reviewer and the PR see what the task tried to reach and was refused.
    const egressReport = await collectEgressReport(deps, brief.taskId, sandboxId, config?.signal);
    const autoApproved = await mayAutoApproveDiff(deps, brief, planConformance);
    if (autoApproved) {
      await deps.store.recordAutoApproval(brief.taskId, 'diff', diffHash);
    } else {
      await enterStage(deps, brief.taskId, 'awaiting_diff_approval');
    }
    // The approval node decides from the brief whether to wait: once the four-eyes rule has held
    // auto-approval back, the brief must say so, or the task would publish unapproved.
    const prepared = { diff, diffHash, planConformance, outOfPlanAcknowledgement: null, egressReport };
    if (autoApproved !== brief.autoApproveDiff) return { ...prepared, brief: { ...brief, autoApproveDiff: false } };
    return prepared;
  };
}
