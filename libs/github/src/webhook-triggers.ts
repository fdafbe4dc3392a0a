/**
 * Reads a GitHub webhook payload into what Patchbay should do about it. Pure: no I/O, no trust
 * decisions beyond "is this shaped like a trigger". Issue and comment text only ever ends up in
 * `prompt` — it is data for the model and cannot set approval, tools, limits or network mode.
 */

export interface GithubActor {
  login: string;
  id: number;
  isBot: boolean;
}

export interface WorkTrigger {
  kind: 'work';
  via: 'label' | 'comment' | 'review' | 'review_comment';
  installationId: number;
  repository: string;
  threadNumber: number;
  threadKind: 'issue' | 'pull_request';
  sender: GithubActor;
  /** The label that was added (label triggers); checked against the repository's trigger label. */
  label: string | null;
  /** What the model is asked to do, from the issue/PR and the instruction. */
  prompt: string;
  /**
   * The words after `@patchbay` in an issue or pull-request comment (empty when there are none).
   * When a task of the thread waits on a question, they are the answer (ADR 0026).
   */
  instruction?: string;
  /** The comment that carried the mention; reacted to with "eyes" when accepted. */
  comment: { id: number; kind: 'issue_comment' | 'review_comment' } | null;
  /** For a submitted review: its id, so the follow-up can fetch and answer its comments. */
  reviewId: number | null;
  reviewCommentIds: number[];
}

export interface InstallationChange {
  kind: 'installation';
  installationId: number;
  accountLogin: string;
  change: 'created' | 'deleted' | 'suspend' | 'unsuspend' | 'repositories_added' | 'repositories_removed';
  repositories: string[];
}

export interface IgnoredDelivery {
  kind: 'ignored';
  reason: string;
}

export type WebhookIntent = WorkTrigger | InstallationChange | IgnoredDelivery;

const MENTION = /(^|[^\w@/-])@patchbay(?![\w-]|\.\w)[\s:,.]*/i;

type Json = Record<string, unknown>;

