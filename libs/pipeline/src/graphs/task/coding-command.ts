import {
  mergeTaskConstraints,
  type BudgetLine,
  type PreviousRound,
  type RunCodingStepCommand,
} from '@patchbay/contracts';
import type { PipelineDependencies } from '../../pipeline-dependencies';
import { clarificationsSection } from './clarifications-section';
import { codingContext } from './coding-context';
import { codingMcpServersOf } from './mcp-servers';
import { requireBrief } from './stage';
import type { TaskGraphStateType } from './task-graph.state';

/** What differs between one coding round and another: where it runs, under which request id, and what it continues from. */
export interface CodingRoundParts {
  requestId: string;
  sandboxId: string;
  round: number;
  feedback: string | null;
  previousRound?: PreviousRound;
  budget?: BudgetLine[];
  /** Best-of-N (ADR 0034): the candidate this round belongs to. */
  candidate?: { index: number; of: number };
}

/** The coding agent's assignment for one round: the approved plan, the task's rules and context, and the round's parts. */
export async function codingCommand(
  deps: PipelineDependencies,
  state: TaskGraphStateType,
  parts: CodingRoundParts,
): Promise<RunCodingStepCommand> {
  const brief = requireBrief(state.brief, 'a task brief');
  // Read for every round rather than kept in the graph's state: the stored additions are the
  // truth, whether or not this round's coding agent heard their live notices.
  const addedConstraints = await deps.store.addedConstraints(brief.taskId);
  return {
    requestId: parts.requestId,
    taskId: brief.taskId,
    organisationId: brief.organisationId,
    userId: brief.userId,
    sandboxId: parts.sandboxId,
    // The requester's answers to the planner's questions are part of what the task means (ADR 0026).
    prompt: `${brief.prompt}${clarificationsSection(state.clarifications)}`,
    plan: requireBrief(state.plan, 'a plan'),
    feedback: parts.feedback ?? undefined,
    previousRound: parts.previousRound,
    context: {
      ...codingContext(state),
      repository: { barePath: brief.barePath, commit: state.baseCommit ?? brief.baseBranch },
    },
    round: parts.round,
    constraints: mergeTaskConstraints(brief.constraints, addedConstraints),
    ...(addedConstraints.length > 0 ? { addedConstraints } : {}),
    model: brief.model,
    ...(parts.budget?.length ? { budget: parts.budget } : {}),
    ...(await codingMcpServersOf(deps, brief)),
    ...(parts.candidate ? { candidate: parts.candidate } : {}),
  };
}
