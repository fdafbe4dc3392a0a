import type { TaskCandidateView } from '@patchbay/contracts';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Loading } from '../../../ui/states';
import { useSelectCandidate, useTaskCandidates } from '../hooks/use-task-candidates';

export interface CandidatesPanelProps {
  taskId: string;
  /** The diff awaits approval and the viewer may decide on it: only then can another candidate be chosen. */
  reviewable: boolean;
  /** Changes whenever a candidate event arrives, so the list is read again. */
  version: number;
}

/**
 * Best-of-N (ADR 0034): the task's candidates side by side — status, tests, size of the change and
 * the change itself — with "Use this candidate" for a reviewer at diff approval.
 */
export function CandidatesPanel({ taskId, reviewable, version }: CandidatesPanelProps) {
  const candidates = useTaskCandidates(taskId, version);
  const select = useSelectCandidate(taskId);
  if (candidates.isPending) return <Loading label="Loading the candidates…" />;
  if (candidates.error) return <Banner tone="error">{describeError(candidates.error)}</Banner>;
  if (candidates.data.length === 0)
    return (
      <p className="text-sm text-slate-400">The candidates have not started yet: they run once the plan is approved.</p>
    );
  return (
    <section aria-label="Candidates" className="space-y-2">
      <h2 className="text-sm font-medium text-slate-200">Candidates ({candidates.data.length})</h2>
      {select.error && <Banner tone="error">{describeError(select.error)}</Banner>}
      <div className="grid gap-3" style={{ gridTemplateColumns: `repeat(${candidates.data.length}, minmax(0, 1fr))` }}>
        {candidates.data.map((candidate) => (
          <CandidateCard
            key={candidate.index}
            candidate={candidate}
            choosable={reviewable && candidate.done && !candidate.selected && !select.isPending}
            onChoose={() => select.mutate(candidate.index)}
          />
        ))}
      </div>
    </section>
  );
}

function CandidateCard({
  candidate,
  choosable,
  onChoose,
}: {
  candidate: TaskCandidateView;
  choosable: boolean;
  onChoose: () => void;
}) {
  const title = `Candidate ${candidate.index}`;
  return (
    <article
      aria-label={title}
      data-testid="candidate"
      data-selected={candidate.selected}
      className={`min-w-0 space-y-2 rounded-md border p-3 text-xs ${candidate.selected ? 'border-indigo-400' : 'border-slate-800'}`}
    >
      <header className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-medium text-white">{title}</h3>
        <span className="text-slate-300">{candidateState(candidate)}</span>
      </header>
      <dl className="grid grid-cols-2 gap-x-2 gap-y-1 text-slate-300">
        <dt>Tests</dt>
        <dd>{candidate.tests ? `${candidate.tests.passed} passed, ${candidate.tests.failed} failed` : 'not run'}</dd>
        <dt>New failures</dt>
        <dd>{candidate.newFailures}</dd>
        <dt>Target tests failing</dt>
        <dd>{candidate.failingTargetTests}</dd>
        <dt>Changed lines</dt>
        <dd>{candidate.changedLines}</dd>
        <dt>Rounds</dt>
        <dd>{candidate.rounds}</dd>
      </dl>
      {candidate.error && <p className="text-rose-300">{candidate.error}</p>}
      {candidate.diff ? (
        <pre
          aria-label={`${title} diff`}
          className="max-h-80 overflow-auto rounded bg-slate-950 p-2 font-mono text-[11px] text-slate-200"
        >
          {candidate.diff}
        </pre>
      ) : (
        <p className="text-slate-400">No change.</p>
      )}
      {choosable && (
        <Button size="sm" onClick={onChoose}>
          Use this candidate
        </Button>
      )}
    </article>
  );
}

function candidateState(candidate: TaskCandidateView): string {
  if (candidate.selected) return 'selected';
  if (candidate.status === 'running') return 'running';
  if (candidate.status === 'failed') return 'failed';
  return candidate.done ? 'passes' : 'does not pass';
}
