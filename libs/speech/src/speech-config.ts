import { loadConfig } from '@patchbay/config';
import { z } from 'zod';
import { EspeakSpeechSynthesizer } from './espeak-speech.synthesizer';
import {
  POLLY_ENGINES,
  POLLY_OUTPUT_FORMATS,
  PollySpeechSynthesizer,
  type PollyOptions,
} from './polly-speech.synthesizer';
import { SpeechConfigError } from './speech-config.error';
import { SPEECH_PROVIDER_NAMES, type SpeechSynthesizer } from './speech-synthesizer';

/** The environment variables that choose and configure spoken summaries (docs/operations.md). */
export const speechConfigSchema = z.object({
  TTS_PROVIDER: z.enum(SPEECH_PROVIDER_NAMES).default('espeak'),
  TTS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
  ESPEAK_VOICE: z.string().min(2).max(40).default('en-us'),
  ESPEAK_WORDS_PER_MINUTE: z.coerce.number().int().min(80).max(450).default(165),
  OPUS_BITRATE_KBPS: z.coerce.number().int().min(6).max(256).default(24),
  POLLY_VOICE_ID: z
    .string()
    .regex(/^[A-Za-z-]{2,40}$/, 'a Polly voice id such as Joanna or Matthew')
    .default('Joanna'),
  POLLY_ENGINE: z.enum(POLLY_ENGINES).default('neural'),
  POLLY_OUTPUT_FORMAT: z.enum(POLLY_OUTPUT_FORMATS).default('ogg_opus'),
  POLLY_SAMPLE_RATE: z.enum(['8000', '16000', '22050', '24000', '48000']).optional(),
  POLLY_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** Polly's region when it differs from AWS_REGION (the KMS key's): neural voices are not offered everywhere. */
  POLLY_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1')
    .optional(),
  AWS_REGION: z.string().min(1).optional(),
});
export type SpeechConfig = z.infer<typeof speechConfigSchema>;

export interface SpeechFactoryOptions {
  /** Explicit AWS credentials (tests); otherwise the SDK's default chain is used. */
  pollyCredentials?: PollyOptions['credentials'];
}

/** Parses the speech settings from the environment; a bad one stops the process with its name. */
export function loadSpeechConfig(env: NodeJS.ProcessEnv): SpeechConfig {
  return loadConfig(speechConfigSchema, env);
}

/** The configured speech engine, or null when TTS_PROVIDER=off. */
export function createSpeechSynthesizer(
  config: SpeechConfig,
  options: SpeechFactoryOptions = {},
): SpeechSynthesizer | null {
  switch (config.TTS_PROVIDER) {
    case 'off':
      return null;
    case 'espeak':
      try {
        return new EspeakSpeechSynthesizer({
          voice: config.ESPEAK_VOICE,
          wordsPerMinute: config.ESPEAK_WORDS_PER_MINUTE,
          opusBitrateKbps: config.OPUS_BITRATE_KBPS,
          timeoutMs: config.TTS_TIMEOUT_MS,
        });
      } catch (error) {
        throw new SpeechConfigError('ESPEAK_VOICE', error instanceof Error ? error.message : String(error));
      }
    case 'polly': {
      const region = config.POLLY_REGION ?? config.AWS_REGION;
      if (!region)
        throw new SpeechConfigError(
          'AWS_REGION',
          'TTS_PROVIDER=polly needs POLLY_REGION or AWS_REGION, a region where Polly runs (e.g. eu-west-1)',
        );
      return new PollySpeechSynthesizer({
        region,
        voiceId: config.POLLY_VOICE_ID,
        engine: config.POLLY_ENGINE,
        outputFormat: config.POLLY_OUTPUT_FORMAT,
        sampleRate: config.POLLY_SAMPLE_RATE,
        endpoint: config.POLLY_ENDPOINT,
        credentials: options.pollyCredentials,
        timeoutMs: config.TTS_TIMEOUT_MS,
      });
    }
  }
}

/** `createSpeechSynthesizer(loadSpeechConfig(env))`, for a service's wiring. */
export function speechSynthesizerFromEnv(
  env: NodeJS.ProcessEnv,
  options: SpeechFactoryOptions = {},
): SpeechSynthesizer | null {
  return createSpeechSynthesizer(loadSpeechConfig(env), options);
}
