/**
 * Every message that crosses the bus is named here and only here. Producers and consumers import
 * the same constant, so a renamed pattern is a compile error rather than a silently dead queue.
 */
export const MessagePatterns = {
  /** gateway → supervisor: run a newly created (or retried) task. */
  StartTask: 'supervisor.task.start',
  /** gateway → supervisor: a human decided on a plan or a diff. */
  ResolveApproval: 'supervisor.task.resolve-approval',
  /** gateway → supervisor: a paused task goes on, as the human decided. */
  ResumeTask: 'supervisor.task.resume',
  /** gateway → supervisor: the requester answered the planner's question; planning goes on. */
  AnswerClarification: 'supervisor.task.answer-clarification',
  /** gateway → supervisor: stop a task at the next safe point. */
  CancelTask: 'supervisor.task.cancel',
  /** gateway → supervisor: a reviewer's question about a task's diff, for the reviewer model to answer. */
  ExplainChange: 'supervisor.task.explain-change',
  /** gateway → supervisor: a person's message in a backlog conversation, for the backlog planner model to answer with a patch. */
  ProposeBacklogPatch: 'supervisor.backlog.propose-patch',
  /** supervisor → coding agent: carry out plan steps in the task's sandbox. */
  RunCodingStep: 'coding-agent.run',
  /** supervisor → testing agent: run the repository's tests and linters. */
  RunValidation: 'testing-agent.run',
  /** supervisor → github agent: push a branch and open a pull request. */
  PublishChanges: 'github-agent.publish',
  /** supervisor or coding agent → research agent: package documentation, advisories, repository docs. */
  ResearchQuery: 'research-agent.query',
  /** research agent → coding agent: the answer to a research tool call the coder made (correlated by requestId). */
  ResearchAnswered: 'coding-agent.research-answer',
  /** agent → supervisor: the answer to a request (correlated by requestId). */
  AgentReplied: 'supervisor.agent-reply',
  /** service → gateway: an action taken by the platform itself, for the audit log. */
  AuditRequested: 'gateway.audit.requested',
  /** agent → gateway: tokens, cost and time of one model call, for usage reporting. */
  UsageRecorded: 'gateway.usage.recorded',
  /** agent → gateway: an event to persist and broadcast to the task's subscribers. */
  TaskEventRaised: 'gateway.task-event.raised',
  /** supervisor → gateway: an event the supervisor has already persisted, to broadcast to the task's subscribers. */
  TaskEventRecorded: 'gateway.task-event.recorded',
  /** gateway HTTP edge → gateway worker: a verified GitHub webhook delivery to act on. */
  GithubWebhookReceived: 'gateway.github.webhook',
  /** gateway → github agent: post a comment (and a reaction) on an issue or pull request. */
  GithubCommentRequested: 'github-agent.comment',
} as const;

export type MessagePattern = (typeof MessagePatterns)[keyof typeof MessagePatterns];

/** The service that consumes each pattern; a pattern's queue is named after it. */
export const PATTERN_CONSUMERS: Readonly<Record<MessagePattern, ServiceName>> = {
  [MessagePatterns.StartTask]: 'supervisor',
  [MessagePatterns.ResolveApproval]: 'supervisor',
  [MessagePatterns.CancelTask]: 'supervisor',
  [MessagePatterns.ResumeTask]: 'supervisor',
  [MessagePatterns.AnswerClarification]: 'supervisor',
  [MessagePatterns.ExplainChange]: 'supervisor',
  [MessagePatterns.ProposeBacklogPatch]: 'supervisor',
  [MessagePatterns.AgentReplied]: 'supervisor',
  [MessagePatterns.RunCodingStep]: 'coding-agent',
  [MessagePatterns.RunValidation]: 'testing-agent',
  [MessagePatterns.PublishChanges]: 'github-agent',
  [MessagePatterns.ResearchQuery]: 'research-agent',
  [MessagePatterns.ResearchAnswered]: 'coding-agent',
  [MessagePatterns.TaskEventRaised]: 'gateway',
  [MessagePatterns.TaskEventRecorded]: 'gateway',
  [MessagePatterns.UsageRecorded]: 'gateway',
  [MessagePatterns.AuditRequested]: 'gateway',
  [MessagePatterns.GithubWebhookReceived]: 'gateway',
  [MessagePatterns.GithubCommentRequested]: 'github-agent',
};

export const SERVICE_NAMES = [
  'gateway',
  'supervisor',
  'coding-agent',
  'testing-agent',
  'github-agent',
  'research-agent',
  'sandbox',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Durable queue a service consumes from; dead letters go to `<queue>.dead`. */
export function serviceQueue(service: ServiceName): string {
  return `patchbay.${service}`;
}
