import type { TaskEvent } from '@patchbay/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { queryKeys } from '../../../api/query-keys';
import { SESSION_EXPIRED_NOTICE } from '../../auth/components/session-provider';
import { useSession } from '../../auth/hooks/session-context';
import { TaskEventStream, type StreamState } from '../api/task-event-stream';
import { fetchTaskEvents } from '../api/tasks.api';
import { lastSeq, mergeTaskEvents } from '../lib/merge-task-events';

const REFRESHING_EVENTS = new Set<TaskEvent['type']>([
  'status_changed',
  'plan_ready',
  'diff_ready',
  'pr_created',
  'error',
]);

/**
 * A task's events: the persisted ones over REST, then live ones over the WebSocket, merged by seq
 * into one cached, ordered, duplicate-free list. Events that change the task refresh its view.
 */
export function useTaskEvents(taskId: string) {
  const queryClient = useQueryClient();
  const { session, signOut } = useSession();
  const key = queryKeys.tasks.events(taskId);
  const [streamState, setStreamState] = useState<StreamState>('connecting');
  const [streamError, setStreamError] = useState<string | null>(null);

  const query = useQuery({
    queryKey: key,
    // Merged with what the socket has delivered by the time the response is in (read after the
    // await: events that arrive while the request is in flight would otherwise be overwritten,
    // leaving a gap in the log), so neither source overwrites the other.
    queryFn: async () => {
      const fetched = await fetchTaskEvents(taskId);
      return mergeTaskEvents(queryClient.getQueryData<TaskEvent[]>(key) ?? [], fetched);
    },
    staleTime: Infinity,
  });

  const token = session?.token;
  useEffect(() => {
    if (!token) return;
    const eventsKey = queryKeys.tasks.events(taskId);
    const stream = new TaskEventStream({
      taskId,
      token,
      resumeAfter: () => lastSeq(queryClient.getQueryData<TaskEvent[]>(eventsKey)),
      onEvent: (event) => {
        queryClient.setQueryData<TaskEvent[]>(eventsKey, (held) => mergeTaskEvents(held ?? [], [event]));
        if (REFRESHING_EVENTS.has(event.type)) {
          void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.detail(taskId) });
          void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.lists });
          void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.usage(taskId) });
          void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.awaitingReview });
        }
        if (event.type === 'pr_created')
          void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.pullRequest(taskId) });
        if (event.type === 'diff_ready') void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.diff(taskId) });
        // The report follows diff_ready; a diff decision may carry an acknowledgement of changes outside the plan.
        if (event.type === 'plan_conformance' || event.type === 'checkpoint_reached')
          void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.planConformance(taskId) });
        // A validation stores its round's diff; the stage that follows it changes the status.
        if (event.type === 'status_changed')
          void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.attemptDiffs(taskId) });
        // A new plan version or a decision (this reviewer's or another's) changes the review record.
        if (event.type === 'plan_ready' || event.type === 'checkpoint_reached')
          void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.review(taskId) });
      },
      onStateChange: (state) => {
        setStreamState(state);
        if (state === 'live') setStreamError(null);
      },
      onError: setStreamError,
      onSessionInvalid: () => signOut(SESSION_EXPIRED_NOTICE),
    });
    stream.start();
    return () => stream.stop();
  }, [taskId, token, queryClient, signOut]);

  return { ...query, events: query.data ?? [], streamState, streamError };
}
