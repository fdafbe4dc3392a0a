import { type FormEvent, useState } from 'react';
import { ApiError, describeError } from '../../../api/api-error';
import { mapErrorToFields } from '../../../api/field-errors';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Field, inputClass } from '../../../ui/field';
import { EmptyState, Loading } from '../../../ui/states';
import { useCan } from '../../auth/hooks/use-me';
import { useCredentials, useDeleteCredential, useStoreCredential } from '../hooks/use-credentials';

const FIELDS = ['owner', 'provider', 'apiKey', 'baseUrl'];

export function SettingsPage() {
  const isAdmin = useCan('admin');
  const canStore = useCan('developer');
  // Credentials are a developer's business: a viewer's page does not ask (the API would answer 403).
  const credentials = useCredentials({ enabled: canStore });
  const store = useStoreCredential();
  const remove = useDeleteCredential();
  const [owner, setOwner] = useState<'user' | 'organisation'>('user');
  const [provider, setProvider] = useState('openai');
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const errors =
    store.error instanceof ApiError && store.error.status === 400
      ? mapErrorToFields(store.error.message, FIELDS)
      : null;
  const general = store.error ? (errors ? errors.general.join('; ') : describeError(store.error)) : '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    store.mutate(
      { owner, provider: provider.trim(), apiKey, ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}) },
      // The key leaves the page once stored: the API never shows it again.
      { onSuccess: () => setApiKey('') },
    );
  };

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-lg font-semibold">Settings</h1>
      <Card title="Model credentials" testId="credentials-panel">
        {!canStore ? (
          <EmptyState>
            Model keys are managed by developers and admins; your role (viewer) cannot see or store them.
          </EmptyState>
        ) : credentials.isPending ? (
          <Loading />
        ) : credentials.error ? (
          <Banner tone="error">{describeError(credentials.error)}</Banner>
        ) : credentials.data.length === 0 ? (
          <EmptyState>No stored keys. Tasks use the platform's configured model endpoint.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-800">
            {credentials.data.map((credential) => (
              <li
                key={credential.id}
                className="flex items-center justify-between py-2 text-sm"
                data-testid="credential-row"
              >
                <div>
                  <span className="font-medium">{credential.provider}</span>
                  <span className="ml-2 rounded bg-slate-800 px-1.5 py-0.5 text-xs text-slate-300">
                    {credential.owner}
                  </span>
                  <span className="ml-3 font-mono text-slate-300" data-testid="credential-last-four">
                    ••••{credential.keyLastFour}
                  </span>
                  {credential.baseUrl && (
                    <span className="ml-3 font-mono text-xs text-slate-400">{credential.baseUrl}</span>
                  )}
                </div>
                {(credential.owner === 'user' || isAdmin) && (
                  <Button
                    size="sm"
                    variant="danger"
                    onClick={() => remove.mutate(credential.id)}
                    disabled={remove.isPending}
                    aria-label={`Delete ${credential.provider} key ending ${credential.keyLastFour}`}
                  >
                    Delete
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {remove.error && (
          <div className="mt-2">
            <Banner tone="error">{describeError(remove.error)}</Banner>
          </div>
        )}
        {canStore && (
          <form
            onSubmit={submit}
            className="mt-4 space-y-3 border-t border-slate-800 pt-4"
            aria-label="Store a key"
            noValidate
          >
            <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
              <Field label="Owner" htmlFor="credential-owner" error={errors?.fields['owner']}>
                <select
                  id="credential-owner"
                  className={inputClass}
                  value={owner}
                  onChange={(e) => setOwner(e.target.value as 'user' | 'organisation')}
                >
                  <option value="user">me</option>
                  {isAdmin && <option value="organisation">organisation</option>}
                </select>
              </Field>
              <Field label="Provider" htmlFor="provider" error={errors?.fields['provider']}>
                <input
                  id="provider"
                  className={inputClass}
                  value={provider}
                  onChange={(e) => setProvider(e.target.value)}
                />
              </Field>
              <Field
                label="API key"
                htmlFor="apiKey"
                error={errors?.fields['apiKey']}
                hint="Write-only: stored encrypted, only the last four characters are shown."
              >
                <input
                  id="apiKey"
                  type="password"
                  autoComplete="off"
                  className={inputClass}
                  value={apiKey}
                  onChange={(e) => setApiKey(e.target.value)}
                  aria-invalid={Boolean(errors?.fields['apiKey'])}
                />
              </Field>
              <Field label="Base URL (optional)" htmlFor="baseUrl" error={errors?.fields['baseUrl']}>
                <input
                  id="baseUrl"
                  className={inputClass}
                  value={baseUrl}
                  onChange={(e) => setBaseUrl(e.target.value)}
                  placeholder="https://api.openai.com/v1"
                />
              </Field>
            </div>
            {general && <Banner tone="error">{general}</Banner>}
            <Button type="submit" variant="primary" disabled={store.isPending}>
              Store key
            </Button>
          </form>
        )}
      </Card>
      <Card title="Models per role" testId="models-panel">
        <p className="text-sm text-slate-300">
          The planner, coder, reviewer and summariser each use the model the platform is configured with (
          <code className="font-mono text-xs">MODEL_PLANNER</code>,{' '}
          <code className="font-mono text-xs">MODEL_CODER</code>,{' '}
          <code className="font-mono text-xs">MODEL_REVIEWER</code>,{' '}
          <code className="font-mono text-xs">MODEL_SUMMARISER</code>, falling back to{' '}
          <code className="font-mono text-xs">MODEL_DEFAULT</code>). The API does not change them at run time; a task
          can name its own model when it is created.
        </p>
      </Card>
    </div>
  );
}
