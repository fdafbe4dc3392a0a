import type { PullRequestView } from '@patchbay/contracts';
import { useState } from 'react';
import { ApiError, describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Loading } from '../../../ui/states';
import { useMergePullRequest, usePullRequest } from '../hooks/use-pull-request';
import { MarkdownView } from './markdown-view';
import { PullRequestStateChip } from './pull-request-state-chip';

/** Whether the pull request lives on GitHub (merged there) or on Patchbay's local forge (merged here). */
export function isLocalForge(pr: Pick<PullRequestView, 'url'> & { forge?: 'local' | 'github' }): boolean {
  return pr.forge ? pr.forge === 'local' : pr.url.startsWith('/');
}

function mergeErrorMessage(error: unknown): string {
  // A conflict is the reviewer's next step, not a failure of the dashboard: say what to do.
  if (error instanceof ApiError && error.status === 409 && /does not merge cleanly/.test(error.message)) {
    return `${error.message}. Resolve the conflict on the branch (or retry the task on the new base), then merge again.`;
  }
  if (error instanceof ApiError && error.status === 403) return `${error.message}. Merging needs the developer role.`;
  return describeError(error);
}

function MergeControl({ taskId, pr }: { taskId: string; pr: PullRequestView }) {
  const merge = useMergePullRequest(taskId);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-2">
      {pr.state !== 'open' ? null : !confirming ? (
        <Button
          variant="primary"
          onClick={() => {
            merge.reset();
            setConfirming(true);
          }}
          disabled={merge.isPending}
        >
          Merge
        </Button>
      ) : (
        <div
          role="group"
          aria-label="Confirm merge"
          className="flex flex-wrap items-center gap-2 text-sm text-slate-300"
        >
          <span>
            Merge <span className="font-mono">{pr.headBranch}</span> into{' '}
            <span className="font-mono">{pr.baseBranch}</span>? The base branch moves; this cannot be undone here.
          </span>
          <Button
            variant="primary"
            autoFocus
            disabled={merge.isPending}
            onClick={() => {
              setConfirming(false);
              merge.mutate();
            }}
          >
            Yes, merge
          </Button>
          <Button onClick={() => setConfirming(false)}>Not now</Button>
        </div>
      )}
      {merge.isPending && (
        <p className="text-xs text-slate-400" role="status">
          Merging…
        </p>
      )}
      {merge.error && (
        <Banner tone="error" onDismiss={() => merge.reset()}>
          <span data-testid="merge-error">{mergeErrorMessage(merge.error)}</span>
        </Banner>
      )}
      {merge.data && (
        <p className="text-xs text-emerald-300" role="status" data-testid="merge-result">
          Merged into {merge.data.baseBranch} at <span className="font-mono">{merge.data.mergedSha.slice(0, 12)}</span>{' '}
          ({merge.data.fastForward ? 'fast-forward' : 'merge commit'}).
        </p>
      )}
    </div>
  );
}

/** The task's pull request: state, branches, the rendered description, and merge or the link to GitHub. */
export function PullRequestPanel({ taskId, canMerge }: { taskId: string; canMerge: boolean }) {
  const pr = usePullRequest(taskId, true);
  if (pr.isPending) return <Loading label="Loading the pull request…" />;
  if (pr.error) {
    if (pr.error instanceof ApiError && pr.error.status === 404)
      return (
        <p className="text-sm text-slate-400">
          This task has no pull request yet: it opens one when its diff is approved and published.
        </p>
      );
    return <Banner tone="error">{describeError(pr.error)}</Banner>;
  }
  const view = pr.data;
  const local = isLocalForge(view);
  return (
    <Card testId="pull-request-panel">
      <div className="mb-3 flex flex-wrap items-center gap-2 border-b border-slate-800 pb-3">
        <h2 className="text-base font-semibold text-slate-100" id={`pull-request-${view.number}`}>
          Pull request #{view.number}
        </h2>
        <PullRequestStateChip state={view.state} draft={view.draft} />
        <span className="text-xs text-slate-400">
          <span className="font-mono" data-testid="pr-head-branch">
            {view.headBranch}
          </span>{' '}
          → <span className="font-mono">{view.baseBranch}</span>
          {view.headSha && (
            <>
              {' '}
              · head <span className="font-mono">{view.headSha.slice(0, 12)}</span>
            </>
          )}{' '}
          · {local ? 'local forge' : 'GitHub'}
        </span>
        <div className="ml-auto">
          {!local && (
            <a
              href={view.url}
              target="_blank"
              rel="noreferrer noopener"
              className="text-sm font-medium text-indigo-300 hover:underline"
              data-testid="pr-github-link"
            >
              Open on GitHub ↗
            </a>
          )}
          {local && canMerge && <MergeControl taskId={taskId} pr={view} />}
        </div>
      </div>
      {view.body.trim() ? (
        <MarkdownView source={view.body} testId="pr-body" />
      ) : (
        <p className="text-sm text-slate-400">No description.</p>
      )}
    </Card>
  );
}
