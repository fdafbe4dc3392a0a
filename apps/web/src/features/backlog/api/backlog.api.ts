import type {
  AcceptBacklogProposalRequest,
  BacklogConversationView,
  BacklogProjectDetailView,
  BacklogProjectView,
  BacklogSentItemView,
  BacklogTaskOriginView,
  BacklogVersionView,
  CreateBacklogProjectRequest,
  SendBacklogItemRequest,
  StartBacklogConversationRequest,
} from '@patchbay/contracts';
import { requestJson } from '../../../api/http-client';

const id = encodeURIComponent;

export function listBacklogProjects(): Promise<BacklogProjectView[]> {
  return requestJson<BacklogProjectView[]>('/backlog/projects');
}

export function createBacklogProject(request: CreateBacklogProjectRequest): Promise<BacklogProjectView> {
  return requestJson<BacklogProjectView>('/backlog/projects', { method: 'POST', body: request });
}

export function getBacklogProject(projectId: string): Promise<BacklogProjectDetailView> {
  return requestJson<BacklogProjectDetailView>(`/backlog/projects/${id(projectId)}`);
}

export function listBacklogVersions(projectId: string): Promise<BacklogVersionView[]> {
  return requestJson<BacklogVersionView[]>(`/backlog/projects/${id(projectId)}/versions`);
}

export function listBacklogConversations(projectId: string): Promise<BacklogConversationView[]> {
  return requestJson<BacklogConversationView[]>(`/backlog/projects/${id(projectId)}/conversations`);
}

export function startBacklogConversation(
  projectId: string,
  request: StartBacklogConversationRequest,
): Promise<BacklogConversationView> {
  return requestJson<BacklogConversationView>(`/backlog/projects/${id(projectId)}/conversations`, {
    method: 'POST',
    body: request,
  });
}

export function getBacklogConversation(conversationId: string): Promise<BacklogConversationView> {
  return requestJson<BacklogConversationView>(`/backlog/conversations/${id(conversationId)}`);
}

export function sendBacklogMessage(conversationId: string, text: string): Promise<{ id: string }> {
  return requestJson<{ id: string }>(`/backlog/conversations/${id(conversationId)}/messages`, {
    method: 'POST',
    body: { text },
  });
}

export function acceptBacklogProposal(
  proposalId: string,
  request: AcceptBacklogProposalRequest,
): Promise<BacklogProjectDetailView> {
  return requestJson<BacklogProjectDetailView>(`/backlog/proposals/${id(proposalId)}/accept`, {
    method: 'POST',
    body: request,
  });
}

export function rejectBacklogProposal(proposalId: string, reason?: string): Promise<{ id: string }> {
  return requestJson<{ id: string }>(`/backlog/proposals/${id(proposalId)}/reject`, {
    method: 'POST',
    body: reason ? { reason } : {},
  });
}

export function sendBacklogItem(
  projectId: string,
  itemId: string,
  request: SendBacklogItemRequest,
): Promise<BacklogSentItemView> {
  return requestJson<BacklogSentItemView>(`/backlog/projects/${id(projectId)}/items/${id(itemId)}/send`, {
    method: 'POST',
    body: request,
  });
}

export function getBacklogOriginOfTask(taskId: string): Promise<BacklogTaskOriginView> {
  return requestJson<BacklogTaskOriginView>(`/backlog/tasks/${id(taskId)}`);
}
