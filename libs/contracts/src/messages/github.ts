import { z } from 'zod';

/**
 * How a task started from GitHub is tied back to it: the thread to comment on, who triggered it,
 * and — for a follow-up on a Patchbay pull request — the branch to commit to instead of a new PR.
 * Everything here comes from the verified webhook payload, never from issue or comment text.
 */
export const githubTaskLinkSchema = z.object({
  installationId: z.number().int().positive(),
  /** `owner/name` on GitHub. */
  repository: z.string().min(3).max(201),
  /** The issue or pull request the trigger came from (comments go there). */
  threadNumber: z.number().int().positive(),
  threadKind: z.enum(['issue', 'pull_request']),
  /** The comment that carried `@patchbay`, for the "eyes" reaction; null for a label. */
  triggerCommentId: z.number().int().positive().nullable(),
  /** Set for a follow-up: the Patchbay pull request whose branch gets the new commit. */
  followUp: z.object({ pullRequestNumber: z.number().int().positive(), branch: z.string().min(1).max(255) }).nullable(),
  /** Review comments the follow-up addresses; each gets a reply once the commit is pushed. */
  reviewCommentIds: z.array(z.number().int().positive()),
  triggeredBy: z.object({ login: z.string().min(1).max(39), id: z.number().int().positive() }),
});
export type GithubTaskLink = z.infer<typeof githubTaskLinkSchema>;

/** A verified, de-duplicated webhook delivery handed from the HTTP edge to the gateway's worker. */
export const githubWebhookReceivedSchema = z.object({
  deliveryId: z.string().min(1).max(100),
  event: z.string().min(1).max(100),
  payload: z.record(z.string(), z.unknown()),
});
export type GithubWebhookReceived = z.infer<typeof githubWebhookReceivedSchema>;

/** A comment the github agent posts on an issue or pull request, optionally with a reaction. */
export const githubCommentRequestedSchema = z.object({
  installationId: z.number().int().positive(),
  repository: z.string().min(3).max(201),
  threadNumber: z.number().int().positive(),
  body: z.string().min(1).max(65_000),
  /** Adds an "eyes" reaction to the triggering comment first: the trigger was accepted. */
  reaction: z
    .object({ commentId: z.number().int().positive(), kind: z.enum(['issue_comment', 'review_comment']) })
    .nullable()
    .optional(),
  taskId: z.uuid().nullable(),
});
export type GithubCommentRequested = z.infer<typeof githubCommentRequestedSchema>;
