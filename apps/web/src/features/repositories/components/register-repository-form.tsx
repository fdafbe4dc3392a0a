import { type FormEvent, useState } from 'react';
import { ApiError, describeError } from '../../../api/api-error';
import { mapErrorToFields } from '../../../api/field-errors';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Field, inputClass } from '../../../ui/field';
import { useRegisterRepository } from '../hooks/use-repositories';

const FIELDS = ['fullName', 'importFrom', 'defaultBranch', 'source'];

export function RegisterRepositoryForm() {
  const register = useRegisterRepository();
  const [source, setSource] = useState<'local' | 'github'>('local');
  const [fullName, setFullName] = useState('');
  const [importFrom, setImportFrom] = useState('');
  const errors =
    register.error instanceof ApiError && register.error.status === 400
      ? mapErrorToFields(register.error.message, FIELDS)
      : null;
  const general = register.error ? (errors ? errors.general.join('; ') : describeError(register.error)) : '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request =
      source === 'local'
        ? { source, fullName: fullName.trim(), importFrom: importFrom.trim() }
        : { source, fullName: fullName.trim() };
    register.mutate(request, {
      onSuccess: () => {
        setFullName('');
        setImportFrom('');
      },
    });
  };

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Register a repository" noValidate>
      <div className="flex flex-wrap items-start gap-3">
        <Field label="Source" htmlFor="repo-source">
          <select
            id="repo-source"
            className={inputClass}
            value={source}
            onChange={(e) => setSource(e.target.value as 'local' | 'github')}
          >
            <option value="local">local forge (import)</option>
            <option value="github">GitHub</option>
          </select>
        </Field>
        <div className="min-w-56 flex-1">
          <Field label="Name (owner/name)" htmlFor="fullName" error={errors?.fields['fullName']}>
            <input
              id="fullName"
              className={inputClass}
              value={fullName}
              onChange={(e) => setFullName(e.target.value)}
              placeholder="acme/api"
              aria-invalid={Boolean(errors?.fields['fullName'])}
            />
          </Field>
        </div>
        {source === 'local' && (
          <div className="min-w-72 flex-[2]">
            <Field
              label="Import from (path on the server or git URL)"
              htmlFor="importFrom"
              error={errors?.fields['importFrom']}
            >
              <input
                id="importFrom"
                className={inputClass}
                value={importFrom}
                onChange={(e) => setImportFrom(e.target.value)}
                placeholder="/srv/git/api or https://…"
                aria-invalid={Boolean(errors?.fields['importFrom'])}
              />
            </Field>
          </div>
        )}
      </div>
      {general && <Banner tone="error">{general}</Banner>}
      {register.isSuccess && <Banner tone="success">Registered {register.data.fullName}.</Banner>}
      <Button type="submit" variant="primary" disabled={register.isPending}>
        {register.isPending ? 'Registering…' : 'Register repository'}
      </Button>
    </form>
  );
}
