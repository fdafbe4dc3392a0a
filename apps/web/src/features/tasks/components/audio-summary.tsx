import type { AudioReadyPayload } from '@patchbay/contracts';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { requestBlob } from '../../../api/http-client';
import { Button } from '../../../ui/button';
import { formatAudioDuration } from '../lib/audio-summary';

/**
 * The spoken summary needs the session token, which an <audio src> cannot send: it is fetched,
 * then played from memory. The transcript stands beside it, for reading and for people who cannot listen.
 */
export function AudioSummary({ taskId, summary = null }: { taskId: string; summary?: AudioReadyPayload | null }) {
  const [url, setUrl] = useState<string | null>(null);
  const load = useMutation({
    mutationFn: () => requestBlob(`/tasks/${encodeURIComponent(taskId)}/audio`),
    onSuccess: (blob) => setUrl(URL.createObjectURL(blob)),
  });
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  const length = summary?.durationSeconds == null ? '' : ` (${formatAudioDuration(summary.durationSeconds)})`;
  return (
    <>
      {url ? (
        <audio controls src={url} className="h-8" aria-label="Spoken summary" data-testid="audio-player" />
      ) : (
        <span className="flex items-center gap-2">
          <Button size="sm" onClick={() => load.mutate()} disabled={load.isPending}>
            ▶ Load audio summary{length}
          </Button>
          {load.error && <span className="text-xs text-rose-300">{describeError(load.error)}</span>}
        </span>
      )}
      {summary && (
        <p className="basis-full text-xs italic text-slate-300" data-testid="audio-transcript">
          <span className="not-italic text-slate-400">Spoken summary: </span>“{summary.text}”
        </p>
      )}
    </>
  );
}
