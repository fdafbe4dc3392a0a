import type { BacklogItemView } from '@patchbay/contracts';
import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Link } from '../../../app/router';
import { Button } from '../../../ui/button';
import { inputClass } from '../../../ui/field';
import { useRepositories } from '../../repositories/hooks/use-repositories';
import { useSendBacklogItem } from '../hooks/use-backlog';

/** "Send to Patchbay" on a leaf: pick an allowed repository; the leaf becomes a coding task linked to it. */
export function SendToPatchbay({ projectId, item }: { projectId: string; item: BacklogItemView }) {
  const repositories = useRepositories();
  const send = useSendBacklogItem(projectId);
  const [open, setOpen] = useState(false);
  const [repository, setRepository] = useState('');
  const allowed = (repositories.data ?? []).filter((candidate) => candidate.allowed);
  if (!open)
    return (
      <Button size="sm" onClick={() => setOpen(true)}>
        Send to Patchbay
      </Button>
    );
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (repository) send.mutate({ itemId: item.id, request: { repository } });
      }}
    >
      <select
        className={`${inputClass} w-auto`}
        value={repository}
        onChange={(event) => setRepository(event.target.value)}
        aria-label={`Repository for “${item.title}”`}
      >
        <option value="">Repository…</option>
        {allowed.map((candidate) => (
          <option key={candidate.id} value={candidate.fullName}>
            {candidate.fullName}
          </option>
        ))}
      </select>
      <Button type="submit" size="sm" variant="primary" disabled={!repository || send.isPending}>
        Create coding task
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
        Cancel
      </Button>
      {send.data && (
        <Link to={`/tasks/${send.data.taskId}`} className="text-xs text-indigo-300 underline">
          Open the task
        </Link>
      )}
      {send.error && <span className="text-xs text-rose-300">{describeError(send.error)}</span>}
    </form>
  );
}
