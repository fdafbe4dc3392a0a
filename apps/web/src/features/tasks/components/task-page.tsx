import {
  CONSTRAINABLE_TASK_STATUSES,
  EXPLAINABLE_TASK_STATUSES,
  FORKABLE_PARENT_STATUSES,
  isTerminalStatus,
  type TaskEvent,
  type TaskStatus,
} from '@patchbay/contracts';
import { type KeyboardEvent, lazy, Suspense, useMemo, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Link } from '../../../app/router';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Loading } from '../../../ui/states';
import { useCan } from '../../auth/hooks/use-me';
import { useTaskAction } from '../hooks/use-task-actions';
import { useTaskEvents } from '../hooks/use-task-events';
import { useTaskReview } from '../hooks/use-task-review';
import { useTask } from '../hooks/use-tasks';
import { useWaiveCheck } from '../hooks/use-waive-check';
import { mayWaive, requiredChecksOf } from '../lib/required-checks';
import { latestAudioSummary } from '../lib/audio-summary';
import { explanationsOf } from '../lib/change-explanations';
import { describeShownPlan, shownPlan } from '../lib/plan-versions';
import { currentError, recoveryActions } from '../lib/task-recovery';
import {
  clarificationsOf,
  latestDiffFiles,
  isTaskStatus,
  latestPlan,
  pullRequestOf,
  statusChangeOf,
} from '../types/task-event-payloads';
import { CandidatesPanel } from './candidates-panel';
import { AudioSummary } from './audio-summary';
import { AddConstraintForm } from './add-constraint-form';
import { CancelTaskButton } from './cancel-task-button';
import { ClarificationPanel } from './clarification-panel';
import { LiveLog } from './live-log';
import { PlanEditor } from './plan-editor';
import { RepositoryConfigurationPanel } from './repository-configuration-panel';
import { RequiredChecksPanel } from './required-checks-panel';
import { ReviewRecord } from './review-record';
import { EgressReportPanel } from './egress-report-panel';
import { StageTimeline } from './stage-timeline';
import { StatusChip } from './status-chip';
import { TaskErrorBanner } from './task-error-banner';
import { TaskUsage } from './task-usage';
import { TestResultsPanel } from './test-results-panel';
import { TraceId } from './trace-id';
import { BacklogOrigin } from '../../backlog/components/backlog-origin';
import { TaskModelsThatRan } from './task-models-that-ran';
import { TaskPullRequestLink } from './task-pull-request-link';
import { PullRequestPanel } from './pull-request-panel';
import { FeedbackPanel } from '../../feedback/components/feedback-panel';
import { TimelinePanel } from '../../timeline/components/timeline-panel';
import { TaskLineageLine } from '../../timeline/components/task-lineage-line';

// The diff view carries the diff renderer and the syntax grammars: loaded when the Diff tab first opens.
const DiffView = lazy(() => import('./diff-view').then((module) => ({ default: module.DiffView })));

type Tab = 'log' | 'plan' | 'diff' | 'tests' | 'configuration' | 'pull-request' | 'timeline';
const TABS: ReadonlyArray<{ id: Tab; label: string }> = [
  { id: 'log', label: 'Live log' },
  { id: 'plan', label: 'Plan' },
  { id: 'diff', label: 'Diff' },
  { id: 'tests', label: 'Tests' },
  { id: 'configuration', label: 'Configuration' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'pull-request', label: 'Pull request' },
];

/** The tab pattern's keys: arrows move to the previous or next tab (wrapping), Home and End to the first and last; focus follows. */
function moveBetweenTabs(event: KeyboardEvent<HTMLDivElement>, current: Tab, choose: (tab: Tab) => void): void {
  const index = TABS.findIndex((t) => t.id === current);
  const targets: Record<string, number> = {
    ArrowRight: index + 1,
    ArrowLeft: index - 1,
    Home: 0,
    End: TABS.length - 1,
  };
  const target = targets[event.key];
  if (target === undefined) return;
  event.preventDefault();
  const next = TABS[(target + TABS.length) % TABS.length].id;
  choose(next);
  event.currentTarget.querySelector<HTMLButtonElement>(`#task-tab-${next}`)?.focus();
}

function lastActiveStage(events: readonly TaskEvent[]): TaskStatus | null {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const change = events[index] ? statusChangeOf(events[index]) : null;
    if (change && !isTerminalStatus(change.to) && change.to !== 'paused') return change.to;
  }
  return null;
}

