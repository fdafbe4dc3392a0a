import type { BacklogItemView } from '@patchbay/contracts';
import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Link } from '../../../app/router';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Loading } from '../../../ui/states';
import { useCan } from '../../auth/hooks/use-me';
import { useBacklogConversations, useBacklogProject, useStartBacklogConversation } from '../hooks/use-backlog';
import { BacklogTree } from './backlog-tree';
import { ChatPanel } from './chat-panel';
import { VersionHistory } from './version-history';

/** One project: its tree, the conversation with the planner beside it, and its versions. */
export function ProjectPage({ projectId }: { projectId: string }) {
  const project = useBacklogProject(projectId);
  const conversations = useBacklogConversations(projectId);
  const start = useStartBacklogConversation(projectId);
  const canDevelop = useCan('developer');
  const [chosen, setChosen] = useState<string | null>(null);
  if (project.isLoading) return <Loading />;
  if (project.error || !project.data) return <Banner tone="error">{describeError(project.error)}</Banner>;
  const items = project.data.items;
  // Unless one is chosen, the latest project-mode conversation is open.
  const active = chosen ?? conversations.data?.find((conversation) => conversation.mode === 'project')?.id ?? null;
  const activeConversation = conversations.data?.find((conversation) => conversation.id === active);
  const focus = activeConversation?.itemId
    ? (items.find((item) => item.id === activeConversation.itemId) ?? null)
    : null;
  const open = (request: { mode: 'project' } | { mode: 'task'; itemId: string }) =>
    start.mutate(request, { onSuccess: (conversation) => setChosen(conversation.id) });
  const decompose = (item: BacklogItemView) => {
    const existing = conversations.data?.find((conversation) => conversation.itemId === item.id);
    if (existing) setChosen(existing.id);
    else open({ mode: 'task', itemId: item.id });
  };
  return (
    <div className="space-y-4" data-testid="backlog-project-page">
      <div>
        <p className="text-xs text-slate-400">
          <Link to="/backlog" className="hover:underline">
            Projects
          </Link>{' '}
          / version <span data-testid="backlog-project-version">{project.data.version}</span>
        </p>
        <h1 className="text-lg font-semibold text-slate-100">{project.data.title}</h1>
        <p className="text-sm text-slate-300">{project.data.goal}</p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-4">
          <Card title="Tasks">
            <BacklogTree projectId={projectId} items={items} canDevelop={canDevelop} onDecompose={decompose} />
          </Card>
          <VersionHistory projectId={projectId} />
        </div>
        <div className="space-y-2">
          {(conversations.data?.length ?? 0) > 0 && (
            <div className="flex flex-wrap gap-1 text-xs" aria-label="Conversations">
              {conversations.data?.map((conversation) => (
                <Button
                  key={conversation.id}
                  size="sm"
                  variant={conversation.id === active ? 'primary' : 'ghost'}
                  onClick={() => setChosen(conversation.id)}
                >
                  {conversation.mode === 'project'
                    ? 'Project'
                    : `Task: ${items.find((item) => item.id === conversation.itemId)?.title ?? 'deleted'}`}
                </Button>
              ))}
            </div>
          )}
          {start.error && <Banner tone="error">{describeError(start.error)}</Banner>}
          {active ? (
            <ChatPanel
              key={active}
              projectId={projectId}
              conversationId={active}
              focus={focus}
              canDevelop={canDevelop}
            />
          ) : (
            canDevelop && (
              <Button variant="primary" onClick={() => open({ mode: 'project' })} disabled={start.isPending}>
                Start planning with the planner
              </Button>
            )
          )}
        </div>
      </div>
    </div>
  );
}
