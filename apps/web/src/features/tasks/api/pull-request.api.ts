import type { AwaitingReviewView, MergedPullRequestView, PullRequestView } from '@patchbay/contracts';
import { requestJson } from '../../../api/http-client';

export function fetchPullRequest(taskId: string): Promise<PullRequestView> {
  return requestJson<PullRequestView>(`/tasks/${encodeURIComponent(taskId)}/pull-request`);
}

export function mergePullRequest(taskId: string): Promise<MergedPullRequestView> {
  return requestJson<MergedPullRequestView>(`/tasks/${encodeURIComponent(taskId)}/pull-request/merge`, {
    method: 'POST',
  });
}

export function fetchAwaitingReview(): Promise<AwaitingReviewView> {
  return requestJson<AwaitingReviewView>('/reviews/awaiting-me');
}
