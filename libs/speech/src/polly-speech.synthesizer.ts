import { PollyClient, SynthesizeSpeechCommand, type PollyClientConfig, type VoiceId } from '@aws-sdk/client-polly';
import { OGG_OPUS_CONTENT_TYPE } from './espeak-speech.synthesizer';
import { oggDurationSeconds } from './ogg-duration';
import { SpeechSynthesisError } from './speech-synthesis.error';
import { MAX_SPOKEN_TEXT_CHARACTERS, type SpeechSynthesizer, type SynthesizedSpeech } from './speech-synthesizer';

export const POLLY_ENGINES = ['neural', 'standard', 'long-form', 'generative'] as const;
export type PollyEngine = (typeof POLLY_ENGINES)[number];
/** The formats a browser plays as they come; Polly's pcm, mulaw and alaw would need a container first. */
export const POLLY_OUTPUT_FORMATS = ['ogg_opus', 'ogg_vorbis', 'mp3'] as const;
export type PollyOutputFormat = (typeof POLLY_OUTPUT_FORMATS)[number];

export interface PollyOptions {
  region: string;
  voiceId: string;
  engine: PollyEngine;
  outputFormat: PollyOutputFormat;
  /** Hz as a string, as Polly takes it; omitted: the engine's default for the format. */
  sampleRate?: string;
  /** For a Polly-compatible server other than AWS (tests, a VPC endpoint). */
  endpoint?: string;
  /** Omitted: the SDK's default chain (environment, profile, instance or pod role). */
  credentials?: PollyClientConfig['credentials'];
  timeoutMs: number;
}

const CONTENT_TYPES: Record<PollyOutputFormat, string> = {
  ogg_opus: OGG_OPUS_CONTENT_TYPE,
  ogg_vorbis: 'audio/ogg; codecs=vorbis',
  mp3: 'audio/mpeg',
};
const MAX_REASON_LENGTH = 300;

/** AWS Polly's SynthesizeSpeech (neural voice by default), returned in a format the browser plays. */
export class PollySpeechSynthesizer implements SpeechSynthesizer {
  readonly provider = 'polly' as const;
  readonly voice: string;
  readonly #client: PollyClient;

  constructor(private readonly options: PollyOptions) {
    this.voice = options.voiceId;
    this.#client = new PollyClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // One attempt: a spoken summary is optional, and retrying a throttled call delays the task's end.
      maxAttempts: 1,
    });
  }

  async synthesize(text: string): Promise<SynthesizedSpeech> {
    const spoken = text.trim().slice(0, MAX_SPOKEN_TEXT_CHARACTERS);
    if (!spoken) throw new SpeechSynthesisError('polly', 'there is no text to speak');
    let audio: Buffer;
    try {
      const response = await this.#client.send(
        new SynthesizeSpeechCommand({
          Text: spoken,
          TextType: 'text',
          // Polly adds voices faster than the SDK's union grows; the service itself refuses an unknown one.
          VoiceId: this.options.voiceId as VoiceId,
          Engine: this.options.engine,
          OutputFormat: this.options.outputFormat,
          ...(this.options.sampleRate ? { SampleRate: this.options.sampleRate } : {}),
        }),
        { abortSignal: AbortSignal.timeout(this.options.timeoutMs) },
      );
      if (!response.AudioStream) throw new SpeechSynthesisError('polly', 'Polly answered without audio');
      audio = Buffer.from(await response.AudioStream.transformToByteArray());
    } catch (error) {
      throw error instanceof SpeechSynthesisError
        ? error
        : new SpeechSynthesisError(
            'polly',
            `SynthesizeSpeech with voice ${this.voice} (${this.options.engine}) failed: ${describePollyError(error)}`,
          );
    }
    if (audio.length === 0) throw new SpeechSynthesisError('polly', 'Polly answered with empty audio');
    const durationSeconds = this.options.outputFormat === 'mp3' ? null : oggDurationSeconds(audio);
    if (this.options.outputFormat !== 'mp3' && durationSeconds === null)
      throw new SpeechSynthesisError('polly', `Polly's ${this.options.outputFormat} answer is not a readable Ogg file`);
    return {
      audio,
      contentType: CONTENT_TYPES[this.options.outputFormat],
      durationSeconds,
      provider: 'polly',
      voice: this.voice,
    };
  }

  /** Releases the SDK's pooled connections; needed before a test server or process can exit. */
  close(): void {
    this.#client.destroy();
  }
}

function describePollyError(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const message =
    error.message.length > MAX_REASON_LENGTH ? `${error.message.slice(0, MAX_REASON_LENGTH)}…` : error.message;
  return message ? `${error.name}: ${message}` : error.name;
}
