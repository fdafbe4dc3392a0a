import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { requestBlob } from '../../../api/http-client';
import { Button } from '../../../ui/button';

/** The spoken summary needs the session token, which an <audio src> cannot send: it is fetched, then played from memory. */
export function AudioSummary({ taskId }: { taskId: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const load = useMutation({
    mutationFn: () => requestBlob(`/tasks/${encodeURIComponent(taskId)}/audio`),
    onSuccess: (blob) => setUrl(URL.createObjectURL(blob)),
  });
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  if (url) return <audio controls src={url} className="h-8" aria-label="Spoken summary" />;
  return (
    <span className="flex items-center gap-2">
      <Button size="sm" onClick={() => load.mutate()} disabled={load.isPending}>▶ Load audio summary</Button>
      {load.error && <span className="text-xs text-rose-300">{describeError(load.error)}</span>}
    </span>
  );
}
