import type { TaskPullRequestSummary } from '@patchbay/contracts';
import type { OpenedPullRequest } from '../types/task-event-payloads';
import { isLocalForge } from './pull-request-panel';
import { PullRequestStateChip } from './pull-request-state-chip';

/**
 * The header's pull request link: on the local forge it opens the Pull request tab of this page
 * (the forge's URL is this page); a GitHub pull request opens on GitHub.
 */
export function TaskPullRequestLink({
  pullRequest,
  state,
  onOpen,
}: {
  pullRequest: OpenedPullRequest;
  state: TaskPullRequestSummary | null;
  onOpen: () => void;
}) {
  const label = `Pull request${pullRequest.number === undefined ? '' : ` #${pullRequest.number}`}${pullRequest.headBranch ? ` (${pullRequest.headBranch})` : ''}`;
  const className = 'font-medium text-indigo-300 hover:underline';
  return (
    <span className="inline-flex items-center gap-1">
      {isLocalForge(pullRequest) ? (
        <a
          href={pullRequest.url}
          className={className}
          data-testid="pr-link"
          data-pr-number={pullRequest.number}
          onClick={(event) => {
            if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
            event.preventDefault();
            window.history.replaceState(window.history.state, '', pullRequest.url);
            onOpen();
          }}
        >
          {label}
        </a>
      ) : (
        <a
          href={pullRequest.url}
          target="_blank"
          rel="noreferrer noopener"
          className={className}
          data-testid="pr-link"
          data-pr-number={pullRequest.number}
        >
          {label} ↗
        </a>
      )}
      {state && <PullRequestStateChip state={state.state} draft={state.draft} />}
    </span>
  );
}
