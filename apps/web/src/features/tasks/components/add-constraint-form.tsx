import type { AddTaskConstraintRequest } from '@patchbay/contracts';
import { useId, useState, type FormEvent } from 'react';
import { describeError } from '../../../api/api-error';
import { mapErrorToFields } from '../../../api/field-errors';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Field, inputClass } from '../../../ui/field';
import { useAddConstraint } from '../hooks/use-add-constraint';

const FIELDS = ['note', 'avoidFiles', 'maxFilesChanged'] as const;

/** One pattern a line (or comma-separated), blanks dropped. */
function patternsOf(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((pattern) => pattern.trim())
    .filter(Boolean);
}

/**
 * Narrows a running task (issue 20): a note the coder reads at its next step, files it may no
 * longer change, a lower limit on changed files. Shown only while the task is live; the added
 * constraint appears in the log as its `constraint_added` event.
 */
export function AddConstraintForm({ taskId }: { taskId: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [avoidFiles, setAvoidFiles] = useState('');
  const [maxFilesChanged, setMaxFilesChanged] = useState('');
  const [missing, setMissing] = useState(false);
  const [added, setAdded] = useState(false);
  const mutation = useAddConstraint(taskId);

  if (!open)
    return (
      <div className="flex items-center gap-2">
        <Button
          onClick={() => {
            setOpen(true);
            setAdded(false);
          }}
        >
          Add constraint
        </Button>
        {added && (
          <span role="status" className="text-xs text-emerald-300">
            Constraint added; the coder gets it at its next step.
          </span>
        )}
      </div>
    );

  const errors = mutation.error ? mapErrorToFields(describeError(mutation.error), FIELDS) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request: AddTaskConstraintRequest = {
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(patternsOf(avoidFiles).length ? { avoidFiles: patternsOf(avoidFiles) } : {}),
      ...(maxFilesChanged.trim() ? { maxFilesChanged: Number(maxFilesChanged) } : {}),
    };
    setMissing(Object.keys(request).length === 0);
    if (Object.keys(request).length === 0) return;
    mutation.mutate(request, {
      onSuccess: () => {
        setNote('');
        setAvoidFiles('');
        setMaxFilesChanged('');
        setOpen(false);
        setAdded(true);
      },
    });
  };

  return (
    <form
      aria-label="Add constraint"
      onSubmit={submit}
      className="space-y-3 rounded-md border border-slate-700 bg-slate-900 p-3"
    >
      <p className="text-xs text-slate-400">
        The coder receives it before its next step and every later round keeps it. A constraint only narrows the task:
        more files to avoid, a lower limit on changed files.
      </p>
      {missing && <Banner tone="error">Write a note, name files to avoid or give a lower limit.</Banner>}
      {errors && errors.general.length > 0 && <Banner tone="error">{errors.general.join('; ')}</Banner>}
      <Field label="Note for the coder" htmlFor={`${id}-note`} error={errors?.fields['note']}>
        <textarea
          id={`${id}-note`}
          className={inputClass}
          rows={3}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-invalid={errors?.fields['note'] ? true : undefined}
        />
      </Field>
      <Field
        label="Files to avoid from now on"
        htmlFor={`${id}-avoid`}
        error={errors?.fields['avoidFiles']}
        hint="One glob a line, e.g. src/config.ts or migrations/**"
      >
        <textarea
          id={`${id}-avoid`}
          className={`${inputClass} font-mono`}
          rows={2}
          value={avoidFiles}
          onChange={(event) => setAvoidFiles(event.target.value)}
          aria-invalid={errors?.fields['avoidFiles'] ? true : undefined}
        />
      </Field>
      <Field
        label="Change at most (files)"
        htmlFor={`${id}-max`}
        error={errors?.fields['maxFilesChanged']}
        hint="Only lower than the limit in force; files already changed count"
      >
        <input
          id={`${id}-max`}
          type="number"
          min={1}
          className={inputClass}
          value={maxFilesChanged}
          onChange={(event) => setMaxFilesChanged(event.target.value)}
          aria-invalid={errors?.fields['maxFilesChanged'] ? true : undefined}
        />
      </Field>
      <div className="flex gap-2">
        <Button variant="primary" type="submit" disabled={mutation.isPending}>
          Add constraint
        </Button>
        <Button
          onClick={() => {
            setOpen(false);
            setMissing(false);
            mutation.reset();
          }}
        >
          Close
        </Button>
      </div>
    </form>
  );
}
