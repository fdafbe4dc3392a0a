import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Card } from '../../../ui/card';
import { EmptyState, Loading } from '../../../ui/states';
import { useBacklogVersions } from '../hooks/use-backlog';

/** Every accepted patch, newest first: who accepted it, what it did, how many tasks the tree then held. */
export function VersionHistory({ projectId }: { projectId: string }) {
  const versions = useBacklogVersions(projectId);
  return (
    <Card title="Versions" testId="backlog-versions">
      {versions.isLoading && <Loading />}
      {versions.error && <Banner tone="error">{describeError(versions.error)}</Banner>}
      {versions.data?.length === 0 && <EmptyState>No patch accepted yet.</EmptyState>}
      <ol className="space-y-1 text-xs text-slate-300">
        {versions.data?.map((version) => (
          <li key={version.version} data-testid="backlog-version">
            <span className="font-mono text-slate-100">v{version.version}</span> · {version.patch.summary || 'patch'} ·{' '}
            {version.patch.operations.length} operation{version.patch.operations.length === 1 ? '' : 's'} ·{' '}
            {version.itemCount} tasks · by {version.acceptedBy} · {new Date(version.at).toLocaleString()}
          </li>
        ))}
      </ol>
    </Card>
  );
}
