import type { ExplainedLines, TaskEvent } from '@patchbay/contracts';

/** A reviewer's question about the diff and the answer so far, as the task's events tell it. */
export interface ChangeExplanation {
  id: string;
  question: string;
  file?: string;
  lines?: ExplainedLines;
  by: string;
  /** The answer as streamed so far, or whole once answered. */
  answer: string;
  status: 'answering' | 'answered' | 'failed';
  model?: string;
  /** Why there is no answer, when failed. */
  failure?: string;
}

/**
 * The task's explanations, oldest first, folded from its events: the question, the streamed
 * pieces in order, then the whole answer (which wins over the pieces) or the reason it failed.
 */
export function explanationsOf(events: readonly TaskEvent[]): ChangeExplanation[] {
  const byId = new Map<string, ChangeExplanation & { lastPiece: number }>();
  for (const event of events) {
    switch (event.type) {
      case 'explanation_requested': {
        const { explanationId, question, file, lines, by } = event.payload;
        byId.set(explanationId, {
          id: explanationId,
          question,
          file,
          lines,
          by,
          answer: '',
          status: 'answering',
          lastPiece: 0,
        });
        break;
      }
      case 'explanation_chunk': {
        const held = byId.get(event.payload.explanationId);
        // Events arrive in order and once each; a piece out of order would garble the answer, so it waits for the whole one.
        if (held?.status !== 'answering' || event.payload.seq !== held.lastPiece + 1) break;
        held.answer += event.payload.text;
        held.lastPiece = event.payload.seq;
        break;
      }
      case 'explanation_answered': {
        const held = byId.get(event.payload.explanationId);
        if (!held) break;
        held.answer = event.payload.answer;
        held.model = event.payload.model;
        held.status = 'answered';
        break;
      }
      case 'explanation_failed': {
        const held = byId.get(event.payload.explanationId);
        if (!held) break;
        held.status = 'failed';
        held.failure = event.payload.message;
        break;
      }
      default:
        break;
    }
  }
  return [...byId.values()].map(({ lastPiece: _lastPiece, ...explanation }) => explanation);
}

/** Where a question pointed: `src/a.js:3-5`, `src/a.js`, or the whole change. */
export function explanationScope(explanation: Pick<ChangeExplanation, 'file' | 'lines'>): string {
  if (!explanation.file) return 'the whole change';
  if (!explanation.lines) return explanation.file;
  const { start, end } = explanation.lines;
  return `${explanation.file}:${start === end ? start : `${start}-${end}`}`;
}
