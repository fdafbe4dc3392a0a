import type { AudioReadyPayload } from '@patchbay/contracts';

/** Marks where the section starts, so a replayed summary replaces it rather than adding a second. */
export const SPOKEN_SUMMARY_MARKER = '<!-- patchbay:spoken-summary -->';

const PROVIDER_LABELS: Record<AudioReadyPayload['provider'], string> = { espeak: 'espeak-ng', polly: 'Amazon Polly' };

/**
 * The pull request body with a "Spoken summary" section at its end: links to the task view (where
 * the player is, behind the dashboard's sign-in) and to the audio itself, and the transcript.
 * Links are relative to the Patchbay server, which is where a local forge's pull request is read.
 */
export function withSpokenSummarySection(
  body: string,
  taskId: string,
  audio: Pick<AudioReadyPayload, 'durationSeconds' | 'provider' | 'voice' | 'text'>,
): string {
  const at = body.indexOf(SPOKEN_SUMMARY_MARKER);
  const before = (at >= 0 ? body.slice(0, at) : body).trimEnd();
  const length = audio.durationSeconds === null ? '' : `${Math.round(audio.durationSeconds)} s, `;
  const section = [
    SPOKEN_SUMMARY_MARKER,
    '### Spoken summary',
    `[Listen in the task view](/tasks/${taskId}) (${length}${PROVIDER_LABELS[audio.provider]} voice ${audio.voice}) · [audio file](/api/v1/tasks/${taskId}/audio)`,
    '',
    ...audio.text.split('\n').map((line) => `> ${line}`),
  ].join('\n');
  return before ? `${before}\n\n${section}\n` : `${section}\n`;
}
