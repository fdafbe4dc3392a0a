import { startFakePolly, type FakePolly } from '@patchbay/testing';
import { oggAudioInfo } from './ogg-duration';
import { PollySpeechSynthesizer, type PollyOptions } from './polly-speech.synthesizer';
import { speechSynthesizerFromEnv } from './speech-config';
import { SpeechSynthesisError } from './speech-synthesis.error';

const credentials = { accessKeyId: 'AKIAFAKEPOLLYTEST001', secretAccessKey: 'fake-secret-access-key-for-tests' };
const SUMMARY = 'Patchbay finished the task. Two tests pass now. Pull request number 4 is open.';

describe('PollySpeechSynthesizer against a server speaking the Polly REST protocol', () => {
  let polly: FakePolly;
  const synthesizers: PollySpeechSynthesizer[] = [];

  function pollySynthesizer(overrides: Partial<PollyOptions> = {}): PollySpeechSynthesizer {
    const synthesizer = new PollySpeechSynthesizer({
      region: 'eu-west-1',
      voiceId: 'Joanna',
      engine: 'neural',
      outputFormat: 'ogg_opus',
      endpoint: polly.endpoint,
      credentials,
      timeoutMs: 30_000,
      ...overrides,
    });
    synthesizers.push(synthesizer);
    return synthesizer;
  }

  beforeEach(async () => {
    polly = await startFakePolly({ region: 'eu-west-1' });
  });

  afterEach(async () => {
    for (const synthesizer of synthesizers.splice(0)) synthesizer.close();
    await polly.close();
  });

  it('sends a signed SynthesizeSpeech with the configured neural voice and gets playable Ogg Opus back', async () => {
    const speech = await pollySynthesizer().synthesize(SUMMARY);

    expect(speech).toMatchObject({ provider: 'polly', voice: 'Joanna', contentType: 'audio/ogg; codecs=opus' });
    expect(oggAudioInfo(speech.audio)?.codec).toBe('opus');
    expect(speech.durationSeconds).toBeGreaterThan(2);
    expect(polly.requests).toHaveLength(1);
    expect(polly.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/speech',
      signed: true,
      scope: { region: 'eu-west-1', service: 'polly' },
      status: 200,
    });
    expect(polly.requests[0]?.body).toEqual({
      Text: SUMMARY,
      TextType: 'text',
      VoiceId: 'Joanna',
      Engine: 'neural',
      OutputFormat: 'ogg_opus',
    });
  });

  it('is what TTS_PROVIDER=polly configures from the environment', async () => {
    const synthesizer = speechSynthesizerFromEnv(
      {
        TTS_PROVIDER: 'polly',
        AWS_REGION: 'us-east-1',
        POLLY_REGION: 'eu-west-1',
        POLLY_ENDPOINT: polly.endpoint,
        POLLY_VOICE_ID: 'Amy',
      },
      { pollyCredentials: credentials },
    );
    expect(synthesizer).toBeInstanceOf(PollySpeechSynthesizer);
    synthesizers.push(synthesizer as PollySpeechSynthesizer);
    const speech = await (synthesizer as PollySpeechSynthesizer).synthesize(SUMMARY);
    expect(speech).toMatchObject({ provider: 'polly', voice: 'Amy' });
    expect(polly.requests[0]?.body).toMatchObject({ VoiceId: 'Amy', Engine: 'neural', OutputFormat: 'ogg_opus' });
  });

  it("is refused when signed for another region than the server's", async () => {
    await expect(pollySynthesizer({ region: 'us-west-2' }).synthesize(SUMMARY)).rejects.toThrow(
      /InvalidSignatureException: Credential should be scoped to a valid region and service: expected eu-west-1\/polly, got us-west-2\/polly/,
    );
  });

  it('passes a configured sample rate and another voice', async () => {
    await pollySynthesizer({ voiceId: 'Matthew', sampleRate: '24000' }).synthesize(SUMMARY);
    expect(polly.requests[0]?.body).toMatchObject({ VoiceId: 'Matthew', SampleRate: '24000' });
  });

  it("reports an unknown voice with Polly's error, naming the voice", async () => {
    const failure = pollySynthesizer({ voiceId: 'Nobody' }).synthesize(SUMMARY);
    await expect(failure).rejects.toThrow(SpeechSynthesisError);
    await expect(failure).rejects.toThrow(
      /^polly: SynthesizeSpeech with voice Nobody \(neural\) failed: ValidationException: .*Value 'Nobody' at 'voiceId'/,
    );
    expect(polly.requests[0]?.status).toBe(400);
  });

  it('reports a voice that lacks the neural engine', async () => {
    await expect(pollySynthesizer({ voiceId: 'Russell' }).synthesize(SUMMARY)).rejects.toThrow(
      /EngineNotSupportedException: This voice is not compatible with the neural engine/,
    );
  });

  it('fails clearly when Polly cannot be reached, without retrying', async () => {
    const endpoint = polly.endpoint;
    await polly.close();
    const unreachable = pollySynthesizer({ endpoint });
    await expect(unreachable.synthesize(SUMMARY)).rejects.toThrow(
      /^polly: SynthesizeSpeech with voice Joanna \(neural\) failed: /,
    );
    polly = await startFakePolly();
  });

  it('refuses empty text without calling Polly', async () => {
    await expect(pollySynthesizer().synthesize('   ')).rejects.toThrow('there is no text to speak');
    expect(polly.requests).toHaveLength(0);
  });
});
