import { oggDurationSeconds } from './ogg-duration';
import { runProcess } from './run-process';
import { SpeechSynthesisError } from './speech-synthesis.error';
import { MAX_SPOKEN_TEXT_CHARACTERS, type SpeechSynthesizer, type SynthesizedSpeech } from './speech-synthesizer';

export interface EspeakOptions {
  /** An espeak-ng voice: a language (`en-us`), optionally with a variant (`en-gb+f3`). */
  voice: string;
  /** Speaking rate in words per minute (espeak-ng `-s`). */
  wordsPerMinute: number;
  /** Target bitrate of the Opus encoding in kbit/s; speech is clear at 16–32. */
  opusBitrateKbps: number;
  /** Each of the two programs gets this long. */
  timeoutMs: number;
  espeakCommand?: string;
  opusencCommand?: string;
}

/** Voice names espeak-ng understands; anything else (an option, a path) is refused before it reaches the command line. */
const VOICE_PATTERN = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*(?:\+[a-z0-9]{1,16})?$/i;
/** A few sentences of speech are some hundreds of kilobytes of WAV; this is minutes of it. */
const MAX_WAV_BYTES = 32 * 1024 * 1024;
const MAX_OPUS_BYTES = 4 * 1024 * 1024;
export const OGG_OPUS_CONTENT_TYPE = 'audio/ogg; codecs=opus';

/**
 * The offline default: Debian's espeak-ng speaks the text to WAV, opusenc compresses it to Ogg
 * Opus, which every current browser plays and which is about a tenth of the WAV's size. Both run
 * without a shell; the text goes through stdin, so no text can become an option.
 */
export class EspeakSpeechSynthesizer implements SpeechSynthesizer {
  readonly provider = 'espeak' as const;
  readonly voice: string;

  constructor(private readonly options: EspeakOptions) {
    if (!VOICE_PATTERN.test(options.voice))
      throw new SpeechSynthesisError(
        'espeak',
        `"${options.voice}" is not an espeak-ng voice name (e.g. en-us, en-gb+f3)`,
      );
    this.voice = options.voice;
  }

  async synthesize(text: string): Promise<SynthesizedSpeech> {
    const spoken = text.trim().slice(0, MAX_SPOKEN_TEXT_CHARACTERS);
    if (!spoken) throw new SpeechSynthesisError('espeak', 'there is no text to speak');
    const wav = await runProcess(
      this.options.espeakCommand ?? 'espeak-ng',
      ['-v', this.voice, '-s', String(this.options.wordsPerMinute), '--stdout', '--stdin'],
      {
        // espeak-ng reads stdin line by line; one line keeps its sentence melody across the summary.
        input: `${spoken.replace(/\s+/g, ' ')}\n`,
        timeoutMs: this.options.timeoutMs,
        maxOutputBytes: MAX_WAV_BYTES,
        provider: 'espeak',
        installHint: 'apt-get install espeak-ng',
      },
    );
    if (wav.length <= 44) throw new SpeechSynthesisError('espeak', 'espeak-ng produced no audio');
    const audio = await runProcess(
      this.options.opusencCommand ?? 'opusenc',
      ['--quiet', '--speech', '--bitrate', String(this.options.opusBitrateKbps), '-', '-'],
      {
        input: wav,
        timeoutMs: this.options.timeoutMs,
        maxOutputBytes: MAX_OPUS_BYTES,
        provider: 'espeak',
        installHint: 'apt-get install opus-tools',
      },
    );
    const durationSeconds = oggDurationSeconds(audio);
    if (durationSeconds === null)
      throw new SpeechSynthesisError('espeak', 'opusenc did not produce a readable Ogg Opus file');
    return { audio, contentType: OGG_OPUS_CONTENT_TYPE, durationSeconds, provider: 'espeak', voice: this.voice };
  }

  close(): void {
    // Nothing pooled: each synthesis runs its own processes.
  }
}
