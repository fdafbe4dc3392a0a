import { eventsOfType, type TaskEvent } from '@patchbay/contracts';
import {
  connectTaskEventSocket,
  createGitRepository,
  eventually,
  GREETER_FIX,
  GREETER_PROJECT,
  readTaskEvents,
  startFakeChatCompletionsServer,
  startPlatformTestApp,
  uniqueName,
  waitForEvent,
  waitForTaskStatus,
  webSocketUrlOf,
  type FakeChatCompletionsServer,
  type PlatformTestApp,
} from '@patchbay/testing';

const PLAN_SUMMARY = 'Fix the greeting format';
const QUESTION = 'Why a template literal instead of concatenation?';
// Long enough to stream as several batched chunk events (AnswerBatcher sends every 400 characters).
const ANSWER = Array.from(
  { length: 12 },
  (_, n) =>
    `Part ${n + 1}: the template literal puts the comma and the exclamation mark around the name in one string. `,
).join('');

/**
 * "Explain this change" (issue 20): a reviewer asks about lines of the diff under review; the
 * supervisor asks the task's reviewer model over the chat-completions protocol (streamed), and the
 * answer arrives as ordered chunk events over the WebSocket and is kept whole on the task's log.
 */
describe('explaining a change at diff review (gateway + supervisor, local chat-completions server)', () => {
  let server: FakeChatCompletionsServer;
  let platform: PlatformTestApp;

  beforeAll(async () => {
    server = await startFakeChatCompletionsServer([
      {
        kind: 'tool_calls',
        toolCalls: [
          {
            name: 'submit_plan',
            arguments: {
              summary: PLAN_SUMMARY,
              steps: [{ id: '1', title: 'Fix greet()', detail: 'Return "Hello, <name>!"', files: ['src/greet.js'] }],
            },
          },
        ],
      },
      { kind: 'tool_calls', toolCalls: [{ name: 'edit_file', arguments: GREETER_FIX }] },
      { kind: 'text', content: 'Fixed greet().' },
    ]);
    platform = await startPlatformTestApp({
      modelEnv: {
        MODEL_PROVIDER: 'openai',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_API_KEY: 'sk-test-local',
        MODEL_DEFAULT: 'gpt-4o-mini',
      },
    });
    // On a port, for the WebSocket client.
    await platform.app.listen(0, '127.0.0.1');
  }, 120_000);

  afterAll(async () => {
    await platform?.closeAll();
    await server?.close();
  });

  it('streams the reviewer model’s answer about selected lines and keeps the exchange; refuses questions it cannot answer with precise 4xx', async () => {
    const organisation = uniqueName('org');
    const admin = await platform.login(uniqueName('admin'), organisation);
    const outsider = await platform.login(uniqueName('outsider'), uniqueName('other-org'));
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
        .send({ repository: 'acme/greeter', prompt: 'Fix the failing greeting test', autoApprove: { plan: true } })
        .expect(201)
    ).body.id as string;
    const ask = (body: object, as = auth) =>
      platform.http.post(`/api/v1/tasks/${taskId}/diff/explanations`).set(as).send(body);

    // Before the diff is up for review there is nothing to explain.
    expect((await ask({ question: QUESTION }).expect(409)).body.message).toMatch(
      /^A change can be explained once its diff is up for review; this task is /,
    );

    await waitForTaskStatus(platform, auth, taskId, 'awaiting_diff_approval');
    const modelCallsBefore = server.requests.length;
    expect((await ask({ question: '   ' }).expect(400)).body.message).toContain('question');
    expect((await ask({ question: QUESTION, lines: { start: 1, end: 1 } }).expect(400)).body.message).toContain('file');
    expect(
      (await ask({ question: QUESTION, file: 'src/greet.js', lines: { start: 3, end: 1 } }).expect(400)).body.message,
    ).toContain('lines.end');
    expect((await ask({ question: QUESTION, file: 'src/other.js' }).expect(400)).body.message).toBe(
      'file: "src/other.js" is not in the diff; it changes src/greet.js',
    );
    expect(
      (await ask({ question: QUESTION, file: 'src/greet.js', lines: { start: 40, end: 45 } }).expect(400)).body.message,
    ).toBe('lines: 40-45 are outside the changed parts of src/greet.js (1-1)');
    await ask({ question: QUESTION }, { authorization: `Bearer ${outsider.token}` }).expect(404);
    await platform.http.post(`/api/v1/tasks/${taskId}/diff/explanations`).send({ question: QUESTION }).expect(401);
    expect(server.requests.length).toBe(modelCallsBefore);

    const lastSeq = (await readTaskEvents(platform, auth, taskId)).at(-1)!.seq;
    const socket = await connectTaskEventSocket(await webSocketUrlOf(platform), `token=${admin.token}`);
    socket.socket.send(JSON.stringify({ event: 'subscribe', data: { taskId, after: lastSeq } }));
    await socket.next('subscribed');

    server.enqueue({ kind: 'text', content: ANSWER });
    const accepted = await ask({ question: QUESTION, file: 'src/greet.js', lines: { start: 1, end: 1 } }).expect(202);
    const explanationId = accepted.body.explanationId as string;

    const answered = await waitForEvent(platform, auth, taskId, {
      type: 'explanation_answered',
      afterSeq: lastSeq,
      where: (event) => event.payload.explanationId === explanationId,
    });
    expect(answered.payload).toEqual({
      explanationId,
      question: QUESTION,
      file: 'src/greet.js',
      lines: { start: 1, end: 1 },
      answer: ANSWER,
      model: 'gpt-4o-mini',
    });

    // Over the WebSocket: the question, the answer in ordered pieces that add up to it, then the whole answer.
    await eventually(
      () => {
        if (!socket.events.some((event) => event.type === 'explanation_answered')) throw new Error('not yet');
      },
      { description: 'the answer reaches the WebSocket client' },
    );
    socket.socket.close();
    const live = socket.events.filter((event) => event.type.startsWith('explanation_'));
    expect(live[0]).toMatchObject({
      type: 'explanation_requested',
      payload: { explanationId, question: QUESTION, file: 'src/greet.js', lines: { start: 1, end: 1 } },
    });
    const chunks = eventsOfType(live, 'explanation_chunk');
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.payload.seq)).toEqual(chunks.map((_, index) => index + 1));
    expect(chunks.map((chunk) => chunk.payload.text).join('')).toBe(ANSWER);
    expect(live.at(-1)?.type).toBe('explanation_answered');

    // The model was asked once, streamed, with no tools, about the selected line, with the plan, the base file and the question.
    const call = server.requests.at(-1)!.body!;
    expect(call.stream).toBe(true);
    expect(call.tools).toBeUndefined();
    const prompt = call.messages.map((message) => String(message.content)).join('\n');
    expect(prompt).toContain('The reviewer selected lines 1-1 of src/greet.js');
    expect(prompt).toContain('+exports.greet = (name) => `Hello, ${name}!`;');
    expect(prompt).toContain("-exports.greet = (name) => 'Hello ' + name;");
    expect(prompt).toContain(PLAN_SUMMARY);
    expect(prompt).toContain(QUESTION);
    expect(prompt).toContain('src/greet.js before the change');

    // Usage is recorded like every other call of the task; the task still waits for its reviewer.
    await eventually(
      async () => {
        const usage = (await platform.http.get(`/api/v1/tasks/${taskId}/usage`).set(auth).expect(200)).body as {
          modelCalls: number;
        };
        expect(usage.modelCalls).toBe(4);
      },
      { description: 'the explanation’s model call is in the task’s usage' },
    );

    // A model that refuses the call: the reviewer reads why, and nothing is left half-answered.
    server.enqueue({ kind: 'error', status: 400, message: 'This model does not accept the request' });
    const failedId = (await ask({ question: 'And the tests?' }).expect(202)).body.explanationId as string;
    const failed = await waitForEvent(platform, auth, taskId, {
      type: 'explanation_failed',
      afterSeq: lastSeq,
      where: (event) => event.payload.explanationId === failedId,
    });
    expect(failed.payload.message).toContain('The reviewer model could not answer');
    expect(failed.payload.message).toContain('This model does not accept the request');
    const events: TaskEvent[] = await readTaskEvents(platform, auth, taskId);
    expect(eventsOfType(events, 'explanation_answered').map((event) => event.payload.explanationId)).toEqual([
      explanationId,
    ]);
    expect((await platform.http.get(`/api/v1/tasks/${taskId}`).set(auth).expect(200)).body.status).toBe(
      'awaiting_diff_approval',
    );
  }, 300_000);
});
