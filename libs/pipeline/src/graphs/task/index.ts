import type { BaseCheckpointSaver } from '@langchain/langgraph';
import { END, START, StateGraph } from '@langchain/langgraph';
import { AgentRequestFailed } from '../../agent-rpc.client';
import type { PipelineDependencies } from '../../pipeline-dependencies';
import { analyseNode } from './nodes/analyse.node';
import { budgetPauseNode } from './nodes/budget-pause.node';
import { clarificationNode } from './nodes/clarification.node';
import { diffApprovalNode } from './nodes/diff-approval.node';
import { dependencyCheckNode, afterDependencyCheck } from './nodes/dependency-check.node';
import { diffNode } from './nodes/diff.node';
import { executeNode } from './nodes/execute.node';
import { pauseNode } from './nodes/pause.node';
import { planApprovalNode } from './nodes/plan-approval.node';
import { planNode } from './nodes/plan.node';
import { publishNode } from './nodes/publish.node';
import { afterRequiredChecks, requiredChecksNode } from './nodes/required-checks.node';
import { runCandidatesNode } from './nodes/run-candidates.node';
import { switchCandidateNode } from './nodes/switch-candidate.node';
import { summariseNode } from './nodes/summarise.node';
import { validateNode } from './nodes/validate.node';
import { traceGraphNodes } from './node-tracing';
import { TaskGraphState, type TaskGraphStateType } from './task-graph.state';
import { afterValidation } from './validation-route';

/** Transient failures (an agent timing out, a model rate limit) are retried with backoff; others are not. */
const retryPolicy = {
  maxAttempts: 3,
  initialInterval: 1_000,
  backoffFactor: 2,
  retryOn: (error: unknown) => error instanceof AgentRequestFailed && error.error.category === 'transient',
};

/**
 * The task graph (docs/architecture.md, docs/pipeline.md): analyse → plan (⇄ clarification) → (plan approval) → execute ⇄ validate →
 * (pause | required checks) → dependency check (may pause) → diff → (diff approval) → publish → summarise. Checkpointed after every node.
 */
export function buildTaskGraph(deps: PipelineDependencies, checkpointer: BaseCheckpointSaver) {
  const afterValidated = afterValidation(deps.maxRounds);
  return (
    traceGraphNodes(new StateGraph(TaskGraphState))
      .addNode('analyse', analyseNode(deps), { retryPolicy })
      .addNode('draft_plan', planNode(deps), { retryPolicy })
      .addNode('clarification', clarificationNode())
      .addNode('plan_approval', planApprovalNode(deps))
      .addNode('execute', executeNode(deps), { retryPolicy })
      .addNode('validate', validateNode(deps), { retryPolicy })
      .addNode('pause', pauseNode(deps))
      .addNode('check_dependencies', dependencyCheckNode(deps), { retryPolicy })
      .addNode('prepare_diff', diffNode(deps), { retryPolicy })
      .addNode('diff_approval', diffApprovalNode())
      .addNode('publish', publishNode(deps), { retryPolicy })
      .addNode('summarise', summariseNode(deps))
      .addNode('budget_pause', budgetPauseNode(deps))
      .addNode('required_checks', requiredChecksNode(deps))
      // Best-of-N (ADR 0034): not retried as a whole; each candidate's result is stored and reused on a re-run.
      .addNode('run_candidates', runCandidatesNode(deps))
      .addNode('switch_candidate', switchCandidateNode(deps), { retryPolicy })
      .addEdge(START, 'analyse')
      .addEdge('analyse', 'draft_plan')
      // A node stopped at a budget waits in budget_pause, then runs again; a planner's question waits for its answer, then plans again.
      .addConditionalEdges(
        'draft_plan',
        (state: TaskGraphStateType) =>
          state.budgetStop ? 'budget_pause' : state.pendingQuestion ? 'clarification' : 'plan_approval',
        ['budget_pause', 'clarification', 'plan_approval'],
      )
      .addEdge('clarification', 'draft_plan')
      .addConditionalEdges('budget_pause', (state: TaskGraphStateType) => state.budgetStop?.node ?? 'execute', [
        'draft_plan',
        'execute',
      ])
      .addConditionalEdges(
        'plan_approval',
        (state: TaskGraphStateType) =>
          state.planFeedback ? 'draft_plan' : runsCandidates(state) ? 'run_candidates' : 'execute',
        ['draft_plan', 'execute', 'run_candidates'],
      )
      .addConditionalEdges('execute', (state: TaskGraphStateType) => (state.budgetStop ? 'budget_pause' : 'validate'), [
        'budget_pause',
        'validate',
      ])
      // Only a change judged done whose required checks passed (or were waived) reaches the diff, its approval and publishing.
      .addConditionalEdges('validate', afterValidated, ['check_dependencies', 'execute', 'pause', 'required_checks'])
      .addConditionalEdges('required_checks', afterRequiredChecks, [
        'check_dependencies',
        'draft_plan',
        'execute',
        'required_checks',
      ])
      // The selected candidate is judged like a validated round.
      .addConditionalEdges('run_candidates', afterValidated, [
        'check_dependencies',
        'execute',
        'pause',
        'required_checks',
      ])
      .addEdge('switch_candidate', 'check_dependencies')
      // Before the diff is presented, so the reviewer sees the findings and a blocked change never reaches approval.
      .addConditionalEdges('check_dependencies', afterDependencyCheck, ['prepare_diff', 'execute', 'draft_plan'])
      .addConditionalEdges('pause', (state: TaskGraphStateType) => (state.planFeedback ? 'draft_plan' : 'execute'), [
        'draft_plan',
        'execute',
      ])
      .addEdge('prepare_diff', 'diff_approval')
      .addConditionalEdges(
        'diff_approval',
        (state: TaskGraphStateType) =>
          state.candidateSwitch !== null ? 'switch_candidate' : state.codingFeedback ? 'execute' : 'publish',
        ['execute', 'publish', 'switch_candidate'],
      )
      .addEdge('publish', 'summarise')
      .addEdge('summarise', END)
      .compile({ checkpointer })
  );
}

/** Best-of-N (ADR 0034): the candidates run once per task attempt, the first time coding starts. */
function runsCandidates(state: TaskGraphStateType): boolean {
  return (state.brief?.candidates ?? 1) > 1 && !state.candidatesRun;
}

export type TaskGraph = ReturnType<typeof buildTaskGraph>;
