import type { ListTasksQuery, TimelineEntryKind } from '@patchbay/contracts';

export type TaskListFilters = Partial<
  Pick<ListTasksQuery, 'status' | 'repository' | 'createdBy' | 'search' | 'createdFrom' | 'createdBefore' | 'limit'>
>;

/** Every TanStack Query key of the app, so invalidations and cache writes cannot drift apart. */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  tasks: {
    all: ['tasks'] as const,
    lists: ['tasks', 'list'] as const,
    list: (filters: TaskListFilters) => ['tasks', 'list', filters] as const,
    detail: (taskId: string) => ['tasks', 'detail', taskId] as const,
    events: (taskId: string) => ['tasks', 'events', taskId] as const,
    diff: (taskId: string) => ['tasks', 'diff', taskId] as const,
    attemptDiff: (taskId: string, attempt: number) => ['tasks', 'diff', taskId, attempt] as const,
    attemptDiffs: (taskId: string) => ['tasks', 'diffs', taskId] as const,
    /** Under the diff's key, so whatever refreshes the diff refreshes its plan conformance report too. */
    planConformance: (taskId: string) => ['tasks', 'diff', taskId, 'conformance'] as const,
    usage: (taskId: string) => ['tasks', 'usage', taskId] as const,
    budget: (taskId: string) => ['tasks', 'budget', taskId] as const,
    pullRequest: (taskId: string) => ['tasks', 'pull-request', taskId] as const,
    awaitingReview: ['tasks', 'awaiting-review'] as const,
    review: (taskId: string) => ['tasks', 'review', taskId] as const,
    commandOutput: (taskId: string, artifactId: string) => ['tasks', 'output', taskId, artifactId] as const,
    feedback: (taskId: string) => ['tasks', 'feedback', taskId] as const,
    /** `seq` of the task's latest egress_report event: a new report is a new key. */
    egress: (taskId: string, seq: number) => ['tasks', 'egress', taskId, seq] as const,
    timeline: (taskId: string, kinds: readonly TimelineEntryKind[] | null) =>
      ['tasks', 'timeline', taskId, kinds ?? 'all'] as const,
    checkpoints: (taskId: string) => ['tasks', 'checkpoints', taskId] as const,
    lineage: (taskId: string) => ['tasks', 'lineage', taskId] as const,
    candidates: (taskId: string) => ['tasks', 'candidates', taskId] as const,
  },
  reports: {
    all: ['reports'] as const,
    organisation: (days: number) => ['reports', 'organisation', days] as const,
  },
  repositories: ['repositories'] as const,
  backlog: {
    projects: ['backlog', 'projects'] as const,
    /** Everything read about one project: its tree, versions and conversations. */
    ofProject: (projectId: string) => ['backlog', 'project', projectId] as const,
    project: (projectId: string) => ['backlog', 'project', projectId, 'tree'] as const,
    versions: (projectId: string) => ['backlog', 'project', projectId, 'versions'] as const,
    conversations: (projectId: string) => ['backlog', 'project', projectId, 'conversations'] as const,
    conversation: (conversationId: string) => ['backlog', 'conversation', conversationId] as const,
    originOfTask: (taskId: string) => ['backlog', 'task', taskId] as const,
  },
  credentials: ['credentials'] as const,
  admin: {
    members: ['admin', 'members'] as const,
    quotas: ['admin', 'quotas'] as const,
    budgets: ['admin', 'budgets'] as const,
    audit: (after: string) => ['admin', 'audit', after] as const,
    auditVerification: ['admin', 'audit', 'verify'] as const,
  },
};
