import { Button } from '../../../ui/button';
import { inputClass } from '../../../ui/field';
import { addTargetTest, type DraftTargetTest, removeTargetTest, updateTargetTest } from '../lib/target-tests-draft';

export interface TargetTestsEditorProps {
  draft: DraftTargetTest[];
  onChange: (draft: DraftTargetTest[]) => void;
  editable: boolean;
}

/** The plan's target tests: the task is done only when each of them passes. */
export function TargetTestsEditor({ draft, onChange, editable }: TargetTestsEditorProps) {
  return (
    <section className="space-y-2" aria-labelledby="target-tests-heading" data-testid="target-tests">
      <h3 id="target-tests-heading" className="text-sm font-medium text-slate-200">
        Target tests
      </h3>
      <p className="text-xs text-slate-400">
        The task is done only when every target test passes and nothing that passed before fails. Name tests as the test
        runner reports them; leave the file empty to match the name in any file.
      </p>
      {draft.length === 0 && !editable && (
        <p className="text-sm text-slate-400">None: the task is done when nothing that passed before fails.</p>
      )}
      <ul className="space-y-1">
        {draft.map((test, index) => (
          <li key={test.key} data-testid="target-test" className="flex items-center gap-2">
            {editable ? (
              <>
                <input
                  aria-label={`Target test ${index + 1} name`}
                  className={inputClass}
                  placeholder="test name"
                  value={test.name}
                  onChange={(e) => onChange(updateTargetTest(draft, test.key, { name: e.target.value }))}
                />
                <input
                  aria-label={`Target test ${index + 1} file`}
                  className={`${inputClass} font-mono`}
                  placeholder="file (optional)"
                  value={test.file}
                  onChange={(e) => onChange(updateTargetTest(draft, test.key, { file: e.target.value }))}
                />
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => onChange(removeTargetTest(draft, test.key))}
                  aria-label={`Remove target test ${index + 1}`}
                >
                  Remove
                </Button>
              </>
            ) : (
              <span className="text-sm">
                {test.name}
                {test.file && <span className="ml-2 font-mono text-xs text-slate-400">{test.file}</span>}
              </span>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <Button size="sm" variant="ghost" onClick={() => onChange(addTargetTest(draft))}>
          + Add target test
        </Button>
      )}
    </section>
  );
}
