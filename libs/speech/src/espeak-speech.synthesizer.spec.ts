import { EspeakSpeechSynthesizer, OGG_OPUS_CONTENT_TYPE } from './espeak-speech.synthesizer';
import { oggAudioInfo } from './ogg-duration';
import { SpeechSynthesisError } from './speech-synthesis.error';

const SUMMARY =
  'Patchbay finished the task: fix the greeting format. Before the change, one test passed and one failed; after it, two passed. Pull request number 1 is open.';

function espeak(
  overrides: Partial<ConstructorParameters<typeof EspeakSpeechSynthesizer>[0]> = {},
): EspeakSpeechSynthesizer {
  return new EspeakSpeechSynthesizer({
    voice: 'en-us',
    wordsPerMinute: 165,
    opusBitrateKbps: 24,
    timeoutMs: 30_000,
    ...overrides,
  });
}

describe('EspeakSpeechSynthesizer (Debian espeak-ng + opusenc)', () => {
  it('speaks a summary as Ogg Opus whose length matches the text', async () => {
    const speech = await espeak().synthesize(SUMMARY);
    expect(speech.contentType).toBe(OGG_OPUS_CONTENT_TYPE);
    expect(speech.provider).toBe('espeak');
    expect(speech.voice).toBe('en-us');
    expect(speech.audio.subarray(0, 4).toString('latin1')).toBe('OggS');
    const info = oggAudioInfo(speech.audio);
    expect(info?.codec).toBe('opus');
    // About 25 words at 165 words a minute: several seconds, not a blip.
    expect(speech.durationSeconds).toBe(info?.durationSeconds);
    expect(speech.durationSeconds).toBeGreaterThan(5);
    expect(speech.durationSeconds).toBeLessThan(30);
    // Compressed: a few kilobytes a second at 24 kbit/s.
    expect(speech.audio.length).toBeLessThan((speech.durationSeconds ?? 0) * 6_000);
  });

  it('speaks text that looks like options or shell as words, never as a command line', async () => {
    const speech = await espeak().synthesize('--version; rm -rf / $(touch /tmp/pwned) -w /tmp/out.wav');
    expect(speech.durationSeconds).toBeGreaterThan(1);
  });

  it('speaks faster at a higher rate', async () => {
    const slow = await espeak({ wordsPerMinute: 120 }).synthesize(SUMMARY);
    const fast = await espeak({ wordsPerMinute: 300 }).synthesize(SUMMARY);
    expect(fast.durationSeconds ?? 0).toBeLessThan((slow.durationSeconds ?? 0) * 0.6);
  });

  it('refuses a voice name that is not one, before anything runs', () => {
    expect(() => espeak({ voice: '--stdout' })).toThrow('is not an espeak-ng voice name');
    expect(() => espeak({ voice: '../../etc/passwd' })).toThrow(SpeechSynthesisError);
  });

  it('says what to install when a program is missing', async () => {
    await expect(espeak({ espeakCommand: 'espeak-ng-not-installed' }).synthesize(SUMMARY)).rejects.toThrow(
      'espeak: espeak-ng-not-installed is not installed (apt-get install espeak-ng)',
    );
    await expect(espeak({ opusencCommand: 'opusenc-not-installed' }).synthesize(SUMMARY)).rejects.toThrow(
      'opusenc-not-installed is not installed (apt-get install opus-tools)',
    );
  });

  it("reports an unknown voice with espeak-ng's own complaint", async () => {
    await expect(espeak({ voice: 'xx-nowhere' }).synthesize(SUMMARY)).rejects.toThrow(
      /espeak: espeak-ng exited with 1/,
    );
  });

  it('stops a program that overruns its time', async () => {
    await expect(espeak({ timeoutMs: 1 }).synthesize(SUMMARY)).rejects.toThrow(/did not finish within 1 ms/);
  });

  it('refuses empty text', async () => {
    await expect(espeak().synthesize('  \n ')).rejects.toThrow('there is no text to speak');
  });
});
