import type {
  BacklogConversationView,
  BacklogDiffRow,
  BacklogItemView,
  BacklogMessageView,
  BacklogPatch,
  BacklogProjectDetailView,
  BacklogProjectView,
  BacklogVersionView,
} from '@patchbay/contracts';
import { orderTree } from '@patchbay/backlog';
import type {
  BacklogConversationEntity,
  BacklogItemEntity,
  BacklogMessageEntity,
  BacklogProjectEntity,
  BacklogVersionEntity,
} from '@patchbay/persistence';

export function toProjectView(project: BacklogProjectEntity): BacklogProjectView {
  return {
    id: project.id,
    title: project.title,
    goal: project.goal,
    version: project.version,
    createdBy: project.creator?.login ?? project.createdBy,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}

export function toItemView(item: BacklogItemEntity): BacklogItemView {
  return {
    id: item.id,
    parentId: item.parentId,
    title: item.title,
    description: item.description,
    acceptanceCriteria: item.acceptanceCriteria,
    status: item.status,
    position: item.position,
    task: item.task
      ? { id: item.task.id, status: item.task.status, repository: item.task.repository?.fullName ?? '' }
      : null,
  };
}

export function toProjectDetailView(
  project: BacklogProjectEntity,
  items: readonly BacklogItemEntity[],
): BacklogProjectDetailView {
  return { ...toProjectView(project), items: orderTree(items).map(toItemView) };
}

export function toVersionView(version: BacklogVersionEntity): BacklogVersionView {
  return {
    version: version.version,
    patch: version.patch,
    proposalId: version.proposalId,
    acceptedBy: version.acceptor?.login ?? version.acceptedBy,
    at: version.createdAt.toISOString(),
    itemCount: version.items.length,
  };
}

/** What the view needs about a pending proposal against the tree now: its rows, or why it cannot apply. */
export type ProposalPreview = (patch: BacklogPatch) => {
  state: 'pending' | 'stale';
  preview: { valid: boolean; problems: string[]; rows: BacklogDiffRow[]; currentVersion: number } | null;
};

function toMessageView(
  message: BacklogMessageEntity,
  decisions: ReadonlyMap<string | null, BacklogMessageEntity>,
  preview: ProposalPreview,
): BacklogMessageView {
  const base = { id: message.id, at: message.createdAt.toISOString() };
  const by = message.author?.login ?? message.authorId ?? '';
  switch (message.kind) {
    case 'user':
      return { ...base, kind: 'user', text: message.text ?? '', by };
    case 'failure':
      return { ...base, kind: 'failure', replyTo: message.replyTo ?? '', message: message.text ?? '' };
    case 'decision':
      return {
        ...base,
        kind: 'decision',
        proposalId: message.proposalId ?? '',
        decision: message.decision ?? 'rejected',
        edited: message.edited,
        version: message.version,
        reason: message.text,
        by,
      };
    case 'proposal': {
      const patch = message.patch as BacklogPatch;
      const decision = decisions.get(message.id);
      const pending = decision ? null : preview(patch);
      return {
        ...base,
        kind: 'proposal',
        replyTo: message.replyTo ?? '',
        patch,
        model: message.model ?? '',
        attempts: message.attempts ?? 1,
        state: decision ? (decision.decision ?? 'rejected') : (pending?.state ?? 'stale'),
        preview: pending?.preview ?? null,
      };
    }
  }
}

/** Whether the person's last message still waits for the planner's answer. */
export function awaitingReply(messages: readonly BacklogMessageEntity[]): BacklogMessageEntity | null {
  const lastRequest = [...messages].reverse().find((message) => message.kind === 'user');
  if (!lastRequest) return null;
  return messages.some((message) => message.replyTo === lastRequest.id) ? null : lastRequest;
}

export function toConversationView(
  conversation: BacklogConversationEntity,
  messages: readonly BacklogMessageEntity[],
  preview: ProposalPreview,
): BacklogConversationView {
  const decisions = new Map(messages.filter((m) => m.kind === 'decision').map((m) => [m.proposalId, m]));
  return {
    id: conversation.id,
    projectId: conversation.projectId,
    mode: conversation.mode,
    itemId: conversation.itemId,
    createdBy: conversation.creator?.login ?? conversation.createdBy,
    createdAt: conversation.createdAt.toISOString(),
    awaitingReply: awaitingReply(messages) !== null,
    messages: messages.map((message) => toMessageView(message, decisions, preview)),
  };
}
