import { eventsOfType, repositoryConfigurationReportSchema } from '@patchbay/contracts';
import {
  createGitRepository,
  startPlatformTestApp,
  uniqueName,
  readTaskEvents,
  waitForTaskStatus,
  type PlatformTestApp,
  GREETER_PROJECT,
  startFakeChatCompletionsServer,
  type FakeChatCompletionsServer,
} from '@patchbay/testing';

const AGENTS_TEXT = 'Greeting style: always end a greeting with an exclamation mark.\n';

/**
 * The same flow through the `openai` provider: @langchain/openai talking the chat-completions
 * protocol (with tool calls) to a local server, not a mocked client.
 */
describe('task pipeline through the openai provider (local chat-completions server)', () => {
  let server: FakeChatCompletionsServer;
  let platform: PlatformTestApp;

  beforeAll(async () => {
    server = await startFakeChatCompletionsServer([
      // The planner reads the code before it plans.
      {
        kind: 'tool_calls',
        toolCalls: [{ name: 'read_file', arguments: { path: 'src/greet.js' } }],
        usage: { promptTokens: 800, completionTokens: 20 },
      },
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
        usage: { promptTokens: 900, completionTokens: 60 },
      },
      {
        kind: 'tool_calls',
        toolCalls: [
          { name: 'edit_file', arguments: { path: 'src/greet.js', old: "'Hello ' + name", new: '`Hello, ${name}!`' } },
        ],
        usage: { promptTokens: 1200, completionTokens: 40 },
      },
      { kind: 'text', content: 'Fixed greet().', usage: { promptTokens: 1300, completionTokens: 10 } },
    ]);
    platform = await startPlatformTestApp({
      modelEnv: {
        MODEL_PROVIDER: 'openai',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_API_KEY: 'sk-test-local',
        MODEL_DEFAULT: 'gpt-4o-mini',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await platform?.closeAll();
    await server?.close();
  });

  it('completes the task with the model answering over HTTP', async () => {
    const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
    const auth = { authorization: `Bearer ${admin.token}` };
    const project = {
      ...GREETER_PROJECT,
      'AGENTS.md': AGENTS_TEXT,
      '.patchbay.yml': 'test: node --test\nexclude:\n  - fixtures/**\n',
    };
    await platform.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(project) })
      .expect(201);
    // The organisation's stored key is used instead of the service's OPENAI_API_KEY.
    await platform.http
      .post('/api/v1/credentials')
      .set(auth)
      .send({ owner: 'organisation', provider: 'openai', apiKey: 'sk-organisation-key-0001' })
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

    await waitForTaskStatus(platform, auth, taskId, 'completed');
    const events = await readTaskEvents(platform, auth, taskId);
    expect(events.find((e) => e.type === 'plan_ready')?.payload['model']).toBe('gpt-4o-mini');

    const calls = server.requests.filter((r) => r.body);
    expect(calls).toHaveLength(4);
    // Planning is read-only by the tools offered: reading, searching and submitting, never writing or running.
    const plannerTools = calls[0].body!.tools?.map((t) => t.function.name) ?? [];
    expect(plannerTools).toEqual(
      expect.arrayContaining([
        'read_file',
        'search_files',
        'find_references',
        'get_file_summary',
        'list_directory',
        'localize',
        'submit_plan',
      ]),
    );
    expect(plannerTools).not.toEqual(expect.arrayContaining(['edit_file']));
    expect(
      plannerTools.some((name) =>
        ['edit_file', 'create_file', 'apply_diff', 'delete_file', 'run_command'].includes(name),
      ),
    ).toBe(false);
    const plannerRead = calls[1].body!.messages.find((m) => m.role === 'tool');
    expect(String(plannerRead?.content)).toContain("exports.greet = (name) => 'Hello ' + name;");
    expect(String(plannerRead?.content)).toContain('(lines 1-1 of 1)');
    expect(
      events.some(
        (e) => e.type === 'agent_thought' && e.payload['tool'] === 'read_file' && e.payload['role'] === 'planner',
      ),
    ).toBe(true);

    // The coder's first request carries what it needs to start: the repository's instructions,
    // the command the change is judged by, the failing tests of the base commit and the overview.
    expect(calls[2].body!.tools?.map((t) => t.function.name)).toEqual(
      expect.arrayContaining(['read_file', 'edit_file', 'run_command', 'apply_diff']),
    );
    const assignment = calls[2]
      .body!.messages.filter((m) => m.role === 'user')
      .map((m) => String(m.content))
      .join('\n');
    expect(assignment).toContain(AGENTS_TEXT.trim());
    expect(assignment).toContain('node --test');
    expect(assignment).toContain('### greets by name (test/greet.test.js)');
    expect(assignment).toContain('- test/greet.test.js');
    // The tool result went back to the model as a tool message answering its call.
    expect(calls[3].body!.messages.some((m) => m.role === 'tool')).toBe(true);
    expect(calls.map((r) => r.authorization)).toEqual(
      Array.from({ length: 4 }, () => 'Bearer sk-organisation-key-0001'),
    );
    const configuration = eventsOfType(events, 'agent_thought')
      .map((e) => e.payload.configuration)
      .find(Boolean);
    expect(repositoryConfigurationReportSchema.parse(configuration)).toMatchObject({
      configFile: '.patchbay.yml',
      configProblem: null,
      instructionsFrom: ['AGENTS.md'],
    });
    const sourceOf = (field: string) =>
      repositoryConfigurationReportSchema.parse(configuration).settings.find((setting) => setting.field === field)
        ?.source;
    expect([sourceOf('test'), sourceOf('exclude'), sourceOf('network')]).toEqual(['file', 'file', 'default']);

    // The one coding round's change was kept as attempt 1, the same change that was presented.
    const attempts = (await platform.http.get(`/api/v1/tasks/${taskId}/diffs`).set(auth).expect(200)).body as Array<{
      attempt: number;
      round: number;
    }>;
    expect(attempts.map(({ attempt, round }) => ({ attempt, round }))).toEqual([{ attempt: 1, round: 1 }]);
    const attemptDiff = (await platform.http.get(`/api/v1/tasks/${taskId}/diff?attempt=1`).set(auth).expect(200)).text;
    expect(attemptDiff).toContain('+exports.greet = (name) => `Hello, ${name}!`;');
    expect(attemptDiff).toBe((await platform.http.get(`/api/v1/tasks/${taskId}/diff`).set(auth).expect(200)).text);

    // Every call's tokens and cost were recorded for the task.
    const usage = (await platform.http.get(`/api/v1/tasks/${taskId}/usage`).set(auth).expect(200)).body as {
      promptTokens: number;
      completionTokens: number;
      costUsd: number;
      modelCalls: number;
    };
    expect(usage).toMatchObject({ promptTokens: 4200, completionTokens: 130, modelCalls: 4 });
    expect(usage.costUsd).toBeGreaterThan(0);
  }, 300_000);
});
