import { stripAnsi, trimMiddle } from '@patchbay/contracts';

/** About 3k tokens: enough for a screenful of output, small enough to keep many steps in the window. */
export const TOOL_OUTPUT_LIMIT = 12_000;

/**
 * Output as the model should read it: terminal colours stripped, and when long, the start and the
 * end kept (where commands print what they run and how it ended) with a note saying what was cut.
 */
export function toolOutput(text: string, limit = TOOL_OUTPUT_LIMIT): string {
  return trimMiddle(stripAnsi(text), limit);
}
