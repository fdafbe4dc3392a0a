import { createHash } from 'node:crypto';
import { EspeakSpeechSynthesizer, oggDurationSeconds, type SynthesizedSpeech } from '@patchbay/speech';
import type { Test } from 'supertest';
import {
  asDatabaseOwner,
  createGitRepository,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

describe('GET /tasks/:id/audio (real Postgres, real espeak-ng audio)', () => {
  let gw: GatewayTestApp;
  let viewer: { token: string };
  let outsider: { token: string };
  let taskId: string;
  let speech: SynthesizedSpeech;

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const audio = (token: string) => gw.http.get(`/api/v1/tasks/${taskId}/audio`).set(as(token));

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const organisation = uniqueName('org');
    const admin = await gw.login(uniqueName('admin'), organisation);
    viewer = await gw.login(uniqueName('viewer'), organisation);
    outsider = await gw.login(uniqueName('outsider'), uniqueName('other-org'));
    await gw.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({ source: 'local', fullName: 'acme/speaker', importFrom: createGitRepository() })
      .expect(201);
    taskId = (
      await gw.http
        .post('/api/v1/tasks')
        .set(as(admin.token))
        .send({ repository: 'acme/speaker', prompt: 'Say something' })
        .expect(201)
    ).body.id as string;
    speech = await new EspeakSpeechSynthesizer({
      voice: 'en-us',
      wordsPerMinute: 165,
      opusBitrateKbps: 24,
      timeoutMs: 30_000,
    }).synthesize('Patchbay finished a task on acme slash speaker. Pull request number one is open for review.');
  });

  afterAll(() => gw.close());

  it('404s with a precise message before there is audio, and refuses other organisations', async () => {
    expect((await audio(viewer.token).expect(404)).body).toMatchObject({
      statusCode: 404,
      message: 'This task has no audio summary yet',
    });
    await gw.http.get(`/api/v1/tasks/${taskId}/audio`).expect(401);
    await asDatabaseOwner((db) =>
      db.query(
        `INSERT INTO artifacts (task_id, kind, content_type, size_bytes, sha256, content) VALUES ($1, 'audio', $2, $3, $4, $5)`,
        [
          taskId,
          speech.contentType,
          speech.audio.length,
          createHash('sha256').update(speech.audio).digest('hex'),
          speech.audio,
        ],
      ),
    );
    expect((await audio(outsider.token).expect(404)).body.statusCode).toBe(404);
  });

  it('serves the whole file with its content type and says ranges work', async () => {
    const response = await audio(viewer.token).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toBe('audio/ogg; codecs=opus');
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(Number(response.headers['content-length'])).toBe(speech.audio.length);
    expect((response.body as Buffer).equals(speech.audio)).toBe(true);
    expect(oggDurationSeconds(response.body as Buffer)).toBeGreaterThan(1);
  });

  it('answers a byte range with 206 and Content-Range, as a player seeking or reading the end asks', async () => {
    const head = await audio(viewer.token).set('range', 'bytes=0-99').buffer(true).parse(binary).expect(206);
    expect(head.headers['content-range']).toBe(`bytes 0-99/${speech.audio.length}`);
    expect(head.headers['content-length']).toBe('100');
    expect(head.headers['content-type']).toBe('audio/ogg; codecs=opus');
    expect((head.body as Buffer).equals(speech.audio.subarray(0, 100))).toBe(true);

    const tail = await audio(viewer.token).set('range', 'bytes=-64').buffer(true).parse(binary).expect(206);
    expect(tail.headers['content-range']).toBe(
      `bytes ${speech.audio.length - 64}-${speech.audio.length - 1}/${speech.audio.length}`,
    );
    expect((tail.body as Buffer).equals(speech.audio.subarray(-64))).toBe(true);

    const rest = await audio(viewer.token).set('range', 'bytes=100-').buffer(true).parse(binary).expect(206);
    expect(Buffer.concat([head.body as Buffer, rest.body as Buffer]).equals(speech.audio)).toBe(true);
  });

  it('answers 416 with the size for a range past the end', async () => {
    const response = await audio(viewer.token).set('range', `bytes=${speech.audio.length}-`).expect(416);
    expect(response.headers['content-range']).toBe(`bytes */${speech.audio.length}`);
    expect(response.body).toMatchObject({ statusCode: 416, error: 'Range Not Satisfiable' });
    expect(response.body.message).toContain(`${speech.audio.length}-byte file`);
  });
});

/** Collects a response body as bytes (supertest would otherwise try to read audio as text). */
const binary: Parameters<Test['parse']>[0] = (response, done) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};
