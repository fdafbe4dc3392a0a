import { QUOTA_KINDS, type QuotaKind, type QuotaScope } from '@patchbay/contracts';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Field, inputClass } from '../../../ui/field';
import { Loading } from '../../../ui/states';
import { useMembers, useQuotas, useSetQuota } from '../hooks/use-admin';
import { QUOTA_LABELS, QuotaBar } from './quota-usage';

export function QuotasPanel() {
  const quotas = useQuotas();
  const members = useMembers();
  const setQuota = useSetQuota();
  const [scope, setScope] = useState<QuotaScope>('organisation');
  const [userId, setUserId] = useState('');
  const [kind, setKind] = useState<QuotaKind>('tasks_per_day');
  const [limit, setLimit] = useState('');
  const loginOf = (id: string | null) => members.data?.find((m) => m.userId === id)?.login ?? id ?? '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuota.mutate(
      { scope, kind, limit: Number(limit), ...(scope === 'user' ? { userId } : {}) },
      { onSuccess: () => setLimit('') },
    );
  };

  return (
    <Card title="Quotas" testId="quotas-panel">
      {quotas.isPending ? (
        <Loading />
      ) : quotas.error ? (
        <Banner tone="error">{describeError(quotas.error)}</Banner>
      ) : (
        <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
          {quotas.data.map((quota) => (
            <QuotaBar
              key={`${quota.scope}-${quota.userId ?? ''}-${quota.kind}`}
              quota={quota}
              label={`${QUOTA_LABELS[quota.kind]} · ${quota.scope === 'user' ? loginOf(quota.userId) : 'organisation'}`}
            />
          ))}
        </div>
      )}
      <form
        onSubmit={submit}
        className="mt-4 flex flex-wrap items-end gap-2 border-t border-slate-800 pt-4"
        aria-label="Set a quota"
      >
        <Field label="Scope" htmlFor="quota-scope">
          <select
            id="quota-scope"
            className={inputClass}
            value={scope}
            onChange={(e) => setScope(e.target.value as QuotaScope)}
          >
            <option value="organisation">organisation</option>
            <option value="user">user</option>
          </select>
        </Field>
        {scope === 'user' && (
          <Field label="User" htmlFor="quota-user">
            <select id="quota-user" className={inputClass} value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">Choose…</option>
              {(members.data ?? []).map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.login}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Kind" htmlFor="quota-kind">
          <select
            id="quota-kind"
            className={inputClass}
            value={kind}
            onChange={(e) => setKind(e.target.value as QuotaKind)}
          >
            {QUOTA_KINDS.map((k) => (
              <option key={k} value={k}>
                {QUOTA_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Limit" htmlFor="quota-limit">
          <input
            id="quota-limit"
            type="number"
            min={0}
            className={`${inputClass} w-28`}
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            required
          />
        </Field>
        <Button type="submit" variant="primary" disabled={setQuota.isPending || limit === ''}>
          Set limit
        </Button>
      </form>
      {setQuota.error && (
        <div className="mt-2">
          <Banner tone="error" onDismiss={() => setQuota.reset()}>
            {describeError(setQuota.error)}
          </Banner>
        </div>
      )}
    </Card>
  );
}
