import { z } from 'zod';

/**
 * The payload of an `audio_ready` event: the spoken summary is stored as the task's `audio`
 * artifact and served by `GET /tasks/:id/audio`; this says what it is and what it says.
 */
export const audioReadyPayloadSchema = z.object({
  /** `Content-Type` the audio is served with, e.g. `audio/ogg; codecs=opus`. */
  contentType: z.string().min(1).max(100),
  bytes: z.number().int().nonnegative(),
  /** Read from the audio itself; null for a format whose length is not measured (mp3). */
  durationSeconds: z.number().nonnegative().nullable(),
  provider: z.enum(['espeak', 'polly']),
  voice: z.string().min(1).max(60),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The text that was spoken, shown beside the player. */
  text: z.string().min(1).max(2_000),
});
export type AudioReadyPayload = z.infer<typeof audioReadyPayloadSchema>;
