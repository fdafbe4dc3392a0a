import { TIMELINE_ENTRY_KINDS, type TimelineEntryKind } from '@patchbay/contracts';

/** The chips' labels, in the order the chips show. */
export const TIMELINE_KIND_LABELS: Record<TimelineEntryKind, string> = {
  status: 'Status',
  model_call: 'Model calls',
  tool_call: 'Tool calls',
  command: 'Commands',
  package_install: 'Packages',
  file_change: 'Files',
  plan: 'Plans',
  approval: 'Approvals',
  checkpoint: 'Checkpoints',
  test_run: 'Tests',
  diff: 'Diffs',
  pull_request: 'Pull requests',
  message: 'Messages',
  error: 'Errors',
};

/**
 * Toggles one kind in the filter; null means every kind. Choosing the last kind away, or every
 * kind, is the same as no filter, so the list never goes empty by filtering.
 */
export function toggleTimelineKind(
  selected: readonly TimelineEntryKind[] | null,
  kind: TimelineEntryKind,
): TimelineEntryKind[] | null {
  const current = new Set(selected ?? []);
  if (current.has(kind)) current.delete(kind);
  else current.add(kind);
  const next = TIMELINE_ENTRY_KINDS.filter((known) => current.has(known));
  return next.length === 0 || next.length === TIMELINE_ENTRY_KINDS.length ? null : next;
}

/** The file name the export is saved under. */
export function timelineExportFileName(taskId: string): string {
  return `task-${taskId}-timeline.json`;
}
