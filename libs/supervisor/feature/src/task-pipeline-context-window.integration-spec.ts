import { TokenCounter } from '@patchbay/model';
import {
  createGitRepository,
  GREETER_PROJECT,
  startPlatformTestApp,
  uniqueName,
  waitForTaskStatus,
  type PlatformTestApp,
  startFakeChatCompletionsServer,
  type FakeChatCompletionsServer,
} from '@patchbay/testing';

const WINDOW = 8_192;
/** About 400 lines of 30 characters: each read_file page is some 3k tokens, three pages overflow the window. */
const LONG_FILE =
  Array.from({ length: 1_200 }, (_, i) => `// reference table row ${String(i + 1).padStart(4, '0')}: ok`).join('\n') +
  '\n';

/**
 * A coder that reads a long repository file page by page would send more than its configured
 * 8k-token window; the platform elides old tool outputs so no request goes over it, and the task
 * still completes. Through the openai provider against a local chat-completions server.
 */
describe('context window (8k tokens, long repository file)', () => {
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
              summary: 'Fix the greeting',
              steps: [{ id: '1', title: 'Fix greet()', detail: '', files: ['src/greet.js'] }],
            },
          },
        ],
      },
      { kind: 'tool_calls', toolCalls: [{ name: 'read_file', arguments: { path: 'src/table.js' } }] },
      { kind: 'tool_calls', toolCalls: [{ name: 'read_file', arguments: { path: 'src/table.js', start: 401 } }] },
      { kind: 'tool_calls', toolCalls: [{ name: 'read_file', arguments: { path: 'src/table.js', start: 801 } }] },
      {
        kind: 'tool_calls',
        toolCalls: [
          { name: 'edit_file', arguments: { path: 'src/greet.js', old: "'Hello ' + name", new: '`Hello, ${name}!`' } },
        ],
      },
      { kind: 'text', content: 'Fixed greet().' },
    ]);
    platform = await startPlatformTestApp({
      modelEnv: {
        MODEL_PROVIDER: 'openai',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_API_KEY: 'sk-test-local',
        MODEL_DEFAULT: 'gpt-4o-mini',
        MODEL_CONTEXT_WINDOW: String(WINDOW),
      },
    });
  }, 120_000);

  afterAll(async () => {
    await platform?.closeAll();
    await server?.close();
  });

  it('keeps every request under the window by eliding old tool outputs, and completes the task', async () => {
    const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
    const auth = { authorization: `Bearer ${admin.token}` };
    await platform.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({
        source: 'local',
        fullName: 'acme/greeter',
        importFrom: createGitRepository({ ...GREETER_PROJECT, 'src/table.js': LONG_FILE }),
      })
      .expect(201);
    const taskId = (
      await platform.http
        .post('/api/v1/tasks')
        .set(auth)
        .send({
          repository: 'acme/greeter',
          prompt: 'Fix the failing greeting test',
          autoApprove: { plan: true, diff: true },
        })
        .expect(201)
    ).body.id as string;

    await waitForTaskStatus(platform, auth, taskId, 'completed', 150_000);

    const requests = server.requests.filter((r) => r.body).map((r) => r.body!);
    expect(requests).toHaveLength(6);
    // The whole request body as JSON counts more than the model sees (quotes, keys, escapes), so it bounds the prompt from above.
    const counter = TokenCounter.forModel('gpt-4o-mini');
    const sizes = requests.map((body) =>
      counter.countText(JSON.stringify({ messages: body.messages, tools: body.tools })),
    );
    expect(sizes.filter((tokens) => tokens > WINDOW)).toEqual([]);
    // Without fitting, the last request would have carried all three pages (some 9k tokens of file alone).
    const lastToolOutputs = requests[5].messages.filter((m) => m.role === 'tool').map((m) => String(m.content));
    expect(lastToolOutputs.filter((content) => content.includes('reference table row')).length).toBeLessThan(3);
    expect(lastToolOutputs.length).toBe(4);
  }, 300_000);
});
