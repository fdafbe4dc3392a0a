import { EspeakSpeechSynthesizer } from './espeak-speech.synthesizer';
import { PollySpeechSynthesizer } from './polly-speech.synthesizer';
import { SpeechConfigError } from './speech-config.error';
import { createSpeechSynthesizer, loadSpeechConfig, speechSynthesizerFromEnv } from './speech-config';

describe('speech configuration', () => {
  it('speaks offline with espeak-ng by default', () => {
    const synthesizer = speechSynthesizerFromEnv({});
    expect(synthesizer).toBeInstanceOf(EspeakSpeechSynthesizer);
    expect(synthesizer?.voice).toBe('en-us');
  });

  it('is off when TTS_PROVIDER=off', () => {
    expect(speechSynthesizerFromEnv({ TTS_PROVIDER: 'off' })).toBeNull();
  });

  it('builds the Polly client from its variables', () => {
    const synthesizer = speechSynthesizerFromEnv({
      TTS_PROVIDER: 'polly',
      AWS_REGION: 'eu-west-1',
      POLLY_VOICE_ID: 'Matthew',
    });
    expect(synthesizer).toBeInstanceOf(PollySpeechSynthesizer);
    expect(synthesizer?.voice).toBe('Matthew');
    synthesizer?.close();
  });

  it('names the variable to fix', () => {
    expect(() => speechSynthesizerFromEnv({ TTS_PROVIDER: 'polly' })).toThrow(
      new SpeechConfigError(
        'AWS_REGION',
        'TTS_PROVIDER=polly needs POLLY_REGION or AWS_REGION, a region where Polly runs (e.g. eu-west-1)',
      ),
    );
    expect(() => loadSpeechConfig({ TTS_PROVIDER: 'festival' })).toThrow(/TTS_PROVIDER/);
    expect(() => loadSpeechConfig({ POLLY_OUTPUT_FORMAT: 'pcm' })).toThrow(/POLLY_OUTPUT_FORMAT/);
    expect(() => loadSpeechConfig({ POLLY_ENDPOINT: 'file:///etc/passwd' })).toThrow(/POLLY_ENDPOINT/);
    expect(() => loadSpeechConfig({ POLLY_REGION: 'moon' })).toThrow(/POLLY_REGION/);
    let error: unknown;
    try {
      createSpeechSynthesizer(loadSpeechConfig({ ESPEAK_VOICE: '-w/tmp/x' }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SpeechConfigError);
    expect((error as SpeechConfigError).variable).toBe('ESPEAK_VOICE');
  });
});
