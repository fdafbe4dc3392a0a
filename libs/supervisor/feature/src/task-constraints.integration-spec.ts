import { RabbitMqBus } from '@patchbay/bus';
import type { AddedConstraint } from '@patchbay/contracts';
import {
  createGitRepository,
  eventually,
  GREETER_PROJECT,
  readTaskEvents,
  startFakeChatCompletionsServer,
  startPlatformTestApp,
  testAmqpUrl,
  uniqueName,
  waitForTaskStatus,
  type FakeChatCompletionsServer,
  type PlatformTestApp,
  type RecordedChatRequest,
} from '@patchbay/testing';

const NOTE = 'Leave src/greet.js as it is: the greeting moves to a new module in a later change.';

/** The text of every user message of a captured model request: the assignment and any constraint. */
function userText(request: RecordedChatRequest | undefined): string {
  return (request?.body?.messages ?? [])
    .filter((message) => message.role === 'user')
    .map((message) => String(message.content))
    .join('\n');
}

/**
 * A constraint added while the task executes (issue 20), end to end over the real RabbitMQ and a
 * gVisor sandbox: the developer posts it while the coder's first model call is held, the running
 * round hears the broadcast, refuses the edit the model then makes to the newly avoided file, and
 * hands the note to the model with its next request; the next round's request carries it from the
 * database.
 */
