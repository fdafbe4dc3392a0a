import { stripAnsi, trimMiddle, type CodingContext } from '@patchbay/contracts';
import type { TaskGraphStateType } from './task-graph.state';

/** Bounds on the coder's starting context: about 6k tokens of baseline failures and 4k of overview. */
export const CODING_CONTEXT_LIMITS = { baselineFailures: 20, messageChars: 1_200, overviewChars: 16_000 } as const;

/**
 * What the coder starts from besides the plan, taken from the analysis: the base commit's
 * failing tests with their full names and trimmed messages, the test command the platform
 * judges by, the overview the planner saw, and the repository's AGENTS.md instructions.
 */
export function codingContext(
  state: Pick<TaskGraphStateType, 'baseline' | 'repositoryOverview' | 'repositoryInstructions' | 'contextExclude'>,
): CodingContext {
  const failures = state.baseline?.tests.failures ?? [];
  const shown = failures.slice(0, CODING_CONTEXT_LIMITS.baselineFailures);
  return {
    baselineFailures: shown.map((failure) => ({
      name: failure.name,
      ...(failure.file ? { file: failure.file } : {}),
      message: trimMiddle(stripAnsi(failure.message).trim(), CODING_CONTEXT_LIMITS.messageChars),
    })),
    baselineFailuresOmitted: failures.length - shown.length,
    testCommand: state.baseline?.tests.command ?? null,
    overview: trimMiddle(state.repositoryOverview, CODING_CONTEXT_LIMITS.overviewChars),
    instructions: state.repositoryInstructions,
    exclude: state.contextExclude,
  };
}
