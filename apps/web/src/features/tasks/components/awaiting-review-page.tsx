import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Card } from '../../../ui/card';
import { Loading } from '../../../ui/states';
import { useCan } from '../../auth/hooks/use-me';
import { useAwaitingReview } from '../hooks/use-awaiting-review';
import { TaskTable } from './task-table';

/** Plans, the planner's questions and diffs waiting for the signed-in user, longest wait first. */
export function AwaitingReviewPage() {
  const canApprove = useCan('developer');
  const awaiting = useAwaitingReview();
  return (
    <Card title="Awaiting my review" testId="awaiting-review">
      {!canApprove ? (
        <p className="text-sm text-slate-400">Viewers do not approve plans or diffs; nothing waits for you.</p>
      ) : awaiting.isPending ? (
        <Loading />
      ) : awaiting.error ? (
        <Banner tone="error">{describeError(awaiting.error)}</Banner>
      ) : (
        <>
          <p className="mb-3 text-xs text-slate-400">
            Every plan awaiting approval, every question from the planner awaiting an answer, and every diff awaiting
            approval that you may approve (not your own where the repository requires a second approver).
          </p>
          <TaskTable tasks={awaiting.data.items} emptyMessage="Nothing awaits your review." />
        </>
      )}
    </Card>
  );
}
