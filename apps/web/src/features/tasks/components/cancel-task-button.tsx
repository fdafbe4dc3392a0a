import { useState } from 'react';
import { Button } from '../../../ui/button';

/**
 * Cancelling throws away the agents' work in progress and cannot be undone, so it asks once:
 * the first click only shows what will happen, with the choice to keep the task running.
 */
export function CancelTaskButton({ onCancel, pending }: { onCancel: () => void; pending: boolean }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <Button variant="danger" onClick={() => setConfirming(true)} disabled={pending}>
        Cancel task
      </Button>
    );
  return (
    <div role="group" aria-label="Confirm cancellation" className="flex items-center gap-2 text-sm text-slate-300">
      <span>Stop the agents and release the sandbox? Work in progress is lost.</span>
      <Button
        variant="danger"
        onClick={() => {
          setConfirming(false);
          onCancel();
        }}
        disabled={pending}
        autoFocus
      >
        Yes, cancel
      </Button>
      <Button onClick={() => setConfirming(false)}>Keep running</Button>
    </div>
  );
}
