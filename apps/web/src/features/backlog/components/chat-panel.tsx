import type { BacklogConversationView, BacklogItemView } from '@patchbay/contracts';
import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { inputClass } from '../../../ui/field';
import { EmptyState, Loading } from '../../../ui/states';
import { useBacklogConversation, useSendBacklogMessage } from '../hooks/use-backlog';
import { ProposalCard } from './proposal-card';

function ConversationMessages({
  projectId,
  conversation,
  canDecide,
}: {
  projectId: string;
  conversation: BacklogConversationView;
  canDecide: boolean;
}) {
  if (conversation.messages.length === 0)
    return (
      <EmptyState>Say what you want planned; the planner answers with a patch you accept, edit or reject.</EmptyState>
    );
  return (
    <ol className="space-y-2" aria-label="Conversation">
      {conversation.messages.map((message) => (
        <li key={message.id} data-testid="backlog-message" data-kind={message.kind}>
          {message.kind === 'user' && (
            <p className="rounded-md bg-indigo-950/60 px-3 py-2 text-sm text-indigo-100">
              <span className="mr-1 text-xs text-indigo-300">{message.by}:</span>
              {message.text}
            </p>
          )}
          {message.kind === 'proposal' && (
            <ProposalCard projectId={projectId} proposal={message} canDecide={canDecide} />
          )}
          {message.kind === 'failure' && <Banner tone="error">{message.message}</Banner>}
          {message.kind === 'decision' && (
            <p className="text-xs text-slate-400">
              {message.by} {message.decision} the patch
              {message.edited && ' with edits'}
              {message.version !== null && ` → version ${message.version}`}
              {message.reason && `: ${message.reason}`}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The conversation with the planner about the project (project mode) or one of its tasks (task mode). */
export function ChatPanel({
  projectId,
  conversationId,
  focus,
  canDevelop,
}: {
  projectId: string;
  conversationId: string;
  focus: BacklogItemView | null;
  canDevelop: boolean;
}) {
  const conversation = useBacklogConversation(conversationId);
  const send = useSendBacklogMessage(conversationId);
  const [text, setText] = useState('');
  const title =
    conversation.data?.mode === 'task'
      ? `Decomposing “${focus?.title ?? 'a deleted task'}”`
      : 'Planning the project (at most six top-level tasks)';
  return (
    <Card title={title} testId="backlog-chat">
      <div className="space-y-3">
        {conversation.isLoading && <Loading />}
        {conversation.error && <Banner tone="error">{describeError(conversation.error)}</Banner>}
        {conversation.data && (
          <ConversationMessages projectId={projectId} conversation={conversation.data} canDecide={canDevelop} />
        )}
        {conversation.data?.awaitingReply && <Loading label="The planner is proposing a patch…" />}
        {send.error && <Banner tone="error">{describeError(send.error)}</Banner>}
        {canDevelop && (
          <form
            className="flex gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              if (!text.trim()) return;
              send.mutate(text.trim(), { onSuccess: () => setText('') });
            }}
          >
            <input
              className={inputClass}
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder={
                conversation.data?.mode === 'task' ? 'e.g. Break this into steps' : 'e.g. Merge the first two'
              }
              aria-label="Message to the planner"
              maxLength={4000}
            />
            <Button type="submit" variant="primary" disabled={send.isPending || conversation.data?.awaitingReply}>
              Send
            </Button>
          </form>
        )}
      </div>
    </Card>
  );
}
