import type { RepositoryConfigurationSource, TaskEvent } from '@patchbay/contracts';
import { Banner } from '../../../ui/banner';
import { EmptyState } from '../../../ui/states';
import { repositoryConfigurationOf } from '../types/task-event-payloads';

const SOURCE_LABELS: Record<RepositoryConfigurationSource, string> = {
  settings: 'repository settings',
  file: 'configuration file',
  default: 'default',
};

const SOURCE_TONES: Record<RepositoryConfigurationSource, string> = {
  settings: 'bg-indigo-900/60 text-indigo-200',
  file: 'bg-emerald-900/60 text-emerald-200',
  default: 'bg-slate-800 text-slate-300',
};

/** What an empty value means where "none" would mislead. */
const EMPTY_VALUES: Record<string, string> = {
  setup: 'the platform’s dependency install only',
  test: 'detected by the platform',
};

/** What the task runs under: the configuration file and AGENTS.md files used, and each setting with where it came from. */
export function RepositoryConfigurationPanel({ events }: { events: readonly TaskEvent[] }) {
  const report = repositoryConfigurationOf(events);
  if (!report)
    return (
      <EmptyState>
        The configuration is read from the repository at the base commit when the analysis starts.
      </EmptyState>
    );
  return (
    <div className="space-y-3" data-testid="repository-configuration">
      {report.configProblem && (
        <Banner tone="warning">The configuration file was ignored: {report.configProblem}</Banner>
      )}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-400">Configuration file</dt>
        <dd className="font-mono text-slate-200" data-testid="config-file">
          {report.configFile ?? (report.configProblem ? 'ignored (see above)' : 'none (.patchbay.yml not found)')}
        </dd>
        <dt className="text-slate-400">Instructions</dt>
        <dd className="font-mono text-slate-200" data-testid="instructions-from">
          {report.instructionsFrom.length > 0 ? report.instructionsFrom.join(', ') : 'none (no AGENTS.md)'}
        </dd>
      </dl>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Effective settings and their sources</caption>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-4 font-medium">
              Setting
            </th>
            <th scope="col" className="py-1 pr-4 font-medium">
              Value
            </th>
            <th scope="col" className="py-1 font-medium">
              From
            </th>
          </tr>
        </thead>
        <tbody>
          {report.settings.map((setting) => (
            <tr key={setting.field} className="border-t border-slate-800" data-testid="config-setting">
              <td className="py-1 pr-4 font-mono text-slate-300">{setting.field}</td>
              <td className="py-1 pr-4 font-mono text-slate-200">
                {setting.value || <span className="text-slate-500">{EMPTY_VALUES[setting.field] ?? 'none'}</span>}
              </td>
              <td className="py-1">
                <span className={`rounded px-1.5 py-0.5 text-xs ${SOURCE_TONES[setting.source]}`}>
                  {SOURCE_LABELS[setting.source]}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
