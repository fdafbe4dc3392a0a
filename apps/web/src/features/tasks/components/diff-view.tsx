import { useMemo, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { inputClass } from '../../../ui/field';
import { EmptyState, Loading } from '../../../ui/states';
import { useTaskAction } from '../hooks/use-task-actions';
import { useTaskDiff } from '../hooks/use-task-diff';
import { type DiffLine, parseUnifiedDiff } from '../lib/parse-diff';

const LINE_TONES: Record<DiffLine['kind'], string> = {
  add: 'bg-emerald-950/70 text-emerald-100',
  del: 'bg-rose-950/70 text-rose-100',
  context: 'text-slate-300',
  hunk: 'bg-sky-950/50 text-sky-300',
  meta: 'text-slate-500',
};

const MARKERS: Record<DiffLine['kind'], string> = { add: '+', del: '-', context: ' ', hunk: '', meta: '' };

export function DiffView({ taskId, reviewable }: { taskId: string; reviewable: boolean }) {
  const diff = useTaskDiff(taskId);
  const files = useMemo(() => parseUnifiedDiff(diff.data ?? ''), [diff.data]);
  const [selected, setSelected] = useState(0);
  const [feedback, setFeedback] = useState('');
  const [requesting, setRequesting] = useState(false);
  const action = useTaskAction(taskId);

  if (diff.isPending) return <Loading label="Loading the diff…" />;
  if (diff.error) return <Banner tone="error">{describeError(diff.error)}</Banner>;
  if (diff.data === null || files.length === 0) {
    return <EmptyState>No diff yet. The coding agent's changes appear here once it has edited the code.</EmptyState>;
  }
  const file = files[Math.min(selected, files.length - 1)];
  return (
    <div className="space-y-3" data-testid="diff-view">
      <div role="tablist" aria-label="Changed files" className="flex flex-wrap gap-1">
        {files.map((f, index) => (
          <button
            key={`${f.path}-${index}`}
            role="tab"
            type="button"
            aria-selected={index === selected}
            onClick={() => setSelected(index)}
            className={`rounded-md px-2 py-1 font-mono text-xs focus-visible:outline-2 focus-visible:outline-indigo-400 ${index === selected ? 'bg-slate-700 text-white' : 'bg-slate-900 text-slate-300 hover:bg-slate-800'}`}
          >
            {f.path || '(unnamed)'} <span className="text-emerald-300">+{f.additions}</span> <span className="text-rose-300">-{f.deletions}</span>
          </button>
        ))}
      </div>
      {file && (
        <div className="overflow-x-auto rounded-md border border-slate-800 bg-slate-950 font-mono text-xs" role="tabpanel">
          <table className="w-full border-collapse">
            <tbody>
              {file.lines.map((line, index) => (
                <tr key={index} className={LINE_TONES[line.kind]}>
                  <td className="w-10 select-none px-2 text-right text-slate-600">{line.oldNumber ?? ''}</td>
                  <td className="w-10 select-none px-2 text-right text-slate-600">{line.newNumber ?? ''}</td>
                  <td className="whitespace-pre px-2">{MARKERS[line.kind]}{line.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {action.error && <Banner tone="error">{describeError(action.error)}</Banner>}
      {reviewable && (
        <div className="space-y-2">
          <div className="flex gap-2">
            <Button variant="primary" disabled={action.isPending} onClick={() => action.mutate({ kind: 'approve-diff' })}>Approve and open PR</Button>
            <Button variant="danger" onClick={() => setRequesting(!requesting)} aria-expanded={requesting}>Request changes…</Button>
          </div>
          {requesting && (
            <form className="flex flex-col gap-2" onSubmit={(e) => { e.preventDefault(); action.mutate({ kind: 'reject-diff', feedback }); }}>
              <label htmlFor="diff-feedback" className="text-sm text-slate-300">What should change?</label>
              <textarea id="diff-feedback" className={inputClass} rows={3} value={feedback} onChange={(e) => setFeedback(e.target.value)} />
              <div><Button type="submit" variant="danger" disabled={action.isPending}>Send to the coding agent</Button></div>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
