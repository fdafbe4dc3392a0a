import { formatCheckDuration, MAX_CHECK_WAIVER_REASON_LENGTH, type RequiredCheckResult } from '@patchbay/contracts';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { useCommandOutput } from '../hooks/use-command-output';

export interface RequiredChecksPanelProps {
  taskId: string;
  checks: readonly RequiredCheckResult[];
  /** Whether the viewer may waive a check now (developer role, task waiting on its checks). */
  mayWaive: (check: RequiredCheckResult) => boolean;
  onWaive: (name: string, reason: string) => void;
  pending: boolean;
  error: Error | null;
}

function resultOf(check: RequiredCheckResult): string {
  const ended = check.timedOut ? 'timed out' : check.exitCode === null ? 'killed' : `exit ${check.exitCode}`;
  if (check.status === 'passed') return 'passed';
  return check.waiver ? `failed (${ended}), waived by ${check.waiver.by}: ${check.waiver.reason}` : `failed (${ended})`;
}

/**
 * The repository's required checks on the latest validated change (ADR 0030): result, duration and
 * output of each, and, for a failed one the task waits on, a form to waive it with a reason.
 */
export function RequiredChecksPanel({ taskId, checks, mayWaive, onWaive, pending, error }: RequiredChecksPanelProps) {
  return (
    <section id="checks" aria-label="Required checks" className="space-y-2" data-testid="required-checks">
      <h2 className="text-sm font-semibold text-slate-100">Required checks</h2>
      {error && <Banner tone="error">{describeError(error)}</Banner>}
      <ul className="space-y-2">
        {checks.map((check) => (
          <RequiredCheckRow
            key={check.name}
            taskId={taskId}
            check={check}
            waivable={mayWaive(check)}
            pending={pending}
            onWaive={(reason) => onWaive(check.name, reason)}
          />
        ))}
      </ul>
    </section>
  );
}

function RequiredCheckRow({
  taskId,
  check,
  waivable,
  pending,
  onWaive,
}: {
  taskId: string;
  check: RequiredCheckResult;
  waivable: boolean;
  pending: boolean;
  onWaive: (reason: string) => void;
}) {
  const [showOutput, setShowOutput] = useState(false);
  const [reason, setReason] = useState('');
  const whole = useCommandOutput(taskId, check.outputArtifactId, showOutput);
  const tone = check.status === 'passed' ? 'text-emerald-300' : check.waiver ? 'text-amber-300' : 'text-rose-300';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) onWaive(reason.trim());
  };
  return (
    <li className="rounded border border-slate-800 p-2 text-sm" data-testid="required-check" data-check={check.name}>
      <div className="flex flex-wrap items-baseline gap-2">
        <span className="font-medium text-slate-100">{check.name}</span>
        <code className="text-xs text-slate-400">{check.command}</code>
        <span className={tone} data-testid="required-check-result">
          {resultOf(check)}
        </span>
        <span className="text-xs text-slate-400">{formatCheckDuration(check.durationMs)}</span>
        <Button size="sm" variant="ghost" onClick={() => setShowOutput((shown) => !shown)}>
          {showOutput ? 'Hide output' : 'Show output'}
        </Button>
      </div>
      {showOutput && (
        <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-950 p-2 text-xs text-slate-200">
          {whole.data
            ? [whole.data.stdout, whole.data.stderr].filter(Boolean).join('\n')
            : check.outputTail || '(no output)'}
        </pre>
      )}
      {waivable && (
        <form onSubmit={submit} className="mt-2 flex flex-wrap items-end gap-2">
          <label className="flex-1 text-xs text-slate-400">
            Why may this change go on without {check.name} passing?
            <input
              aria-label={`Reason to waive ${check.name}`}
              className="mt-1 w-full rounded-md bg-slate-900 p-1.5 text-sm text-slate-100 ring-1 ring-slate-700"
              maxLength={MAX_CHECK_WAIVER_REASON_LENGTH}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </label>
          <Button type="submit" variant="danger" size="sm" disabled={pending || reason.trim() === ''}>
            Waive {check.name}
          </Button>
        </form>
      )}
    </li>
  );
}
