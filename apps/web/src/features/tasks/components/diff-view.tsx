import { type KeyboardEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import {
  type ChangeData,
  Decoration,
  Diff,
  getChangeKey,
  Hunk,
  type RenderGutter,
  type ViewType,
} from 'react-diff-view';
import 'react-diff-view/style/index.css';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { inputClass } from '../../../ui/field';
import { EmptyState, Loading } from '../../../ui/states';
import { useDiffReview } from '../hooks/use-diff-review';
import { usePlanConformance } from '../hooks/use-plan-conformance';
import { useTaskAction } from '../hooks/use-task-actions';
import { useTaskAttemptDiffs, useTaskDiff } from '../hooks/use-task-diff';
import type { ChangeExplanation } from '../lib/change-explanations';
import { type DiffFile, diffFiles, languageOf } from '../lib/diff-files';
import { composeFeedback, type LineComment, lineReference, sortComments } from '../lib/diff-review';
import { highlightHunks } from '../lib/highlight-diff';
import { DiffAttemptPicker, type DiffChoice } from './diff-attempt-picker';
import { ExplainChangePanel } from './explain-change-panel';
import { PlanConformancePanel } from './plan-conformance-panel';
import './diff-view.css';

const VIEW_TYPE_KEY = 'patchbay.diff-view-type';
/** The API's limit on feedback text (rejectRequestSchema). */
const MAX_FEEDBACK = 10_000;

const FILE_KIND: Partial<Record<DiffFile['type'], string>> = {
  add: 'new file',
  delete: 'deleted',
  rename: 'renamed',
  copy: 'copied',
};

function storedViewType(): ViewType {
  return localStorage.getItem(VIEW_TYPE_KEY) === 'split' ? 'split' : 'unified';
}

/** The line a comment on this change points at: added and unchanged lines by their new number, removed ones by their old. */
function anchorOf(change: ChangeData): { side: 'old' | 'new'; line: number } {
  if (change.type === 'insert') return { side: 'new', line: change.lineNumber };
  if (change.type === 'delete') return { side: 'old', line: change.lineNumber };
  return { side: 'new', line: change.newLineNumber };
}

export interface DiffViewProps {
  taskId: string;
  /** Commenting, approval, request changes and reject are offered only while the diff awaits approval and the user may decide. */
  reviewable: boolean;
  /** The questions asked about the diff so far, with their answers (explanationsOf the task's events). */
  explanations?: readonly ChangeExplanation[];
  /** Whether the user may ask about the diff: it is up for review or later, and they may develop. */
  mayExplain?: boolean;
}

export function DiffView({ taskId, reviewable: mayReview, explanations = [], mayExplain = false }: DiffViewProps) {
  const [choice, setChoice] = useState<DiffChoice>('latest');
  const attempts = useTaskAttemptDiffs(taskId);
  const diff = useTaskDiff(taskId, choice === 'latest' ? undefined : choice);
  // An earlier attempt is for comparing only: comments and decisions belong to the diff under review.
  const reviewable = mayReview && choice === 'latest';
  const files = useMemo(() => diffFiles(diff.data ?? ''), [diff.data]);
  const [selected, setSelected] = useState(0);
  const [viewType, setViewType] = useState<ViewType>(storedViewType);
  const [panel, setPanel] = useState<'none' | 'request-changes' | 'reject' | 'confirm-approve'>('none');
  const { review, setSummary, addComment, removeComment, clear } = useDiffReview(taskId);
  const action = useTaskAction(taskId);
  const conformance = usePlanConformance(taskId);
  // The acknowledgement holds for the diff it was given on; a new diff asks again.
  const [acknowledgedDiff, setAcknowledgedDiff] = useState<string | null>(null);
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);

  const picker = (
    <DiffAttemptPicker
      attempts={attempts.data ?? []}
      value={choice}
      onChange={(next) => {
        setChoice(next);
        setSelected(0);
      }}
    />
  );
  if (diff.isPending) return <Loading label="Loading the diff…" />;
  if (diff.error)
    return (
      <div className="space-y-3">
        {picker}
        <Banner tone="error">{describeError(diff.error)}</Banner>
      </div>
    );
  if (diff.data === null || files.length === 0) {
    return (
      <div className="space-y-3">
        {picker}
        <EmptyState>
          {attempts.data?.length
            ? 'No diff for review yet. Pick an attempt to see the change after that coding round.'
            : "No diff yet. The coding agent's changes appear here once it has edited the code."}
        </EmptyState>
      </div>
    );
  }

  const index = Math.min(selected, files.length - 1);
  const file = files[index];
  const fileOrder = files.map((f) => f.path);
  const feedback = composeFeedback(review, fileOrder);
  const commentCount = review.comments.length;
  const totals = files.reduce(
    (sum, f) => ({ additions: sum.additions + f.additions, deletions: sum.deletions + f.deletions }),
    { additions: 0, deletions: 0 },
  );

  const chooseViewType = (next: ViewType) => {
    setViewType(next);
    localStorage.setItem(VIEW_TYPE_KEY, next);
  };

  // Tabs follow the WAI-ARIA pattern: arrow keys move between files, Home/End to the ends.
  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const targets: Record<string, number> = {
      ArrowRight: (index + 1) % files.length,
      ArrowLeft: (index - 1 + files.length) % files.length,
      Home: 0,
      End: files.length - 1,
    };
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    setSelected(target);
    tabs.current[target]?.focus();
  };

  // The comments go as structured data too, so the review record lists them after they are sent (ADR 0017).
  const sentComments = sortComments(
    review.comments.filter((comment) => comment.body.trim() !== ''),
    fileOrder,
  ).map(({ path, side, line, body }) => ({ path, side, line, body: body.trim() }));
  const requestChanges = () =>
    action.mutate(
      { kind: 'reject-diff', feedback, comments: sentComments },
      {
        onSuccess: () => {
          clear();
          setPanel('none');
        },
      },
    );
  const unsent = commentCount + (review.summary.trim() ? 1 : 0);
  // The report is about the diff under review, not an earlier attempt's.
  const conformanceView = choice === 'latest' ? (conformance.data ?? null) : null;
  const report = conformanceView?.report ?? null;
  const outOfPlan = report?.outOfPlan ?? [];
  const awaitsAcknowledgement = outOfPlan.length > 0 && acknowledgedDiff !== report?.diffSha256;
  const approve = () =>
    action.mutate(
      { kind: 'approve-diff', ...(outOfPlan.length > 0 ? { acknowledgeOutOfPlan: outOfPlan } : {}) },
      {
        onSuccess: () => {
          clear();
          setPanel('none');
        },
      },
    );

  return (
    <div className="space-y-3" data-testid="diff-view" data-view-type={viewType} data-attempt={choice}>
      {picker}
      {diff.isPlaceholderData && (
        <p className="text-xs text-slate-400" role="status">
          Loading the diff…
        </p>
      )}
      {choice !== 'latest' && (
        <p className="text-xs text-slate-400" data-testid="attempt-diff-note">
          The change after this coding round, against the base commit. Comments and decisions go on the latest diff.
        </p>
      )}
      {conformanceView && (
        <PlanConformancePanel
          view={conformanceView}
          reviewable={reviewable}
          acknowledged={!awaitsAcknowledgement}
          onAcknowledgedChange={(checked) => setAcknowledgedDiff(checked ? conformanceView.report.diffSha256 : null)}
        />
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-400">
          {files.length} {files.length === 1 ? 'file' : 'files'} changed,{' '}
          <span className="text-emerald-300">+{totals.additions}</span>{' '}
          <span className="text-rose-300">-{totals.deletions}</span>
          {commentCount > 0 && (
            <span className="ml-2 text-amber-200" data-testid="diff-comment-count">
              · {commentCount} inline {commentCount === 1 ? 'comment' : 'comments'}
            </span>
          )}
        </p>
        <div role="group" aria-label="Diff layout" className="flex overflow-hidden rounded-md ring-1 ring-slate-700">
          {(['unified', 'split'] as const).map((type) => (
            <button
              key={type}
              type="button"
              aria-pressed={viewType === type}
              onClick={() => chooseViewType(type)}
              className={`px-2.5 py-1 text-xs focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-400 ${viewType === type ? 'bg-slate-700 text-white' : 'bg-slate-900 text-slate-300 hover:bg-slate-800'}`}
            >
              {type === 'unified' ? 'Unified' : 'Side by side'}
            </button>
          ))}
        </div>
      </div>
      <div role="tablist" aria-label="Changed files" className="flex flex-wrap gap-1">
        {files.map((f, i) => {
          const comments = review.comments.filter((comment) => comment.path === f.path).length;
          return (
            <button
              key={f.key}
              ref={(element) => {
                tabs.current[i] = element;
              }}
              id={`diff-tab-${i}`}
              role="tab"
              type="button"
              aria-selected={i === index}
              aria-controls="diff-file-panel"
              tabIndex={i === index ? 0 : -1}
              onClick={() => setSelected(i)}
              onKeyDown={onTabKeyDown}
              className={`rounded-md px-2 py-1 font-mono text-xs focus-visible:outline-2 focus-visible:outline-indigo-400 ${i === index ? 'bg-slate-700 text-white' : 'bg-slate-900 text-slate-300 hover:bg-slate-800'}`}
            >
              {f.path} <span className="text-emerald-300">+{f.additions}</span>{' '}
              <span className="text-rose-300">-{f.deletions}</span>
              {comments > 0 && (
                <span className="ml-1 rounded bg-amber-900/70 px-1 text-amber-100">
                  {comments} {comments === 1 ? 'comment' : 'comments'}
                </span>
              )}
            </button>
          );
        })}
      </div>
      <div
        id="diff-file-panel"
        role="tabpanel"
        aria-labelledby={`diff-tab-${index}`}
        className="overflow-hidden rounded-md border border-slate-800 bg-slate-950"
      >
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-800 bg-slate-900 px-3 py-1.5 font-mono text-xs text-slate-300">
          <span data-testid="diff-file-path">
            {file.previousPath ? `${file.previousPath} → ${file.path}` : file.path}
          </span>
          {FILE_KIND[file.type] && (
            <span className="rounded bg-slate-800 px-1.5 py-0.5 font-sans text-slate-400">{FILE_KIND[file.type]}</span>
          )}
        </div>
        <FileDiff
          key={`${file.key}-${viewType}`}
          file={file}
          viewType={viewType}
          reviewable={reviewable}
          comments={review.comments.filter((comment) => comment.path === file.path)}
          onAddComment={addComment}
          onRemoveComment={removeComment}
        />
      </div>
      {choice === 'latest' && (mayExplain || explanations.length > 0) && (
        <ExplainChangePanel
          key={file.path}
          taskId={taskId}
          file={file.path}
          firstChangedLine={firstChangedLine(file)}
          explanations={explanations}
          canAsk={mayExplain}
        />
      )}
      {action.error && <Banner tone="error">{describeError(action.error)}</Banner>}
      {reviewable && (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            {/* Approving drops an unsent review, so with one pending the reviewer chooses first. */}
            <Button
              variant="primary"
              disabled={action.isPending || awaitsAcknowledgement}
              title={awaitsAcknowledgement ? 'Acknowledge the changes outside the plan first' : undefined}
              onClick={() => (unsent > 0 ? setPanel('confirm-approve') : approve())}
              aria-expanded={unsent > 0 ? panel === 'confirm-approve' : undefined}
            >
              Approve and open PR
            </Button>
            <Button
              onClick={() => setPanel(panel === 'request-changes' ? 'none' : 'request-changes')}
              aria-expanded={panel === 'request-changes'}
            >
              Request changes…{commentCount > 0 ? ` (${commentCount})` : ''}
            </Button>
            <Button
              variant="danger"
              onClick={() => setPanel(panel === 'reject' ? 'none' : 'reject')}
              aria-expanded={panel === 'reject'}
            >
              Reject…
            </Button>
            {commentCount > 0 && panel !== 'request-changes' && (
              <span className="text-xs text-slate-400">Inline comments are sent with “Request changes”.</span>
            )}
          </div>
          {panel === 'request-changes' && (
            <form
              className="flex flex-col gap-2 rounded-md border border-slate-800 bg-slate-900 p-3"
              aria-label="Request changes"
              onSubmit={(event) => {
                event.preventDefault();
                requestChanges();
              }}
            >
              <label htmlFor="diff-feedback" className="text-sm text-slate-300">
                What should change?
              </label>
              <textarea
                id="diff-feedback"
                className={inputClass}
                rows={3}
                value={review.summary}
                onChange={(event) => setSummary(event.target.value)}
                placeholder="Overall feedback for the coding agent (optional when you left inline comments)"
              />
              {commentCount > 0 && (
                <div className="text-xs text-slate-300">
                  <p className="mb-1">
                    With {commentCount} inline {commentCount === 1 ? 'comment' : 'comments'}:
                  </p>
                  <ul className="space-y-0.5 font-mono" data-testid="feedback-comments">
                    {review.comments.map((comment) => (
                      <li key={comment.id} className="truncate">
                        {lineReference(comment)}: {comment.body}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {feedback.length > MAX_FEEDBACK && (
                <p className="text-xs text-rose-300" role="alert">
                  The feedback is {feedback.length} characters; the limit is {MAX_FEEDBACK}.
                </p>
              )}
              <div>
                <Button
                  type="submit"
                  variant="primary"
                  disabled={action.isPending || feedback === '' || feedback.length > MAX_FEEDBACK}
                >
                  Send to the coding agent
                </Button>
              </div>
            </form>
          )}
          {panel === 'confirm-approve' && (
            <div
              className="flex flex-wrap items-center gap-2 rounded-md border border-amber-800 bg-amber-950/40 p-3 text-sm text-amber-100"
              role="alertdialog"
              aria-label="Unsent review"
              data-testid="confirm-approve"
            >
              <span>
                {commentCount > 0
                  ? `You have ${commentCount} unsent inline ${commentCount === 1 ? 'comment' : 'comments'}${review.summary.trim() ? ' and unsent feedback' : ''}. Approving opens the pull request without them.`
                  : 'You have unsent feedback. Approving opens the pull request without it.'}
              </span>
              <Button
                variant="primary"
                disabled={action.isPending || feedback === '' || feedback.length > MAX_FEEDBACK}
                onClick={requestChanges}
              >
                Send them (request changes)
              </Button>
              <Button variant="danger" disabled={action.isPending || awaitsAcknowledgement} onClick={approve}>
                Discard them and approve
              </Button>
              <Button variant="ghost" onClick={() => setPanel('none')}>
                Cancel
              </Button>
            </div>
          )}
          {panel === 'reject' && (
            <div
              className="flex flex-wrap items-center gap-2 rounded-md border border-rose-900 bg-rose-950/40 p-3 text-sm text-rose-100"
              role="group"
              aria-label="Reject the change"
            >
              <span>Rejecting discards this change and cancels the task; no pull request is opened.</span>
              <Button
                variant="danger"
                disabled={action.isPending}
                onClick={() =>
                  action.mutate(
                    { kind: 'cancel' },
                    {
                      onSuccess: () => {
                        clear();
                        setPanel('none');
                      },
                    },
                  )
                }
              >
                Reject and cancel the task
              </Button>
              <Button variant="ghost" onClick={() => setPanel('none')}>
                Keep reviewing
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** Where a line selection in the file starts: its first changed line as the diff numbers it. */
function firstChangedLine(file: DiffFile): number {
  for (const hunk of file.data.hunks)
    for (const change of hunk.changes) if (change.type !== 'normal') return anchorOf(change).line;
  return 1;
}

interface FileDiffProps {
  file: DiffFile;
  viewType: ViewType;
  reviewable: boolean;
  comments: LineComment[];
  onAddComment: (comment: Omit<LineComment, 'id'>) => void;
  onRemoveComment: (id: string) => void;
}

/** One file's hunks, syntax highlighted, with a comment button on each line number while reviewable. */
function FileDiff({ file, viewType, reviewable, comments, onAddComment, onRemoveComment }: FileDiffProps) {
  const [composing, setComposing] = useState<ChangeData | null>(null);
  const tokens = useMemo(() => highlightHunks(file.data.hunks, languageOf(file.path)), [file]);

  if (file.data.hunks.length === 0) {
    return (
      <p className="px-3 py-4 text-sm text-slate-400">
        No textual changes in this file (renamed, binary or a mode change).
      </p>
    );
  }

  const renderGutter: RenderGutter = ({ change, side, renderDefault }) => {
    const anchor = anchorOf(change);
    if (!reviewable || anchor.side !== side) return renderDefault();
    return (
      <button
        type="button"
        className="diff-line-button"
        aria-label={`Comment on ${lineReference({ path: file.path, ...anchor })}`}
        onClick={() => setComposing(change)}
      >
        {renderDefault()}
      </button>
    );
  };

  const widgets: Record<string, ReactNode> = {};
  const byKey = new Map<string, LineComment[]>();
  for (const comment of comments) byKey.set(comment.changeKey, [...(byKey.get(comment.changeKey) ?? []), comment]);
  const composingKey = composing ? getChangeKey(composing) : null;
  for (const key of new Set([...byKey.keys(), ...(composingKey ? [composingKey] : [])])) {
    widgets[key] = (
      <LineComments
        comments={byKey.get(key) ?? []}
        composer={
          composing && composingKey === key
            ? {
                reference: lineReference({ path: file.path, ...anchorOf(composing) }),
                onSave: (body) => {
                  onAddComment({ path: file.path, ...anchorOf(composing), changeKey: key, body });
                  setComposing(null);
                },
                onCancel: () => setComposing(null),
              }
            : null
        }
        removable={reviewable}
        onRemove={onRemoveComment}
      />
    );
  }

  return (
    <div className="overflow-x-auto">
      <Diff
        viewType={viewType}
        diffType={file.type}
        hunks={file.data.hunks}
        tokens={tokens}
        widgets={widgets}
        renderGutter={renderGutter}
        className="patchbay-diff"
      >
        {(hunks) =>
          hunks.flatMap((hunk) => [
            <Decoration key={`decoration-${hunk.content}`}>
              <span className="block px-3 py-0.5 text-sky-300">{hunk.content}</span>
            </Decoration>,
            <Hunk key={`hunk-${hunk.content}`} hunk={hunk} />,
          ])
        }
      </Diff>
    </div>
  );
}

interface LineCommentsProps {
  comments: LineComment[];
  composer: { reference: string; onSave: (body: string) => void; onCancel: () => void } | null;
  removable: boolean;
  onRemove: (id: string) => void;
}

function LineComments({ comments, composer, removable, onRemove }: LineCommentsProps) {
  const [body, setBody] = useState('');
  return (
    <div
      className="space-y-2 border-y border-slate-800 bg-slate-900 px-3 py-2 font-sans text-sm"
      data-testid="line-comments"
    >
      {comments.map((comment) => (
        <div
          key={comment.id}
          className="flex items-start justify-between gap-3 rounded border border-amber-900/60 bg-amber-950/30 px-2 py-1.5"
          data-testid="line-comment"
        >
          <div className="min-w-0">
            <p className="font-mono text-xs text-amber-200">{lineReference(comment)}</p>
            <p className="whitespace-pre-wrap text-slate-100">{comment.body}</p>
          </div>
          {removable && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => onRemove(comment.id)}
              aria-label={`Delete the comment on ${lineReference(comment)}`}
            >
              Delete
            </Button>
          )}
        </div>
      ))}
      {composer && (
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (body.trim()) composer.onSave(body.trim());
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') composer.onCancel();
          }}
        >
          <label className="block text-xs text-slate-400" htmlFor="line-comment-body">
            Comment on <span className="font-mono">{composer.reference}</span>
          </label>
          {/* The composer opens because the reviewer asked for it on this line, so it takes the focus. */}
          <textarea
            id="line-comment-body"
            className={inputClass}
            rows={2}
            autoFocus
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
          <div className="flex gap-2">
            <Button type="submit" size="sm" variant="primary" disabled={body.trim() === ''}>
              Add comment
            </Button>
            <Button size="sm" variant="ghost" onClick={composer.onCancel}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
