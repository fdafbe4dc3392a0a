import { useState } from 'react';
import { Button } from '../../../ui/button';
import { useCommandOutput } from '../hooks/use-command-output';
import { ansiSegments } from '../lib/ansi-segments';
import type { CommandOutput } from '../lib/command-runs';

function AnsiText({ text }: { text: string }) {
  return (
    <>
      {ansiSegments(text).map((segment, index) => (
        <span key={index} className={segment.className || undefined}>
          {segment.text}
        </span>
      ))}
    </>
  );
}

/** A command's stdout and stderr as the agent reported them, colours rendered, HTML never interpreted. */
export function CommandOutputPanel({
  id,
  taskId,
  output: excerpt,
}: {
  id: string;
  taskId: string;
  output: CommandOutput;
}) {
  const [wantWhole, setWantWhole] = useState(false);
  const whole = useCommandOutput(taskId, excerpt.artifactId, wantWhole);
  const output = whole.data ? { ...excerpt, ...whole.data, elidedBytes: 0 } : excerpt;
  const empty = output.stdout === '' && output.stderr === '';
  return (
    <div
      id={id}
      className="my-1 ml-6 rounded border border-slate-800 bg-slate-950 px-2 py-1.5 text-slate-200"
      data-testid="command-output"
    >
      {empty && <div className="text-slate-500">(no output)</div>}
      {output.stdout !== '' && (
        <pre className="whitespace-pre-wrap break-words" data-stream="stdout">
          <AnsiText text={output.stdout} />
        </pre>
      )}
      {output.stderr !== '' && (
        <>
          <div className="mt-1 text-[10px] uppercase tracking-wide text-rose-400">stderr</div>
          <pre className="whitespace-pre-wrap break-words" data-stream="stderr">
            <AnsiText text={output.stderr} />
          </pre>
        </>
      )}
      {output.elidedBytes > 0 && (
        <div className="mt-1 flex flex-wrap items-center gap-2 text-slate-500">
          <span>The middle of the output ({output.elidedBytes} bytes) was left out; the head and tail are shown.</span>
          {excerpt.artifactId && (
            <Button size="sm" variant="secondary" onClick={() => setWantWhole(true)} disabled={whole.isFetching}>
              {whole.isFetching ? 'Loading…' : 'Show the whole output'}
            </Button>
          )}
          {whole.isError && (
            <span className="text-rose-300" role="alert">
              The whole output could not be loaded: {whole.error.message}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
