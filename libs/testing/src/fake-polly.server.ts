import { randomUUID } from 'node:crypto';
import { createServer, type Http2ServerRequest, type Http2ServerResponse, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { EspeakSpeechSynthesizer } from '@patchbay/speech';
import { AwsJsonRequest } from './aws-json-request';

/**
 * A local stand-in for AWS Polly speaking its REST-JSON protocol (`POST /v1/speech`,
 * https://docs.aws.amazon.com/polly/latest/dg/API_SynthesizeSpeech.html), so the real
 * `@aws-sdk/client-polly` client runs end to end without AWS. It answers with real audio: the
 * text spoken by espeak-ng and encoded by opusenc as Ogg Opus, which is what Polly's `ogg_opus`
 * format is. It knows a handful of voices and which engines each supports, and fails the way Polly
 * does for an unknown voice, an engine the voice lacks, or text that is too long.
 *
 * It speaks HTTP/2 (cleartext, prior knowledge) because the Polly client's default request
 * handler does: the test then drives the client exactly as it is configured in production.
 */

export interface FakePollyRequest {
  method: string;
  path: string;
  /** True when a SigV4 `Authorization` header came with the request (any signature is accepted). */
  signed: boolean;
  /** The region and service of the signature's credential scope, as AWS checks them. */
  scope?: { region: string; service: string };
  body?: Record<string, unknown>;
  status: number;
}

export interface FakePolly {
  /** Base URL for the SDK's `endpoint` option. */
  endpoint: string;
  region: string;
  requests: FakePollyRequest[];
  close(): Promise<void>;
}

type PollyErrorType =
  | 'ValidationException'
  | 'EngineNotSupportedException'
  | 'TextLengthExceededException'
  | 'InvalidSampleRateException'
  | 'MissingAuthenticationTokenException'
  | 'InvalidSignatureException'
  | 'UnknownOperationException'
  | 'ServiceFailureException';

class PollyError extends Error {
  constructor(
    readonly type: PollyErrorType,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Voices the fake knows: the engines Polly offers each, and the espeak-ng voice that stands in for it. */
const VOICES: Record<string, { engines: readonly string[]; espeak: string }> = {
  Joanna: { engines: ['neural', 'standard', 'generative', 'long-form'], espeak: 'en-us+f3' },
  Matthew: { engines: ['neural', 'standard', 'generative'], espeak: 'en-us' },
  Amy: { engines: ['neural', 'standard', 'generative'], espeak: 'en-gb+f3' },
  Brian: { engines: ['neural', 'standard'], espeak: 'en-gb' },
  Russell: { engines: ['standard'], espeak: 'en' },
};
const ENGINES = ['standard', 'neural', 'long-form', 'generative'];
const OUTPUT_FORMATS = ['json', 'mp3', 'ogg_opus', 'ogg_vorbis', 'pcm', 'mulaw', 'alaw'];
/** Polly's limit on billed characters per SynthesizeSpeech call. */
const MAX_TEXT_CHARACTERS = 3_000;
const MAX_BODY_BYTES = 256 * 1024;
/** Request parsing shared with the other AWS stand-ins; Polly answers every malformed body with a 400 ValidationException. */
const request = new AwsJsonRequest<'ValidationException'>(
  (type, message) => new PollyError(type, 400, message),
  'ValidationException',
  MAX_BODY_BYTES,
);

export async function startFakePolly(options: { region?: string } = {}): Promise<FakePolly> {
  const region = options.region ?? 'us-east-1';
  const requests: FakePollyRequest[] = [];
  const server = createServer((req, res) => {
    void handle(req, res, requests, region);
  });
  const sessions = new Set<ServerHttp2Session>();
  server.on('session', (session: ServerHttp2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    region,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // SDK clients keep their HTTP/2 sessions open; without this, close() waits for them to time out.
        for (const session of sessions) session.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function handle(
  req: Http2ServerRequest,
  res: Http2ServerResponse,
  requests: FakePollyRequest[],
  region: string,
): Promise<void> {
  const authorization = request.header(req, 'authorization');
  const record: FakePollyRequest = {
    method: req.method ?? '',
    path: req.url ?? '',
    signed: authorization?.startsWith('AWS4-HMAC-SHA256 ') ?? false,
    status: 200,
  };
  requests.push(record);
  try {
    const raw = await request.readBody(req);
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== '/v1/speech') {
      throw new PollyError(
        'UnknownOperationException',
        404,
        `${req.method ?? ''} ${req.url ?? ''} is not a Polly operation this server speaks`,
      );
    }
    if (!record.signed)
      throw new PollyError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token');
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
    record.scope = scope ? { region: scope[1] ?? '', service: scope[2] ?? '' } : undefined;
    // AWS refuses a signature scoped to another region or service; so does this server.
    if (record.scope?.region !== region || record.scope.service !== 'polly') {
      throw new PollyError(
        'InvalidSignatureException',
        403,
        `Credential should be scoped to a valid region and service: expected ${region}/polly, got ${record.scope ? `${record.scope.region}/${record.scope.service}` : 'no scope'}`,
      );
    }
    const body = request.parseJsonObject(raw);
    record.body = body;
    const audio = await synthesize(body);
    res.writeHead(200, {
      'content-type': 'audio/ogg',
      'content-length': audio.length,
      'x-amzn-requestcharacters': String(request.requiredString(body, 'Text').length),
      'x-amzn-requestid': randomUUID(),
    });
    res.end(audio);
  } catch (error) {
    const pollyError =
      error instanceof PollyError
        ? error
        : new PollyError(
            'ServiceFailureException',
            500,
            `fake Polly failed: ${error instanceof Error ? error.message : String(error)}`,
          );
    record.status = pollyError.status;
    const payload = JSON.stringify({ message: pollyError.message });
    res.writeHead(pollyError.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      'x-amzn-errortype': pollyError.type,
      'x-amzn-requestid': randomUUID(),
    });
    res.end(payload);
  }
}

async function synthesize(body: Record<string, unknown>): Promise<Buffer> {
  const text = request.requiredString(body, 'Text');
  const voiceId = request.requiredString(body, 'VoiceId');
  const outputFormat = request.requiredString(body, 'OutputFormat');
  const engine = request.optionalString(body, 'Engine') ?? 'standard';
  const textType = request.optionalString(body, 'TextType') ?? 'text';
  if (!OUTPUT_FORMATS.includes(outputFormat)) throw validation('outputFormat', outputFormat, OUTPUT_FORMATS);
  if (!ENGINES.includes(engine)) throw validation('engine', engine, ENGINES);
  if (textType !== 'text' && textType !== 'ssml') throw validation('textType', textType, ['ssml', 'text']);
  const voice = VOICES[voiceId];
  if (!voice) throw validation('voiceId', voiceId, Object.keys(VOICES));
  if (!voice.engines.includes(engine))
    throw new PollyError(
      'EngineNotSupportedException',
      400,
      `This voice is not compatible with the ${engine} engine. Use one of the following engines: ${voice.engines.join(', ')}.`,
    );
  if (text.length > MAX_TEXT_CHARACTERS)
    throw new PollyError(
      'TextLengthExceededException',
      400,
      `Maximum text length has been exceeded: ${text.length} > ${MAX_TEXT_CHARACTERS}`,
    );
  const sampleRate = request.optionalString(body, 'SampleRate');
  if (sampleRate !== undefined && !['8000', '16000', '22050', '24000', '48000'].includes(sampleRate))
    throw new PollyError('InvalidSampleRateException', 400, `Sample rate ${sampleRate} is not valid`);
  // The stand-in produces the one browser-playable format it can truly encode here; asking for
  // another is answered plainly rather than with bytes that are not what was asked for.
  if (outputFormat !== 'ogg_opus')
    throw new PollyError(
      'ValidationException',
      400,
      `this local Polly server produces ogg_opus only, not ${outputFormat}`,
    );
  const speech = await new EspeakSpeechSynthesizer({
    voice: voice.espeak,
    wordsPerMinute: 170,
    opusBitrateKbps: 24,
    timeoutMs: 30_000,
  }).synthesize(textType === 'ssml' ? text.replace(/<[^>]*>/g, ' ') : text);
  return speech.audio;
}

function validation(field: string, value: string, allowed: readonly string[]): PollyError {
  return new PollyError(
    'ValidationException',
    400,
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
  );
}
