import type { BacklogOperation, BacklogPatch, BacklogProposalMessageView } from '@patchbay/contracts';
import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { inputClass } from '../../../ui/field';
import { useAcceptBacklogProposal, useRejectBacklogProposal } from '../hooks/use-backlog';
import { PatchDiff } from './patch-diff';

const STATE_LABELS: Record<BacklogProposalMessageView['state'], string> = {
  pending: 'awaiting your decision',
  accepted: 'accepted',
  rejected: 'rejected',
  stale: 'stale: the tree changed since',
};

function describeOperation(operation: BacklogOperation): string {
  if (operation.op === 'create') return `create “${operation.title}”`;
  if (operation.op === 'delete') return `delete ${operation.id.slice(0, 8)}`;
  return `update ${operation.id.slice(0, 8)}${operation.parent !== undefined ? ' (move)' : ''}`;
}

/** The person's edit of a proposal: operations kept or dropped, titles of creates and updates reworded. */
function ProposalEditor({
  patch,
  onAccept,
  onCancel,
  pending,
}: {
  patch: BacklogPatch;
  onAccept: (patch: BacklogPatch) => void;
  onCancel: () => void;
  pending: boolean;
}) {
  const [operations, setOperations] = useState(() => patch.operations.map((operation) => ({ operation, keep: true })));
  const update = (index: number, change: Partial<{ keep: boolean; title: string }>) =>
    setOperations((current) =>
      current.map((entry, at) =>
        at !== index
          ? entry
          : {
              keep: change.keep ?? entry.keep,
              operation:
                change.title !== undefined && entry.operation.op !== 'delete'
                  ? { ...entry.operation, title: change.title }
                  : entry.operation,
            },
      ),
    );
  return (
    <div className="space-y-2" data-testid="proposal-editor">
      <ol className="space-y-1 text-xs">
        {operations.map(({ operation, keep }, index) => (
          <li key={index} className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={keep}
              onChange={(event) => update(index, { keep: event.target.checked })}
              aria-label={`Keep operation ${index + 1}: ${describeOperation(operation)}`}
            />
            <span className="w-14 shrink-0 font-mono text-slate-400">{operation.op}</span>
            {operation.op !== 'delete' && operation.title !== undefined ? (
              <input
                className={inputClass}
                value={operation.title}
                aria-label={`Title of operation ${index + 1}`}
                onChange={(event) => update(index, { title: event.target.value })}
              />
            ) : (
              <span className="text-slate-300">{describeOperation(operation)}</span>
            )}
          </li>
        ))}
      </ol>
      <div className="flex gap-2">
        <Button
          variant="primary"
          size="sm"
          disabled={pending || !operations.some((entry) => entry.keep)}
          onClick={() =>
            onAccept({ ...patch, operations: operations.filter((entry) => entry.keep).map((entry) => entry.operation) })
          }
        >
          Accept edited patch
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel edit
        </Button>
      </div>
    </div>
  );
}

/** The planner's proposal: the patch as a tree diff, with Accept / Edit / Reject while it is pending. */
export function ProposalCard({
  projectId,
  proposal,
  canDecide,
}: {
  projectId: string;
  proposal: BacklogProposalMessageView;
  canDecide: boolean;
}) {
  const accept = useAcceptBacklogProposal(projectId);
  const reject = useRejectBacklogProposal(projectId);
  const [editing, setEditing] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const pending = proposal.state === 'pending';
  const error = accept.error ?? reject.error;
  return (
    <article
      className="space-y-2 rounded-md border border-slate-700 bg-slate-950/60 p-3"
      data-testid="backlog-proposal"
      data-state={proposal.state}
      aria-label="Proposed patch"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2 text-xs">
        <span className="font-medium text-slate-200">{proposal.patch.summary || 'Proposed patch'}</span>
        <span className="text-slate-400">
          {proposal.patch.operations.length} operation{proposal.patch.operations.length === 1 ? '' : 's'} on version{' '}
          {proposal.patch.baseVersion} · {proposal.model}
          {proposal.attempts > 1 && ' · corrected after an invalid answer'} ·{' '}
          <span data-testid="proposal-state">{STATE_LABELS[proposal.state]}</span>
        </span>
      </header>
      {pending && proposal.preview?.valid && <PatchDiff rows={proposal.preview.rows} />}
      {pending && proposal.preview && !proposal.preview.valid && (
        <Banner tone="warning">This patch no longer applies: {proposal.preview.problems.join('; ')}</Banner>
      )}
      {!pending && (
        <ul className="list-disc pl-5 text-xs text-slate-400">
          {proposal.patch.operations.map((operation, index) => (
            <li key={index}>{describeOperation(operation)}</li>
          ))}
        </ul>
      )}
      {error && <Banner tone="error">{describeError(error)}</Banner>}
      {pending && canDecide && !editing && !rejecting && (
        <div className="flex gap-2">
          <Button
            variant="primary"
            size="sm"
            disabled={accept.isPending}
            onClick={() => accept.mutate({ proposalId: proposal.id, request: {} })}
          >
            Accept
          </Button>
          <Button size="sm" onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button size="sm" variant="danger" onClick={() => setRejecting(true)}>
            Reject
          </Button>
        </div>
      )}
      {pending && canDecide && editing && (
        <ProposalEditor
          patch={proposal.patch}
          pending={accept.isPending}
          onCancel={() => setEditing(false)}
          onAccept={(patch) => accept.mutate({ proposalId: proposal.id, request: { patch } })}
        />
      )}
      {pending && canDecide && rejecting && (
        <form
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            reject.mutate({ proposalId: proposal.id, reason: reason.trim() || undefined });
          }}
        >
          <input
            className={inputClass}
            placeholder="Why (optional; the planner reads it)"
            aria-label="Reason for rejecting"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <Button type="submit" size="sm" variant="danger" disabled={reject.isPending}>
            Reject patch
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setRejecting(false)}>
            Cancel
          </Button>
        </form>
      )}
    </article>
  );
}
