import { useState } from 'react';
import { Button } from '../../../ui/button';
import { inputClass } from '../../../ui/field';

/** name → new value (set or replace) or null (remove); names not in it stay as stored. */
export type SecretEnvChanges = Record<string, string | null>;

const NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

/**
 * Secret environment variables are write-only: the server never sends a value back, so the editor
 * shows which names are set and collects replacements and removals for the next save.
 */
export function SecretEnvEditor({
  names,
  changes,
  onChange,
  idPrefix,
}: {
  names: string[];
  changes: SecretEnvChanges;
  onChange: (next: SecretEnvChanges) => void;
  idPrefix: string;
}) {
  const [newName, setNewName] = useState('');
  const [newValue, setNewValue] = useState('');
  const nameError = newName && !NAME.test(newName) ? 'Use UPPER_SNAKE_CASE, e.g. NPM_TOKEN' : null;
  const pendingNew = Object.keys(changes).filter((name) => !names.includes(name) && changes[name] !== null);

  const add = () => {
    if (!newName || nameError || !newValue) return;
    onChange({ ...changes, [newName]: newValue });
    setNewName('');
    setNewValue('');
  };
  const without = (name: string): SecretEnvChanges =>
    Object.fromEntries(Object.entries(changes).filter(([key]) => key !== name));

  return (
    <fieldset className="space-y-2" aria-label="Secret environment variables">
      <legend className="text-sm text-slate-300">
        Secret environment (write-only: values are stored encrypted and never shown again)
      </legend>
      <ul className="space-y-1 text-sm">
        {[...names, ...pendingNew].map((name) => {
          const change = changes[name];
          const state =
            change === null
              ? 'will be removed'
              : change !== undefined
                ? names.includes(name)
                  ? 'will be replaced'
                  : 'will be added'
                : 'set';
          return (
            <li key={name} className="flex items-center gap-3" data-testid="secret-env-row">
              <code className="font-mono text-slate-200">{name}</code>
              <span className="text-slate-400">{state}</span>
              {change === undefined ? (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => onChange({ ...changes, [name]: null })}
                  aria-label={`Remove ${name}`}
                >
                  Remove
                </Button>
              ) : (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => onChange(without(name))}
                  aria-label={`Undo change to ${name}`}
                >
                  Undo
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-xs text-slate-400" htmlFor={`${idPrefix}-secret-name`}>
          Name
          <input
            id={`${idPrefix}-secret-name`}
            className={`${inputClass} font-mono`}
            value={newName}
            onChange={(e) => setNewName(e.target.value.trim())}
            placeholder="NPM_TOKEN"
            aria-invalid={nameError !== null}
          />
        </label>
        <label className="text-xs text-slate-400" htmlFor={`${idPrefix}-secret-value`}>
          Value
          <input
            id={`${idPrefix}-secret-value`}
            type="password"
            autoComplete="new-password"
            className={inputClass}
            value={newValue}
            onChange={(e) => setNewValue(e.target.value)}
          />
        </label>
        <Button size="sm" onClick={add} disabled={!newName || !newValue || nameError !== null}>
          {names.includes(newName) ? 'Replace' : 'Add'} secret
        </Button>
      </div>
      {nameError && (
        <p className="text-xs text-rose-300" role="alert">
          {nameError}
        </p>
      )}
    </fieldset>
  );
}
