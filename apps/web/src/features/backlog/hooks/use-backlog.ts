import type {
  AcceptBacklogProposalRequest,
  CreateBacklogProjectRequest,
  SendBacklogItemRequest,
  StartBacklogConversationRequest,
} from '@patchbay/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/api-error';
import { queryKeys } from '../../../api/query-keys';
import {
  acceptBacklogProposal,
  createBacklogProject,
  getBacklogConversation,
  getBacklogOriginOfTask,
  getBacklogProject,
  listBacklogConversations,
  listBacklogProjects,
  listBacklogVersions,
  rejectBacklogProposal,
  sendBacklogItem,
  sendBacklogMessage,
  startBacklogConversation,
} from '../api/backlog.api';

/** How often an open conversation is re-read while the planner is answering (its answer is not pushed). */
export const PLANNER_POLL_MS = 1_000;

export function useBacklogProjects() {
  return useQuery({ queryKey: queryKeys.backlog.projects, queryFn: listBacklogProjects });
}

export function useCreateBacklogProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateBacklogProjectRequest) => createBacklogProject(request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.backlog.projects }),
  });
}

export function useBacklogProject(projectId: string) {
  return useQuery({ queryKey: queryKeys.backlog.project(projectId), queryFn: () => getBacklogProject(projectId) });
}

export function useBacklogVersions(projectId: string) {
  return useQuery({ queryKey: queryKeys.backlog.versions(projectId), queryFn: () => listBacklogVersions(projectId) });
}

export function useBacklogConversations(projectId: string) {
  return useQuery({
    queryKey: queryKeys.backlog.conversations(projectId),
    queryFn: () => listBacklogConversations(projectId),
  });
}

export function useBacklogConversation(conversationId: string | null) {
  return useQuery({
    queryKey: queryKeys.backlog.conversation(conversationId ?? ''),
    queryFn: () => getBacklogConversation(conversationId ?? ''),
    enabled: conversationId !== null,
    refetchInterval: (query) => (query.state.data?.awaitingReply ? PLANNER_POLL_MS : false),
  });
}

export function useStartBacklogConversation(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: StartBacklogConversationRequest) => startBacklogConversation(projectId, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.backlog.conversations(projectId) }),
  });
}

export function useSendBacklogMessage(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => sendBacklogMessage(conversationId, text),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.backlog.conversation(conversationId) }),
  });
}

/** After any decision the tree, its history and every open conversation may read differently (proposals turn stale). */
function useInvalidateProject(projectId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.backlog.ofProject(projectId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.backlog.conversation('').slice(0, 2) }),
    ]);
}

export function useAcceptBacklogProposal(projectId: string) {
  const invalidate = useInvalidateProject(projectId);
  return useMutation({
    mutationFn: ({ proposalId, request }: { proposalId: string; request: AcceptBacklogProposalRequest }) =>
      acceptBacklogProposal(proposalId, request),
    onSuccess: invalidate,
    // A stale proposal: the tree moved on; show the current one.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void invalidate();
    },
  });
}

export function useRejectBacklogProposal(projectId: string) {
  const invalidate = useInvalidateProject(projectId);
  return useMutation({
    mutationFn: ({ proposalId, reason }: { proposalId: string; reason?: string }) =>
      rejectBacklogProposal(proposalId, reason),
    onSuccess: invalidate,
  });
}

export function useSendBacklogItem(projectId: string) {
  const invalidate = useInvalidateProject(projectId);
  return useMutation({
    mutationFn: ({ itemId, request }: { itemId: string; request: SendBacklogItemRequest }) =>
      sendBacklogItem(projectId, itemId, request),
    onSuccess: invalidate,
  });
}

export function useBacklogOriginOfTask(taskId: string) {
  return useQuery({ queryKey: queryKeys.backlog.originOfTask(taskId), queryFn: () => getBacklogOriginOfTask(taskId) });
}