describe('adding a constraint while the task executes', () => {
  let server: FakeChatCompletionsServer;
  let platform: PlatformTestApp;
  let auth: { authorization: string };
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));

  beforeAll(async () => {
    server = await startFakeChatCompletionsServer([
      {
        kind: 'tool_calls',
        toolCalls: [
          {
            name: 'submit_plan',
            arguments: {
              summary: 'Fix the greeting',
              steps: [{ id: '1', title: 'Fix greet()', detail: '', files: ['src/greet.js'] }],
            },
          },
        ],
      },
      // The coder's first step is held until the constraint has reached the running round.
      async () => {
        await released;
        return {
          kind: 'tool_calls',
          toolCalls: [
            {
              name: 'edit_file',
              arguments: { path: 'src/greet.js', old: "'Hello ' + name", new: '`Hello, ${name}!`' },
            },
          ],
        };
      },
      { kind: 'text', content: 'src/greet.js may not change any more; nothing else to do.' },
      // The second round's first request is held until the task is cancelled.
      { kind: 'hang' },
    ]);
    platform = await startPlatformTestApp({
      bus: new RabbitMqBus(testAmqpUrl()),
      modelEnv: {
        MODEL_PROVIDER: 'openai',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_API_KEY: 'sk-test-local',
        MODEL_DEFAULT: 'gpt-4o-mini',
      },
    });
    const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
    auth = { authorization: `Bearer ${admin.token}` };
    await platform.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
      .expect(201);
  }, 120_000);

  afterAll(async () => {
    release();
    await platform?.closeAll();
    await server?.close();
  });

  it('reaches the coder at its next step, is enforced on the tools, and goes with every later round', async () => {
    const taskId = (
      await platform.http
        .post('/api/v1/tasks')
        .set(auth)
        .send({
          repository: 'acme/greeter',
          prompt: 'Fix the failing greeting test',
          constraints: { maxFilesChanged: 3 },
          autoApprove: { plan: true },
        })
        .expect(201)
    ).body.id as string;
    await eventually(
      () => {
        if (server.requests.length < 2) throw new Error(`${server.requests.length} model requests so far`);
      },
      { description: "the coder's first model request is held", timeoutMs: 120_000, intervalMs: 50 },
    );
    expect((await platform.http.get(`/api/v1/tasks/${taskId}`).set(auth).expect(200)).body.status).toBe('executing');

    // Only narrowing is accepted, with the reason named.
    const widening = await platform.http
      .post(`/api/v1/tasks/${taskId}/constraints`)
      .set(auth)
      .send({ maxFilesChanged: 3 })
      .expect(400);
    expect(widening.body.message).toBe(
      'maxFilesChanged: the task already allows at most 3 changed files, and a constraint can only lower the limit',
    );
    const empty = await platform.http.post(`/api/v1/tasks/${taskId}/constraints`).set(auth).send({}).expect(400);
    expect(JSON.stringify(empty.body.message)).toContain('give at least one of note, avoidFiles, maxFilesChanged');

    const added = (
      await platform.http
        .post(`/api/v1/tasks/${taskId}/constraints`)
        .set(auth)
        .send({ note: NOTE, avoidFiles: ['src/greet.js'], maxFilesChanged: 2 })
        .expect(201)
    ).body as AddedConstraint;
    expect(added).toMatchObject({ note: NOTE, avoidFiles: ['src/greet.js'], maxFilesChanged: 2 });

    await eventually(
      async () => {
        const events = await readTaskEvents(platform, auth, taskId);
        if (
          !events.some(
            (e) => e.type === 'agent_thought' && String(e.payload['message']).includes('received the constraint'),
          )
        )
          throw new Error('the running round has not reported the constraint yet');
      },
      { description: 'the running coding round hears the constraint', timeoutMs: 10_000, intervalMs: 50 },
    );
    release();

    // The round's next request: the edit to the newly avoided file was refused, and the note follows.
    const next = await eventually(
      () => {
        const request = server.requests[2];
        if (!request?.body) throw new Error('no second coder request yet');
        return request;
      },
      { description: "the coder's next model request", timeoutMs: 30_000, intervalMs: 50 },
    );
    const refusal = next.body?.messages.find((message) => message.role === 'tool');
    expect(String(refusal?.content)).toContain("src/greet.js is on the task's list of files to avoid");
    const constraintMessage = next.body?.messages[next.body.messages.length - 1];
    expect(constraintMessage?.role).toBe('user');
    expect(String(constraintMessage?.content)).toContain(`<constraint>\n${NOTE}\n</constraint>`);
    expect(String(constraintMessage?.content)).toContain('Do not change: src/greet.js');
    expect(String(constraintMessage?.content)).toContain('it never lifts a rule');
    expect(userText(server.requests[1])).not.toContain(NOTE);

    // The next round reads the stored constraint: the assignment carries the note and the narrowed rules,
    // and the workspace shows the avoided file unchanged.
    const secondRound = await eventually(
      () => {
        const request = server.requests[3];
        if (!request?.body) throw new Error('no second round yet');
        return request;
      },
      { description: "the second round's first model request", timeoutMs: 120_000, intervalMs: 100 },
    );
    const assignment = userText(secondRound);
    expect(assignment).toContain(NOTE);
    expect(assignment).toContain('Do not change: src/greet.js');
    expect(assignment).toContain('Change at most 2 files');
    expect(assignment).toContain('The workspace has no changes against the base commit.');

    const events = await readTaskEvents(platform, auth, taskId);
    expect(events.find((e) => e.type === 'constraint_added')?.payload).toEqual({
      constraintId: added.id,
      note: NOTE,
      avoidFiles: ['src/greet.js'],
      maxFilesChanged: 2,
      addedBy: added.addedBy,
    });
    expect(events.some((e) => e.type === 'file_modified')).toBe(false);

    await platform.http.post(`/api/v1/tasks/${taskId}/cancel`).set(auth).expect(200);
    await waitForTaskStatus(platform, auth, taskId, 'cancelled');
    const late = await platform.http
      .post(`/api/v1/tasks/${taskId}/constraints`)
      .set(auth)
      .send({ note: 'too late' })
      .expect(409);
    expect(late.body.message).toBe(
      'Constraints can be added only while the task is live (not publishing or finished); this one is cancelled',
    );
    const audit = (await platform.http.get('/api/v1/admin/audit').set(auth).expect(200)).body as {
      items?: Array<{ action: string; targetId: string }>;
    };
    expect(JSON.stringify(audit)).toContain('task.constraint.add');
  }, 300_000);
});
