/** Which engine spoke a summary; `off` turns spoken summaries off. */
export const SPEECH_PROVIDER_NAMES = ['espeak', 'polly', 'off'] as const;
export type SpeechProviderName = (typeof SPEECH_PROVIDER_NAMES)[number];

/** One synthesized clip, ready to be stored as an artifact and served as it is. */
export interface SynthesizedSpeech {
  audio: Buffer;
  /** What the clip is, for `Content-Type`: `audio/ogg; codecs=opus`, `audio/ogg` or `audio/mpeg`. */
  contentType: string;
  /** Read from the audio itself; null for a format whose length is not measured (mp3). */
  durationSeconds: number | null;
  provider: Exclude<SpeechProviderName, 'off'>;
  voice: string;
}

/** Turns a short text into speech. Implementations must not leave a process or connection behind when they fail. */
export interface SpeechSynthesizer {
  readonly provider: Exclude<SpeechProviderName, 'off'>;
  readonly voice: string;
  synthesize(text: string): Promise<SynthesizedSpeech>;
  /** Releases pooled connections (the Polly client); a no-op for the offline engine. */
  close(): void;
}

/** Longest text handed to a speech engine: a spoken summary is a few sentences, and Polly bills per character. */
export const MAX_SPOKEN_TEXT_CHARACTERS = 1_500;
