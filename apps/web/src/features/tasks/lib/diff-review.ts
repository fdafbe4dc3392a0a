/** A reviewer's comment on one line of the diff, kept with the review until it is sent. */
export interface LineComment {
  id: string;
  path: string;
  /** `new`: a line of the changed file (added or unchanged); `old`: a removed line, by its old number. */
  side: 'old' | 'new';
  line: number;
  /** react-diff-view's change key (`I12`, `D3`, `N5`), which places the comment under its line. */
  changeKey: string;
  body: string;
}

export interface DiffReview {
  summary: string;
  comments: LineComment[];
}

export const EMPTY_REVIEW: DiffReview = { summary: '', comments: [] };

/** Where a comment points, as the coding agent reads it: `src/app.ts:12`, or the removed line's old number. */
export function lineReference(comment: Pick<LineComment, 'path' | 'side' | 'line'>): string {
  return comment.side === 'new' ? `${comment.path}:${comment.line}` : `${comment.path}:${comment.line} (removed line)`;
}

/** Comments in reading order: by file as listed, then by line. */
export function sortComments(comments: readonly LineComment[], fileOrder: readonly string[] = []): LineComment[] {
  const rank = (path: string) => {
    const index = fileOrder.indexOf(path);
    return index === -1 ? fileOrder.length : index;
  };
  return [...comments].sort(
    (a, b) =>
      rank(a.path) - rank(b.path) ||
      a.path.localeCompare(b.path) ||
      a.line - b.line ||
      (a.side === b.side ? 0 : a.side === 'old' ? -1 : 1),
  );
}

/**
 * The feedback text "Request changes" sends (the API takes free text): the overall summary, then
 * one line per inline comment with its file:line reference. Empty when there is nothing to say.
 */
export function composeFeedback(review: DiffReview, fileOrder: readonly string[] = []): string {
  const summary = review.summary.trim();
  const comments = sortComments(
    review.comments.filter((comment) => comment.body.trim() !== ''),
    fileOrder,
  );
  const lines = comments.map(
    (comment) => `- ${lineReference(comment)}: ${comment.body.trim().replace(/\s*\n\s*/g, ' ')}`,
  );
  if (lines.length === 0) return summary;
  return [...(summary ? [summary, ''] : []), 'Inline comments:', ...lines].join('\n');
}

/**
 * The reviewer's own words of a feedback text composeFeedback made, without the "Inline comments:"
 * list: the record shows those comments one by one from the decision's structured comments.
 */
export function feedbackSummary(feedback: string, hasComments: boolean): string {
  if (!hasComments) return feedback;
  if (feedback.startsWith('Inline comments:\n')) return '';
  const at = feedback.indexOf('\n\nInline comments:\n');
  return at === -1 ? feedback : feedback.slice(0, at);
}
