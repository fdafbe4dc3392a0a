import { useState } from 'react';
import { Button } from '../../../ui/button';

/**
 * The task's OpenTelemetry trace id, shortened for the header, with a button that copies the
 * whole id to paste into Jaeger or Tempo. The clipboard needs a secure context; where it is
 * missing the full id stays selectable in the element's title and text.
 */
export function TraceId({ traceId }: { traceId: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    navigator.clipboard
      .writeText(traceId)
      .then(() => setCopied('copied'))
      .catch(() => setCopied('failed'));
  };
  return (
    <span className="inline-flex items-center gap-1" data-testid="trace-id">
      · trace{' '}
      <span className="font-mono" title={traceId}>
        {traceId.slice(0, 12)}…
      </span>
      <Button variant="ghost" size="sm" onClick={copy} aria-label="Copy trace id">
        {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
      </Button>
    </span>
  );
}
