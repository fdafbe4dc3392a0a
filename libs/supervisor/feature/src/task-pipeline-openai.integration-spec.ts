import type { TaskEvent, TaskStatus } from '@patchbay/contracts';
import { startFakeChatCompletionsServer, type FakeChatCompletionsServer } from '@patchbay/model';
import { createGitRepository, startPlatformTestApp, uniqueName, type PlatformTestApp, GREETER_PROJECT } from '@patchbay/testing';


/**
 * The same flow through the `openai` provider: @langchain/openai talking the chat-completions
 * protocol (with tool calls) to a local server, not a mocked client.
 */
describe('task pipeline through the openai provider (local chat-completions server)', () => {
  let server: FakeChatCompletionsServer;
  let platform: PlatformTestApp;

  beforeAll(async () => {
    server = await startFakeChatCompletionsServer([
      { kind: 'tool_calls', toolCalls: [{ name: 'submit_plan', arguments: { summary: 'Fix the greeting', steps: [{ id: '1', title: 'Fix greet()', detail: '', files: ['src/greet.js'] }] } }], usage: { promptTokens: 900, completionTokens: 60 } },
      { kind: 'tool_calls', toolCalls: [{ name: 'edit_file', arguments: { path: 'src/greet.js', old: "'Hello ' + name", new: '`Hello, ${name}!`' } }], usage: { promptTokens: 1200, completionTokens: 40 } },
      { kind: 'text', content: 'Fixed greet().', usage: { promptTokens: 1300, completionTokens: 10 } },
    ]);
    platform = await startPlatformTestApp({ modelEnv: { MODEL_PROVIDER: 'openai', OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'sk-test-local', MODEL_DEFAULT: 'gpt-4o-mini' } });
  }, 120_000);

  afterAll(async () => {
    await platform?.closeAll();
    await server?.close();
  });

  it('completes the task with the model answering over HTTP', async () => {
    const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
    const auth = { authorization: `Bearer ${admin.token}` };
    await platform.http.post('/api/v1/repositories').set(auth).send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) }).expect(201);
    // The organisation's stored key is used instead of the service's OPENAI_API_KEY.
    await platform.http.post('/api/v1/credentials').set(auth).send({ owner: 'organisation', provider: 'openai', apiKey: 'sk-organisation-key-0001' }).expect(201);
    const taskId = (await platform.http.post('/api/v1/tasks').set(auth).send({ repository: 'acme/greeter', prompt: 'Fix the failing greeting test', autoApprove: { plan: true, diff: true } }).expect(201)).body.id as string;

    const deadline = Date.now() + 120_000;
    let status: TaskStatus | string = '';
    while (Date.now() < deadline && status !== 'completed' && status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await platform.http.get(`/api/v1/tasks/${taskId}`).set(auth)).body.status as string;
    }
    const events = (await platform.http.get(`/api/v1/tasks/${taskId}/events`).set(auth)).body as TaskEvent[];
    expect({ status, log: status === 'completed' ? '' : events.map((e) => `${e.type} ${JSON.stringify(e.payload).slice(0, 200)}`).join('\n') }).toEqual({ status: 'completed', log: '' });
    expect(events.find((e) => e.type === 'plan_ready')?.payload['model']).toBe('gpt-4o-mini');

    const calls = server.requests.filter((r) => r.body);
    expect(calls).toHaveLength(3);
    expect(calls[0]!.body!.tools?.map((t) => t.function.name)).toEqual(['submit_plan']);
    expect(calls[1]!.body!.tools?.map((t) => t.function.name)).toEqual(expect.arrayContaining(['read_file', 'edit_file', 'run_command', 'apply_diff']));
    // The tool result went back to the model as a tool message answering its call.
    expect(calls[2]!.body!.messages.some((m) => m.role === 'tool')).toBe(true);
    expect(calls.map((r) => r.authorization)).toEqual(['Bearer sk-organisation-key-0001', 'Bearer sk-organisation-key-0001', 'Bearer sk-organisation-key-0001']);

    // Every call's tokens and cost were recorded for the task.
    const usage = (await platform.http.get(`/api/v1/tasks/${taskId}/usage`).set(auth).expect(200)).body as { promptTokens: number; completionTokens: number; costUsd: number; modelCalls: number };
    expect(usage).toMatchObject({ promptTokens: 3400, completionTokens: 110, modelCalls: 3 });
    expect(usage.costUsd).toBeGreaterThan(0);
  }, 300_000);
});
