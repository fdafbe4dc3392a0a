import type { RepositoryView } from '@patchbay/contracts';
import { Fragment, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { EmptyState, Loading } from '../../../ui/states';
import { useRepositories, useUpdateRepository } from '../hooks/use-repositories';
import { EgressHostsEditor } from './egress-hosts-editor';
import { RegisterRepositoryForm } from './register-repository-form';
import { RepositorySettingsForm } from './repository-settings-form';

/** The lint setting in the commands column: its command, `lint off`, or nothing for the default (found in the repository). */
function lintDescription(settings: Pick<RepositoryView['settings'], 'lintMode' | 'lintCommand'>): string | null {
  if (settings.lintMode === 'off') return 'lint off';
  return settings.lintMode === 'command' ? settings.lintCommand : null;
}

export function RepositoriesPanel() {
  const repositories = useRepositories();
  const update = useUpdateRepository();
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <Card title="Repositories" testId="repositories-panel">
      <div className="space-y-4">
        <RegisterRepositoryForm />
        {update.error && (
          <Banner tone="error" onDismiss={() => update.reset()}>
            {describeError(update.error)}
          </Banner>
        )}
        {repositories.isPending ? (
          <Loading />
        ) : repositories.error ? (
          <Banner tone="error">{describeError(repositories.error)}</Banner>
        ) : repositories.data.length === 0 ? (
          <EmptyState>No repositories yet. Register one above.</EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-400">
              <tr>
                <th className="pb-2 font-medium">Repository</th>
                <th className="pb-2 font-medium">Source</th>
                <th className="pb-2 font-medium">Default branch</th>
                <th className="pb-2 font-medium">Commands</th>
                <th className="pb-2 font-medium">Allow-list</th>
                <th />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-800">
              {repositories.data.map((repository) => (
                <Fragment key={repository.id}>
                  <tr data-testid="repository-row" data-full-name={repository.fullName}>
                    <td className="py-2 font-mono text-xs">{repository.fullName}</td>
                    <td className="py-2 text-xs text-slate-300">{repository.source}</td>
                    <td className="py-2 font-mono text-xs text-slate-300">{repository.defaultBranch}</td>
                    <td className="py-2 font-mono text-xs text-slate-400">
                      {[repository.settings.testCommand, lintDescription(repository.settings)]
                        .filter(Boolean)
                        .join(' · ') || '—'}
                    </td>
                    <td className="py-2">
                      <label className="flex items-center gap-2 text-xs">
                        <input
                          type="checkbox"
                          role="switch"
                          className="h-4 w-4 accent-emerald-500"
                          checked={repository.allowed}
                          disabled={update.isPending}
                          onChange={(e) => update.mutate({ id: repository.id, change: { allowed: e.target.checked } })}
                          aria-label={`Allow tasks on ${repository.fullName}`}
                        />
                        {repository.allowed ? 'allowed' : 'blocked'}
                      </label>
                    </td>
                    <td className="py-2 text-right">
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setEditing(editing === repository.id ? null : repository.id)}
                        aria-expanded={editing === repository.id}
                      >
                        Settings
                      </Button>
                    </td>
                  </tr>
                  {editing === repository.id && (
                    <tr>
                      <td colSpan={6} className="pb-3">
                        <RepositorySettingsForm repository={repository} onDone={() => setEditing(null)} />
                        <EgressHostsEditor repository={repository} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Card>
  );
}