const obj = (value: unknown): Json => (value !== null && typeof value === 'object' ? (value as Json) : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;

/** The instruction after `@patchbay`, or null when the text does not mention Patchbay. */
export function mentionInstruction(text: string): string | null {
  const match = MENTION.exec(text);
  if (!match) return null;
  return text.slice(match.index + match[0].length).trim();
}

function actor(payload: Json): GithubActor | null {
  const sender = obj(payload['sender']);
  const id = num(sender['id']);
  const login = str(sender['login']);
  if (!id || !login) return null;
  return { login, id, isBot: sender['type'] === 'Bot' || login.endsWith('[bot]') };
}

function threadText(kind: 'Issue' | 'Pull request', number: number, title: string, body: string): string {
  return `${kind} #${number}: ${title}${body.trim() ? `\n\n${body.trim()}` : ''}`;
}

interface Common {
  installationId: number;
  repository: string;
  sender: GithubActor;
}

function common(payload: Json): Common | IgnoredDelivery {
  const installationId = num(obj(payload['installation'])['id']);
  const repository = str(obj(payload['repository'])['full_name']);
  const sender = actor(payload);
  if (!installationId)
    return { kind: 'ignored', reason: 'no installation in the payload (not sent to the GitHub App)' };
  if (!repository) return { kind: 'ignored', reason: 'no repository in the payload' };
  if (!sender) return { kind: 'ignored', reason: 'no sender in the payload' };
  if (sender.isBot) return { kind: 'ignored', reason: `sent by a bot (${sender.login})` };
  return { installationId, repository, sender };
}

function labelled(event: 'issues' | 'pull_request', payload: Json, base: Common): WorkTrigger | IgnoredDelivery {
  const thread = obj(payload[event === 'issues' ? 'issue' : 'pull_request']);
  const number = num(thread['number']);
  const label = str(obj(payload['label'])['name']);
  if (!number || !label) return { kind: 'ignored', reason: 'labeled event without a thread number or label' };
  const isPullRequest = event === 'pull_request' || thread['pull_request'] !== undefined;
  let prompt = threadText(isPullRequest ? 'Pull request' : 'Issue', number, str(thread['title']), str(thread['body']));
  if (event === 'pull_request') {
    prompt += `\n\n(The pull request merges ${str(obj(thread['head'])['ref'])} into ${str(obj(thread['base'])['ref'])}.)`;
  }
  return {
    kind: 'work',
    via: 'label',
    ...base,
    threadNumber: number,
    threadKind: isPullRequest ? 'pull_request' : 'issue',
    label,
    prompt,
    comment: null,
    reviewId: null,
    reviewCommentIds: [],
  };
}

function issueComment(payload: Json, base: Common): WorkTrigger | IgnoredDelivery {
  const comment = obj(payload['comment']);
  const issue = obj(payload['issue']);
  const number = num(issue['number']);
  const commentId = num(comment['id']);
  const instruction = mentionInstruction(str(comment['body']));
  if (instruction === null) return { kind: 'ignored', reason: 'comment does not mention @patchbay' };
  if (!number || !commentId) return { kind: 'ignored', reason: 'comment without an issue number or id' };
  const isPullRequest = issue['pull_request'] !== undefined && issue['pull_request'] !== null;
  const context = threadText(
    isPullRequest ? 'Pull request' : 'Issue',
    number,
    str(issue['title']),
    isPullRequest ? '' : str(issue['body']),
  );
  return {
    kind: 'work',
    via: 'comment',
    ...base,
    threadNumber: number,
    threadKind: isPullRequest ? 'pull_request' : 'issue',
    label: null,
    prompt: instruction ? `${instruction}\n\nContext — ${context}` : context,
    instruction,
    comment: { id: commentId, kind: 'issue_comment' },
    reviewId: null,
    reviewCommentIds: [],
  };
}

function review(payload: Json, base: Common): WorkTrigger | IgnoredDelivery {
  const submitted = obj(payload['review']);
  const pull = obj(payload['pull_request']);
  const number = num(pull['number']);
  const reviewId = num(submitted['id']);
  if (str(submitted['state']).toLowerCase() !== 'changes_requested')
    return { kind: 'ignored', reason: `review state ${str(submitted['state']) || 'unknown'} asks for no changes` };
  if (!number || !reviewId) return { kind: 'ignored', reason: 'review without a pull request number or id' };
  const body = str(submitted['body']).trim();
  return {
    kind: 'work',
    via: 'review',
    ...base,
    threadNumber: number,
    threadKind: 'pull_request',
    label: null,
    prompt: `Address the changes requested in the review of pull request #${number}: ${str(pull['title'])}${body ? `\n\nReview summary: ${body}` : ''}`,
    comment: null,
    reviewId,
    reviewCommentIds: [],
  };
}

function reviewComment(payload: Json, base: Common): WorkTrigger | IgnoredDelivery {
  const comment = obj(payload['comment']);
  const pull = obj(payload['pull_request']);
  const number = num(pull['number']);
  const commentId = num(comment['id']);
  const instruction = mentionInstruction(str(comment['body']));
  if (instruction === null) return { kind: 'ignored', reason: 'review comment does not mention @patchbay' };
  if (!number || !commentId) return { kind: 'ignored', reason: 'review comment without a pull request number or id' };
  const where = `${str(comment['path'])}${num(comment['line']) ? `:${String(comment['line'])}` : ''}`;
  return {
    kind: 'work',
    via: 'review_comment',
    ...base,
    threadNumber: number,
    threadKind: 'pull_request',
    label: null,
    prompt: `Address this review comment on pull request #${number} (${where}): ${instruction || str(comment['body'])}`,
    comment: { id: commentId, kind: 'review_comment' },
    reviewId: null,
    reviewCommentIds: [commentId],
  };
}

function installation(event: string, action: string, payload: Json): InstallationChange | IgnoredDelivery {
  const installationObject = obj(payload['installation']);
  const installationId = num(installationObject['id']);
  const accountLogin = str(obj(installationObject['account'])['login']);
  if (!installationId || !accountLogin)
    return { kind: 'ignored', reason: 'installation event without an installation id or account' };
  const names = (list: unknown): string[] =>
    Array.isArray(list) ? list.map((repo) => str(obj(repo)['full_name'])).filter(Boolean) : [];
  if (
    event === 'installation' &&
    (action === 'created' || action === 'deleted' || action === 'suspend' || action === 'unsuspend')
  ) {
    return {
      kind: 'installation',
      installationId,
      accountLogin,
      change: action,
      repositories: names(payload['repositories']),
    };
  }
  if (event === 'installation_repositories' && (action === 'added' || action === 'removed')) {
    return {
      kind: 'installation',
      installationId,
      accountLogin,
      change: action === 'added' ? 'repositories_added' : 'repositories_removed',
      repositories: names(payload[action === 'added' ? 'repositories_added' : 'repositories_removed']),
    };
  }
  return { kind: 'ignored', reason: `${event}.${action} needs no action` };
}

/** What a verified delivery asks of Patchbay; anything unrecognised is ignored with a reason. */
export function readWebhook(event: string, payload: Json): WebhookIntent {
  const action = str(payload['action']);
  if (event === 'installation' || event === 'installation_repositories') return installation(event, action, payload);
  const handled: Record<string, string> = {
    issues: 'labeled',
    pull_request: 'labeled',
    issue_comment: 'created',
    pull_request_review: 'submitted',
    pull_request_review_comment: 'created',
  };
  if (handled[event] === undefined) return { kind: 'ignored', reason: `event ${event} is not one Patchbay acts on` };
  if (handled[event] !== action) return { kind: 'ignored', reason: `${event}.${action || 'unknown'} is not a trigger` };
  const base = common(payload);
  if ('kind' in base) return base;
  switch (event) {
    case 'issues':
    case 'pull_request':
      return labelled(event, payload, base);
    case 'issue_comment':
      return issueComment(payload, base);
    case 'pull_request_review':
      return review(payload, base);
    default:
      return reviewComment(payload, base);
  }
}
