import { TIMELINE_ENTRY_KINDS, type Plan, type TaskTimelineEntry, type TimelineEntryKind } from '@patchbay/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Loading } from '../../../ui/states';
import { CommandOutputPanel } from '../../tasks/components/command-output-panel';
import { fetchTaskTimelineExport } from '../api/timeline.api';
import { CheckpointsList } from './checkpoints-list';
import { useTaskTimeline } from '../hooks/use-task-timeline';
import { TIMELINE_KIND_LABELS, timelineExportFileName, toggleTimelineKind } from '../lib/timeline-filter';

/** Hands the browser a file to save, from a blob already fetched with the session's token. */
function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Revoked once the browser has taken the file: revoking at once can cancel the download.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function EntryDetail({ taskId, entry }: { taskId: string; entry: TaskTimelineEntry }) {
  if (entry.kind === 'command' && (entry.detail.stdout !== undefined || entry.detail.stderr !== undefined)) {
    return (
      <CommandOutputPanel
        id={`timeline-output-${entry.id}`}
        taskId={taskId}
        output={{
          stdout: entry.detail.stdout ?? '',
          stderr: entry.detail.stderr ?? '',
          elidedBytes: entry.detail.elidedBytes ?? 0,
          artifactId: entry.detail.outputArtifactId ?? null,
        }}
      />
    );
  }
  // Shown as text, never interpreted: details hold model and repository output.
  return (
    <pre
      className="my-1 ml-6 max-h-80 overflow-auto whitespace-pre-wrap break-words rounded border border-slate-800 bg-slate-950 px-2 py-1.5 text-xs text-slate-300"
      data-testid="timeline-entry-detail"
    >
      {JSON.stringify(entry.detail, null, 2)}
    </pre>
  );
}

/** The Timeline tab (ADR 0036): every entry in order, filter chips by kind, entries that open, and an export. */
export function TimelinePanel({
  taskId,
  running,
  canFork,
  model,
  plan,
}: {
  taskId: string;
  running: boolean;
  /** Developers may fork; forks start from a settled task's checkpoints. */
  canFork: boolean;
  model: string | null;
  plan: Plan | null;
}) {
  const [kinds, setKinds] = useState<TimelineEntryKind[] | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const timeline = useTaskTimeline(taskId, kinds, running);
  const exporting = useMutation({
    mutationFn: () => fetchTaskTimelineExport(taskId, kinds),
    onSuccess: (blob) => saveFile(blob, timelineExportFileName(taskId)),
  });

  const toggleOpen = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="space-y-3" data-testid="timeline-panel">
      <CheckpointsList taskId={taskId} running={running} canFork={canFork} currentModel={model} plan={plan} />
      <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label="Show entries of kind">
        <button
          type="button"
          aria-pressed={kinds === null}
          onClick={() => setKinds(null)}
          className={chipClass(kinds === null)}
        >
          All
        </button>
        {TIMELINE_ENTRY_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            aria-pressed={kinds?.includes(kind) ?? false}
            data-kind={kind}
            onClick={() => setKinds((current) => toggleTimelineKind(current, kind))}
            className={chipClass(kinds?.includes(kind) ?? false)}
          >
            {TIMELINE_KIND_LABELS[kind]}
            <span className="ml-1 text-slate-500">{timeline.data?.counts[kind] ?? 0}</span>
          </button>
        ))}
        <span className="flex-1" />
        <Button size="sm" onClick={() => exporting.mutate()} disabled={exporting.isPending}>
          {exporting.isPending ? 'Exporting…' : 'Export JSON'}
        </Button>
      </div>
      {exporting.error && (
        <Banner tone="error" onDismiss={() => exporting.reset()}>
          {describeError(exporting.error)}
        </Banner>
      )}
      {timeline.isPending && <Loading label="Loading the timeline…" />}
      {timeline.error && <Banner tone="error">{describeError(timeline.error)}</Banner>}
      {timeline.data && timeline.data.entries.length === 0 && (
        <p className="text-sm text-slate-400">Nothing of these kinds yet.</p>
      )}
      {timeline.data && timeline.data.entries.length > 0 && (
        <ol className="space-y-0.5 font-mono text-xs" data-testid="timeline-entries">
          {timeline.data.entries.map((entry) => (
            <li key={entry.id} data-kind={entry.kind} data-testid="timeline-entry">
              <button
                type="button"
                aria-expanded={open.has(entry.id)}
                onClick={() => toggleOpen(entry.id)}
                className="flex w-full items-baseline gap-2 rounded px-1 py-0.5 text-left hover:bg-slate-800/60"
              >
                <span className="shrink-0 text-slate-500">{new Date(entry.at).toLocaleTimeString()}</span>
                <span className="w-24 shrink-0 text-indigo-300">{TIMELINE_KIND_LABELS[entry.kind]}</span>
                <span className="w-24 shrink-0 truncate text-slate-500">{entry.agent ?? ''}</span>
                <span className="min-w-0 break-words text-slate-200">{entry.summary}</span>
              </button>
              {open.has(entry.id) && <EntryDetail taskId={taskId} entry={entry} />}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function chipClass(active: boolean): string {
  return `rounded-full px-2 py-0.5 text-xs ring-1 ${active ? 'bg-indigo-500/20 text-indigo-200 ring-indigo-400' : 'text-slate-400 ring-slate-700 hover:text-slate-200'}`;
}
