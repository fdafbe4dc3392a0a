import { audioReadyPayloadSchema, type TaskEvent, type TaskStatus } from '@patchbay/contracts';
import { EspeakSpeechSynthesizer, oggDurationSeconds, type SpeechSynthesizer } from '@patchbay/speech';
import {
  createGitRepository,
  GREETER_FIX,
  GREETER_PROJECT,
  readTaskEvents,
  startPlatformTestApp,
  uniqueName,
  waitForTaskStatus,
  type PlatformTestApp,
} from '@patchbay/testing';

const PLAN = {
  summary: 'Fix the greeting format',
  steps: [
    {
      id: '1',
      title: 'Make greet() return "Hello, <name>!"',
      detail: 'Edit the string template.',
      files: ['src/greet.js'],
    },
  ],
};
const SCRIPT = {
  label: 'greeter fix',
  turns: [
    { role: 'planner' as const, toolCalls: [{ name: 'submit_plan', args: PLAN }] },
    { role: 'coder' as const, toolCalls: [{ name: 'edit_file', args: GREETER_FIX }] },
    { role: 'coder' as const, content: 'greet() now returns "Hello, <name>!".' },
  ],
};

function espeak(overrides: { opusencCommand?: string } = {}): SpeechSynthesizer {
  return new EspeakSpeechSynthesizer({
    voice: 'en-us',
    wordsPerMinute: 165,
    opusBitrateKbps: 24,
    timeoutMs: 30_000,
    ...overrides,
  });
}

/** Runs the greeter fix to completion on a platform with the given speech engine; answers the task's events. */
async function finishTask(
  speech: SpeechSynthesizer,
): Promise<{ platform: PlatformTestApp; auth: Record<string, string>; taskId: string; events: TaskEvent[] }> {
  const platform = await startPlatformTestApp({ script: SCRIPT, speech });
  const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
  const auth = { authorization: `Bearer ${admin.token}` };
  await platform.http
    .post('/api/v1/repositories')
    .set(auth)
    .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
    .expect(201);
  const taskId = (
    await platform.http
      .post('/api/v1/tasks')
      .set(auth)
      .send({ repository: 'acme/greeter', prompt: 'Fix the failing greeting test' })
      .expect(201)
  ).body.id as string;
  const waitFor = (wanted: TaskStatus) => waitForTaskStatus(platform, auth, taskId, wanted, 150_000);
  await waitFor('awaiting_plan_approval');
  await platform.http.post(`/api/v1/tasks/${taskId}/plan/approve`).set(auth).send({}).expect(200);
  await waitFor('awaiting_diff_approval');
  await platform.http.post(`/api/v1/tasks/${taskId}/diff/approve`).set(auth).expect(200);
  await waitFor('completed');
  return { platform, auth, taskId, events: await readTaskEvents(platform, auth, taskId) };
}

describe('spoken summary at the end of a task (real gVisor sandbox, real Postgres, espeak-ng)', () => {
  const platforms: PlatformTestApp[] = [];
  afterAll(async () => {
    for (const platform of platforms) await platform.closeAll();
  });

  it('speaks the summary, stores it, raises audio_ready, serves it and links it from the pull request', async () => {
    const run = await finishTask(espeak());
    platforms.push(run.platform);
    const ready = run.events.filter((e) => e.type === 'audio_ready');
    expect(ready).toHaveLength(1);
    const payload = audioReadyPayloadSchema.parse(ready[0]?.payload);
    expect(payload).toMatchObject({ contentType: 'audio/ogg; codecs=opus', provider: 'espeak', voice: 'en-us' });
    expect(payload.text).toBe(
      'Patchbay finished a task on acme/greeter. What changed: Fix the greeting format. One file changed: src/greet.js. ' +
        'Tests: before the change, one test passed and one failed; after it, 2 tests passed and none failed. Pull request number 1 is open for review.',
    );
    // Spoken before the task is reported complete, so a client that sees `completed` can already fetch it.
    const completedAt =
      run.events.find((e) => e.type === 'status_changed' && e.payload['to'] === 'completed')?.seq ?? 0;
    expect(ready[0]?.seq).toBeLessThan(completedAt);

    const file = await run.platform.http
      .get(`/api/v1/tasks/${run.taskId}/audio`)
      .set(run.auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const audio = file.body as Buffer;
    expect(audio.length).toBe(payload.bytes);
    expect(oggDurationSeconds(audio)).toBeCloseTo(payload.durationSeconds ?? 0, 3);
    expect(payload.durationSeconds).toBeGreaterThan(5);

    const pullRequest = await run.platform.http
      .get(`/api/v1/tasks/${run.taskId}/pull-request`)
      .set(run.auth)
      .expect(200);
    expect(pullRequest.body.body).toContain(`### Spoken summary\n[Listen in the task view](/tasks/${run.taskId}) (`);
    expect(pullRequest.body.body).toContain(`[audio file](/api/v1/tasks/${run.taskId}/audio)`);
    expect(pullRequest.body.body).toContain(`> ${payload.text}`);
  }, 300_000);

  it('completes the task with a warning when speech fails', async () => {
    const run = await finishTask(espeak({ opusencCommand: 'opusenc-not-installed' }));
    platforms.push(run.platform);
    expect(run.events.some((e) => e.type === 'audio_ready')).toBe(false);
    const warning = run.events.find((e) => e.type === 'error');
    expect(warning?.payload).toMatchObject({ category: 'speech', severity: 'warning', recoverable: true });
    expect(String(warning?.payload['message'])).toBe(
      'The spoken summary could not be made; the task is complete without it. espeak: opusenc-not-installed is not installed (apt-get install opus-tools)',
    );
    await run.platform.http.get(`/api/v1/tasks/${run.taskId}/audio`).set(run.auth).expect(404);
    const pullRequest = await run.platform.http
      .get(`/api/v1/tasks/${run.taskId}/pull-request`)
      .set(run.auth)
      .expect(200);
    expect(pullRequest.body.body).not.toContain('Spoken summary');
  }, 300_000);
});
