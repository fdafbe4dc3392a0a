import { MAX_EXPLANATION_QUESTION } from '@patchbay/contracts';
import { useId, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { inputClass } from '../../../ui/field';
import { useExplainChange } from '../hooks/use-explain-change';
import { type ChangeExplanation, explanationScope } from '../lib/change-explanations';

type Scope = 'change' | 'file' | 'lines';

export interface ExplainChangePanelProps {
  taskId: string;
  /** The file open in the diff view: a question about "this file" or its lines is about it. */
  file: string;
  /** The file's first changed line, to start a line selection from. */
  firstChangedLine: number;
  explanations: readonly ChangeExplanation[];
  /** Whether this person may ask (developers and admins; asking spends the task's model budget). */
  canAsk: boolean;
}

/**
 * "Explain this change": the reviewer asks about the whole diff, the open file or lines of it; the
 * reviewer model's answer streams in below, and earlier questions stay listed with their answers.
 */
export function ExplainChangePanel({ taskId, file, firstChangedLine, explanations, canAsk }: ExplainChangePanelProps) {
  const [scope, setScope] = useState<Scope>('lines');
  // Kept as typed, so clearing a field to type a new number does not put a 1 in front of it.
  const [start, setStart] = useState(String(firstChangedLine));
  const [end, setEnd] = useState(String(firstChangedLine));
  const [question, setQuestion] = useState('');
  const ask = useExplainChange(taskId);
  const ids = useId();

  const isLine = (value: string) => /^[1-9]\d*$/.test(value.trim());
  const linesChosen = scope !== 'lines' || (isLine(start) && isLine(end));

  const submit = () =>
    ask.mutate(
      {
        question: question.trim(),
        ...(scope !== 'change' ? { file } : {}),
        ...(scope === 'lines' ? { lines: { start: Number(start), end: Number(end) } } : {}),
      },
      { onSuccess: () => setQuestion('') },
    );

  return (
    <section
      className="space-y-3 rounded-md border border-slate-800 bg-slate-900 p-3"
      aria-label="Explain this change"
      data-testid="explain-change"
    >
      <h3 className="text-sm font-medium text-slate-200">Explain this change</h3>
      {explanations.length > 0 && (
        <ol className="space-y-2">
          {explanations.map((explanation) => (
            <li
              key={explanation.id}
              className="rounded border border-slate-800 bg-slate-950 px-3 py-2 text-sm"
              data-testid="explanation"
              data-status={explanation.status}
            >
              <p className="text-xs text-slate-400">
                {explanation.by} asked about <span className="font-mono">{explanationScope(explanation)}</span>
                {explanation.model ? ` · answered by ${explanation.model}` : ''}
              </p>
              <p className="font-medium text-slate-100" data-testid="explanation-question">
                {explanation.question}
              </p>
              {explanation.answer && (
                <p className="mt-1 whitespace-pre-wrap text-slate-200" data-testid="explanation-answer">
                  {explanation.answer}
                </p>
              )}
              {explanation.status === 'answering' && (
                <p className="text-xs text-slate-400" role="status">
                  The reviewer model is answering…
                </p>
              )}
              {explanation.status === 'failed' && (
                <p className="text-xs text-rose-300" role="alert">
                  {explanation.failure}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {canAsk && (
        <form
          className="space-y-2"
          aria-label="Ask about the change"
          onSubmit={(event) => {
            event.preventDefault();
            if (question.trim() && linesChosen) submit();
          }}
        >
          <fieldset className="flex flex-wrap items-center gap-3 text-sm text-slate-300">
            <legend className="sr-only">What the question is about</legend>
            {(
              [
                ['change', 'The whole change'],
                ['file', `This file (${file})`],
                ['lines', 'Lines of this file'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex items-center gap-1">
                <input
                  type="radio"
                  name={`${ids}-scope`}
                  value={value}
                  checked={scope === value}
                  onChange={() => setScope(value)}
                />
                {label}
              </label>
            ))}
            {scope === 'lines' && (
              <span className="flex items-center gap-1">
                <label htmlFor={`${ids}-start`}>From line</label>
                <input
                  id={`${ids}-start`}
                  type="number"
                  min={1}
                  className={`${inputClass} w-20`}
                  value={start}
                  onChange={(event) => setStart(event.target.value)}
                />
                <label htmlFor={`${ids}-end`}>to</label>
                <input
                  id={`${ids}-end`}
                  type="number"
                  min={1}
                  className={`${inputClass} w-20`}
                  value={end}
                  onChange={(event) => setEnd(event.target.value)}
                />
              </span>
            )}
          </fieldset>
          <label htmlFor={`${ids}-question`} className="block text-sm text-slate-300">
            Your question
          </label>
          <textarea
            id={`${ids}-question`}
            className={inputClass}
            rows={2}
            maxLength={MAX_EXPLANATION_QUESTION}
            value={question}
            onChange={(event) => setQuestion(event.target.value)}
            placeholder="Why this approach? What does this line change for callers?"
          />
          {ask.error && <Banner tone="error">{describeError(ask.error)}</Banner>}
          <Button type="submit" variant="primary" disabled={ask.isPending || question.trim() === '' || !linesChosen}>
            Ask the reviewer model
          </Button>
        </form>
      )}
    </section>
  );
}