export function TaskPage({ taskId }: { taskId: string }) {
  const task = useTask(taskId);
  const { events, streamState, streamError } = useTaskEvents(taskId);
  const canDevelop = useCan('developer');
  const action = useTaskAction(taskId);
  // The local forge's pull request URL is this page with a #pull-request-N fragment: it opens that tab.
  const [chosenTab, setChosenTab] = useState<Tab | null>(() =>
    window.location.hash.startsWith('#pull-request') ? 'pull-request' : null,
  );

  const plan = useMemo(() => latestPlan(events), [events]);
  const diffFiles = useMemo(() => latestDiffFiles(events), [events]);
  const pullRequestEvent = useMemo(() => pullRequestOf(events), [events]);
  const review = useTaskReview(taskId);
  // The record's latest version: after an approval with edits, the edited plan (ADR 0017).
  const shown = useMemo(() => shownPlan(review.data, plan?.plan ?? null), [review.data, plan]);
  const error = useMemo(() => currentError(events), [events]);
  const hasAudio = events.some((event) => event.type === 'audio_ready');
  const audioSummary = useMemo(() => latestAudioSummary(events), [events]);
  const clarifications = useMemo(() => clarificationsOf(events), [events]);
  const explanations = useMemo(() => explanationsOf(events), [events]);
  const waiveCheck = useWaiveCheck(taskId);
  const attempt = task.data?.attempt ?? 1;
  const requiredChecks = useMemo(() => requiredChecksOf(events, attempt), [events, attempt]);

  if (task.isPending) return <Loading label="Loading the task…" />;
  if (task.error) return <Banner tone="error">{describeError(task.error)}</Banner>;

  const view = task.data;
  const pullRequest = view.pullRequest ?? pullRequestEvent;
  const status: TaskStatus = isTaskStatus(view.status) ? view.status : 'queued';
  const tab: Tab =
    chosenTab ?? (status === 'awaiting_plan_approval' ? 'plan' : status === 'awaiting_diff_approval' ? 'diff' : 'log');
  const currentAgent = events.at(-1)?.agent ?? null;
  const terminal = isTerminalStatus(status);
  // The error banner carries Retry when it offers it; the header then does not repeat it.
  const bannerOffersRetry = error !== null && canDevelop && recoveryActions(error, status).includes('retry');

  return (
    <div className="space-y-4" data-testid="task-page" data-task-id={view.id}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="text-xs text-slate-400">
            <Link to="/" className="hover:underline">
              Dashboard
            </Link>{' '}
            / <span className="font-mono">{view.repository}</span> @{' '}
            <span className="font-mono">{view.baseBranch}</span>
          </p>
          <h1 className="text-lg font-semibold text-slate-100" data-testid="task-prompt">
            {view.prompt}
          </h1>
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-400">
            <StatusChip status={view.status} />
            <span>priority {view.priority}</span>
            <span>· attempt {view.attempt}</span>
            {view.author && (
              <span data-testid="task-author">
                · by <span className="text-slate-300">{view.author.displayName ?? view.author.login}</span>
              </span>
            )}
            {view.model && (
              <span>
                · model <span className="font-mono">{view.model}</span>
              </span>
            )}
            <TaskModelsThatRan events={events} />
            {view.autoApprove.plan && <span>· auto-approve plan</span>}
            {view.autoApprove.diff && <span>· auto-approve diff</span>}
            {pullRequest && (
              <TaskPullRequestLink
                pullRequest={pullRequest}
                state={view.pullRequest ?? null}
                onOpen={() => setChosenTab('pull-request')}
              />
            )}
            <TaskUsage taskId={view.id} running={!terminal} />
            {hasAudio && <AudioSummary taskId={view.id} summary={audioSummary} />}
            {view.traceId && <TraceId traceId={view.traceId} />}
            <BacklogOrigin taskId={view.id} />
          </div>
          <TaskLineageLine taskId={view.id} />
        </div>
        {canDevelop && (
          <div className="flex gap-2">
            {!terminal && (
              <CancelTaskButton onCancel={() => action.mutate({ kind: 'cancel' })} pending={action.isPending} />
            )}
            {(status === 'failed' || status === 'cancelled') && !bannerOffersRetry && (
              <Button variant="primary" onClick={() => action.mutate({ kind: 'retry' })} disabled={action.isPending}>
                Retry
              </Button>
            )}
          </div>
        )}
      </div>
      {action.error && (
        <Banner tone="error" onDismiss={() => action.reset()}>
          {describeError(action.error)}
        </Banner>
      )}
      {error && <TaskErrorBanner key={error.seq} taskId={view.id} error={error} status={status} canAct={canDevelop} />}
      {clarifications.length > 0 && (
        <Card>
          <ClarificationPanel
            clarifications={clarifications}
            awaiting={status === 'awaiting_clarification'}
            canAnswer={canDevelop}
            pending={action.isPending}
            onAnswer={(answer) => action.mutate({ kind: 'answer-clarification', answer })}
          />
        </Card>
      )}
      {requiredChecks.length > 0 && (
        <Card>
          <RequiredChecksPanel
            taskId={view.id}
            checks={requiredChecks}
            mayWaive={(check) => canDevelop && mayWaive(check, status)}
            onWaive={(name, reason) => waiveCheck.mutate({ name, reason })}
            pending={waiveCheck.isPending}
            error={waiveCheck.error}
          />
        </Card>
      )}
      {canDevelop && CONSTRAINABLE_TASK_STATUSES.includes(status) && <AddConstraintForm taskId={view.id} />}
      <Card>
        <StageTimeline status={status} lastActiveStage={lastActiveStage(events)} currentAgent={currentAgent} />
      </Card>
      <div>
        <div
          role="tablist"
          aria-label="Task details"
          className="mb-3 flex gap-1 border-b border-slate-800"
          onKeyDown={(event) => moveBetweenTabs(event, tab, setChosenTab)}
        >
          {TABS.map((t) => (
            <button
              key={t.id}
              role="tab"
              type="button"
              id={`task-tab-${t.id}`}
              aria-selected={tab === t.id}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setChosenTab(t.id)}
              className={`-mb-px border-b-2 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-indigo-400 ${tab === t.id ? 'border-indigo-400 text-white' : 'border-transparent text-slate-400 hover:text-slate-200'}`}
            >
              {t.label}
              {t.id === 'plan' && shown && (
                <span className="ml-1 rounded bg-slate-700 px-1 text-xs">{shown.plan.steps.length}</span>
              )}
            </button>
          ))}
        </div>
        <div role="tabpanel">
          {tab === 'log' && <LiveLog events={events} streamState={streamState} streamError={streamError} />}
          {tab === 'plan' && (
            <div className="space-y-3">
              <PlanEditor
                key={plan?.seq ?? 'none'}
                taskId={view.id}
                plan={shown?.plan ?? null}
                version={shown?.version ?? null}
                caption={shown ? describeShownPlan(shown) : undefined}
                editable={canDevelop && status === 'awaiting_plan_approval'}
              />
              <ReviewRecord approvals={review.data?.approvals ?? []} subject="plan" />
            </div>
          )}
          {tab === 'diff' && (
            <Suspense fallback={<Loading label="Loading the diff view…" />}>
              <DiffView
                taskId={view.id}
                reviewable={canDevelop && status === 'awaiting_diff_approval'}
                explanations={explanations}
                mayExplain={canDevelop && EXPLAINABLE_TASK_STATUSES.includes(status)}
              />
            </Suspense>
          )}
          {tab === 'diff' && (view.candidates ?? 1) > 1 && (
            <div className="mt-3">
              <CandidatesPanel
                taskId={view.id}
                reviewable={canDevelop && status === 'awaiting_diff_approval'}
                version={events.filter((event) => event.type.startsWith('candidate_')).length}
              />
            </div>
          )}
          {tab === 'diff' && (
            <div className="mt-3">
              <ReviewRecord approvals={review.data?.approvals ?? []} subject="diff" />
            </div>
          )}
          {tab === 'diff' && (
            <div className="mt-3">
              <EgressReportPanel taskId={view.id} events={events} />
            </div>
          )}
          {tab === 'diff' && diffFiles.length > 0 && (
            <div className="mt-3">
              <FeedbackPanel taskId={view.id} files={diffFiles} canVote={canDevelop} />
            </div>
          )}
          {tab === 'tests' && <TestResultsPanel events={events} />}
          {tab === 'timeline' && (
            <TimelinePanel
              taskId={view.id}
              running={!FORKABLE_PARENT_STATUSES.includes(status)}
              canFork={canDevelop}
              model={view.model}
              plan={shown?.plan ?? null}
            />
          )}
          {tab === 'configuration' && <RepositoryConfigurationPanel events={events} />}
          {tab === 'pull-request' &&
            (pullRequest ? (
              <PullRequestPanel taskId={view.id} canMerge={canDevelop} />
            ) : (
              <p className="text-sm text-slate-400">
                This task has no pull request yet: it opens one when its diff is approved and published.
              </p>
            ))}
        </div>
      </div>
    </div>
  );
}
