import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import {
  canonicalJson,
  MessagePatterns,
  type AcceptBacklogProposalRequest,
  type BacklogConversationView,
  type BacklogPatch,
  type BacklogProjectDetailView,
  type ProposeBacklogPatchCommand,
  type RejectBacklogProposalRequest,
  type StartBacklogConversationRequest,
} from '@patchbay/contracts';
import { BacklogRepository, type BacklogConversationEntity, type BacklogMessageEntity } from '@patchbay/persistence';
import type { SessionUser } from '../common/session-user';
import { BacklogPatchesService } from './backlog-patches.service';
import { BacklogProjectsService } from './backlog-projects.service';
import { awaitingReply, toConversationView, toProjectDetailView, type ProposalPreview } from './backlog-views';

/** How long a message may wait for the planner before the person may send another (a lost answer must not block the conversation). */
export const BACKLOG_REPLY_WAIT_MS = 10 * 60_000;

/**
 * Backlog conversations (ADR 0035): the gateway records the person's messages and decisions and
 * hands each message to the supervisor, which owns the model and appends the planner's answer.
 * Accepting applies the proposal (or the person's edit of it) to the tree, under the rules the
 * planner's answer was held to, and only against the version it was made for.
 */
@Injectable()
export class BacklogConversationsService {
  constructor(
    private readonly backlog: BacklogRepository,
    private readonly projects: BacklogProjectsService,
    private readonly patches: BacklogPatchesService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async start(
    user: SessionUser,
    projectId: string,
    request: StartBacklogConversationRequest,
  ): Promise<BacklogConversationView> {
    const project = await this.projects.require(user, projectId);
    if (request.itemId && !(await this.backlog.tree(project.id)).some((item) => item.id === request.itemId))
      throw new NotFoundException(`No task with id ${request.itemId} in backlog project ${project.id}`);
    const created = await this.backlog.insertConversation({
      projectId: project.id,
      mode: request.mode,
      itemId: request.itemId ?? null,
      createdBy: user.userId,
    });
    return this.get(user, created.id);
  }

  async list(user: SessionUser, projectId: string): Promise<BacklogConversationView[]> {
    const project = await this.projects.require(user, projectId);
    const conversations = await this.backlog.conversations(project.id);
    return Promise.all(conversations.map((conversation) => this.get(user, conversation.id)));
  }

  async get(user: SessionUser, id: string): Promise<BacklogConversationView> {
    const conversation = await this.require(user, id);
    const messages = await this.backlog.messages(conversation.id);
    return toConversationView(conversation, messages, await this.previewer(conversation));
  }

  /** Records the person's message and asks the supervisor for a proposal; the answer appears in the conversation. */
  async send(user: SessionUser, id: string, text: string): Promise<{ id: string; conversationId: string }> {
    const conversation = await this.require(user, id);
    const waiting = awaitingReply(await this.backlog.messages(conversation.id));
    if (waiting && Date.now() - waiting.createdAt.getTime() < BACKLOG_REPLY_WAIT_MS)
      throw new ConflictException('The planner is still answering the previous message; wait for its proposal');
    const message = await this.backlog.insertMessage({
      conversationId: conversation.id,
      kind: 'user',
      text,
      authorId: user.userId,
    });
    const command: ProposeBacklogPatchCommand = {
      organisationId: user.organisationId,
      projectId: conversation.projectId,
      conversationId: conversation.id,
      messageId: message.id,
      requestedBy: user.userId,
    };
    await this.bus.publish(MessagePatterns.ProposeBacklogPatch, command);
    return { id: message.id, conversationId: conversation.id };
  }

  async accept(
    user: SessionUser,
    proposalId: string,
    request: AcceptBacklogProposalRequest,
  ): Promise<BacklogProjectDetailView> {
    const proposal = await this.requireProposal(user, proposalId);
    const conversation = proposal.conversation as BacklogConversationEntity;
    const proposed = proposal.patch as BacklogPatch;
    const patch = (request.patch as BacklogPatch | undefined) ?? proposed;
    const edited = request.patch !== undefined && canonicalJson(patch) !== canonicalJson(proposed);
    const projectId = await this.backlog.transaction(async (manager) => {
      const project = await this.backlog.lockProject(manager, user.organisationId, conversation.projectId);
      if (!project) throw new NotFoundException(`No backlog project with id ${conversation.projectId}`);
      await this.refuseIfDecided(proposalId, manager);
      const version = await this.patches.apply(manager, project, patch, conversation, {
        by: user.userId,
        proposalId,
      });
      await this.backlog.insertMessage(
        {
          conversationId: conversation.id,
          kind: 'decision',
          proposalId,
          decision: 'accepted',
          edited,
          version,
          patch: edited ? patch : null,
          authorId: user.userId,
        },
        manager,
      );
      return project.id;
    });
    const project = await this.projects.require(user, projectId);
    return toProjectDetailView(project, await this.backlog.items(project.id));
  }

  async reject(user: SessionUser, proposalId: string, request: RejectBacklogProposalRequest): Promise<{ id: string }> {
    const proposal = await this.requireProposal(user, proposalId);
    const conversation = proposal.conversation as BacklogConversationEntity;
    await this.backlog.transaction(async (manager) => {
      await this.backlog.lockProject(manager, user.organisationId, conversation.projectId);
      await this.refuseIfDecided(proposalId, manager);
      await this.backlog.insertMessage(
        {
          conversationId: conversation.id,
          kind: 'decision',
          proposalId,
          decision: 'rejected',
          text: request.reason || null,
          authorId: user.userId,
        },
        manager,
      );
    });
    return { id: proposalId };
  }

  private async refuseIfDecided(proposalId: string, manager: Parameters<BacklogRepository['findDecision']>[1]) {
    const decided = await this.backlog.findDecision(proposalId, manager);
    if (decided) throw new ConflictException(`This proposal was already ${decided.decision ?? 'decided'}`);
  }

  private async require(user: SessionUser, id: string): Promise<BacklogConversationEntity> {
    const conversation = await this.backlog.findConversation(user.organisationId, id);
    if (!conversation) throw new NotFoundException(`No backlog conversation with id ${id}`);
    return conversation;
  }

  private async requireProposal(user: SessionUser, id: string): Promise<BacklogMessageEntity> {
    const proposal = await this.backlog.findProposal(user.organisationId, id);
    if (!proposal?.conversation) throw new NotFoundException(`No backlog proposal with id ${id}`);
    return proposal;
  }

  /** Pending proposals are shown against the tree now; one made for an older version is stale. */
  private async previewer(conversation: BacklogConversationEntity): Promise<ProposalPreview> {
    const version = conversation.project?.version ?? 0;
    const tree = await this.backlog.tree(conversation.projectId);
    return (patch) =>
      patch.baseVersion !== version
        ? { state: 'stale', preview: null }
        : { state: 'pending', preview: this.patches.preview({ version }, tree, patch, conversation) };
  }
}
