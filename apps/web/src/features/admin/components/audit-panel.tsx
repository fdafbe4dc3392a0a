import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { inputClass } from '../../../ui/field';
import { Loading } from '../../../ui/states';
import { AUDIT_PAGE_SIZE, useAuditEntries, useVerifyAuditChain } from '../hooks/use-admin';
import { describeAuditChange } from '../lib/audit-change';

export function AuditPanel() {
  // The API pages forward by entry id; the stack of earlier cursors lets "Previous" go back.
  const [cursors, setCursors] = useState<string[]>(['0']);
  const after = cursors.at(-1) ?? '0';
  const entries = useAuditEntries(after);
  const verify = useVerifyAuditChain();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = (entries.data ?? []).filter(
    (entry) =>
      !needle ||
      `${entry.action} ${entry.actorLogin} ${entry.targetType} ${(entry.changes ?? []).map((change) => change.field).join(' ')}`
        .toLowerCase()
        .includes(needle),
  );
  const lastId = entries.data?.at(-1)?.id;

  return (
    <Card
      title="Audit log"
      testId="audit-panel"
      actions={
        <Button variant="primary" size="sm" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? 'Verifying…' : 'Verify chain'}
        </Button>
      }
    >
      {verify.data && (
        <div className="mb-3" data-testid="audit-verification" data-valid={verify.data.valid}>
          <Banner tone={verify.data.valid ? 'success' : 'error'}>
            {verify.data.valid
              ? `Audit chain valid: ${verify.data.count} entries verified.`
              : `Audit chain BROKEN at entry ${verify.data.brokenAt ?? '?'} (${verify.data.count} entries checked).`}
          </Banner>
        </div>
      )}
      {verify.error && (
        <div className="mb-3">
          <Banner tone="error">{describeError(verify.error)}</Banner>
        </div>
      )}
      <input
        aria-label="Filter audit entries"
        className={`${inputClass} mb-3 max-w-72`}
        placeholder="Filter by action, actor or target…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {entries.isPending ? (
        <Loading />
      ) : entries.error ? (
        <Banner tone="error">{describeError(entries.error)}</Banner>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-xs">
            <thead className="uppercase tracking-wide text-slate-400">
              <tr>
                <th className="pb-2 font-medium">#</th>
                <th className="pb-2 font-medium">When</th>
                <th className="pb-2 font-medium">Actor</th>
                <th className="pb-2 font-medium">Action</th>
                <th className="pb-2 font-medium">Target</th>
                <th className="pb-2 font-medium">Change</th>
                <th className="pb-2 font-medium">Hash</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-800">
              {shown.map((entry) => (
                <tr key={entry.id} data-testid="audit-row">
                  <td className="py-1.5 pr-2 font-mono text-slate-500">{entry.id}</td>
                  <td className="py-1.5 pr-2 text-slate-400">{new Date(entry.at).toLocaleString()}</td>
                  <td className="py-1.5 pr-2">{entry.actorLogin}</td>
                  <td className="py-1.5 pr-2 font-mono text-indigo-200">{entry.action}</td>
                  <td className="py-1.5 pr-2 text-slate-300">
                    {entry.targetType}
                    {entry.targetId ? ` ${entry.targetId.slice(0, 8)}` : ''}
                  </td>
                  <td className="py-1.5 pr-2 text-slate-200" data-testid="audit-change">
                    {(entry.changes ?? []).length > 0 && (
                      <ul className="space-y-0.5 font-mono">
                        {(entry.changes ?? []).map((change) => (
                          <li key={change.field}>{describeAuditChange(change)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="py-1.5 font-mono text-slate-500" title={entry.hash}>
                    {entry.hash.slice(0, 10)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p className="py-3 text-sm text-slate-400">No entries.</p>}
        </div>
      )}
      <div className="mt-3 flex gap-2">
        <Button size="sm" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          ← Previous
        </Button>
        <Button
          size="sm"
          disabled={!lastId || (entries.data?.length ?? 0) < AUDIT_PAGE_SIZE}
          onClick={() => lastId && setCursors([...cursors, lastId])}
        >
          Next →
        </Button>
      </div>
    </Card>
  );
}
