import type { TaskBudgetView, TaskStatus, TaskUsageView } from '@patchbay/contracts';
import {
  createGitRepository,
  GREETER_PROJECT,
  readTaskEvents,
  startPlatformTestApp,
  uniqueName,
  waitForTaskStatus,
  type PlatformTestApp,
  startFakeChatCompletionsServer,
  type FakeChatCompletionsServer,
} from '@patchbay/testing';

/**
 * Issue 16's acceptance: a task with a $0.001 budget, its model answering over HTTP from the local
 * chat-completions server with usage reported and gpt-4o-mini's list price, pauses at the budget
 * before the coder's first call, refuses to resume until the budget is raised, then completes
 * without redoing what it had done.
 */
describe('task budget through the real pipeline (local chat-completions server)', () => {
  let server: FakeChatCompletionsServer;
  let platform: PlatformTestApp;

  beforeAll(async () => {
    const plan = {
      summary: 'Fix the greeting',
      steps: [{ id: '1', title: 'Fix greet()', detail: '', files: ['src/greet.js'] }],
    };
    const edit = { path: 'src/greet.js', old: "'Hello ' + name", new: '`Hello, ${name}!`' };
    server = await startFakeChatCompletionsServer([
      // Task A ($0.001). $0.00081: 5000 × $0.15/M + 100 × $0.60/M. Under the budget, so the next call goes out.
      {
        kind: 'tool_calls',
        toolCalls: [{ name: 'read_file', arguments: { path: 'src/greet.js' } }],
        usage: { promptTokens: 5_000, completionTokens: 100 },
      },
      // $0.00033: the task has now spent $0.00114, past its $0.001.
      {
        kind: 'tool_calls',
        toolCalls: [{ name: 'submit_plan', arguments: plan }],
        usage: { promptTokens: 2_000, completionTokens: 50 },
      },
      // Only after the budget is raised: the coder's two calls.
      {
        kind: 'tool_calls',
        toolCalls: [{ name: 'edit_file', arguments: edit }],
        usage: { promptTokens: 1_200, completionTokens: 40 },
      },
      { kind: 'text', content: 'Fixed greet().', usage: { promptTokens: 1_300, completionTokens: 10 } },
      // Task B ($0.0015): the same plan ($0.00114), then a coder call of $0.000474 that edits the
      // file and takes the task to $0.001614; the coder's next call is refused in the coding agent.
      {
        kind: 'tool_calls',
        toolCalls: [{ name: 'read_file', arguments: { path: 'src/greet.js' } }],
        usage: { promptTokens: 5_000, completionTokens: 100 },
      },
      {
        kind: 'tool_calls',
        toolCalls: [{ name: 'submit_plan', arguments: plan }],
        usage: { promptTokens: 2_000, completionTokens: 50 },
      },
      {
        kind: 'tool_calls',
        toolCalls: [{ name: 'edit_file', arguments: edit }],
        usage: { promptTokens: 3_000, completionTokens: 40 },
      },
      // After the raise the round starts afresh; the edit made before the stop is still in the workspace.
      { kind: 'text', content: 'The greeting is already fixed.', usage: { promptTokens: 1_300, completionTokens: 10 } },
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

  async function startTask(auth: { authorization: string }, usd: number) {
    const created = await platform.http
      .post('/api/v1/tasks')
      .set(auth)
      .send({
        repository: 'acme/greeter',
        prompt: 'Fix the failing greeting test',
        autoApprove: { plan: true, diff: true },
        budget: { usd },
      })
      .expect(201);
    const taskId = created.body.id as string;
    const events = () => readTaskEvents(platform, auth, taskId);
    const waitFor = (wanted: TaskStatus) => waitForTaskStatus(platform, auth, taskId, wanted, 150_000);
    return { taskId, events, waitFor };
  }

  let auth: { authorization: string };

  beforeAll(async () => {
    const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
    auth = { authorization: `Bearer ${admin.token}` };
    await platform.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
      .expect(201);
  });

  it('pauses at a $0.001 budget, refuses to resume before it is raised, and completes after', async () => {
    const { taskId, events, waitFor } = await startTask(auth, 0.001);

    await waitFor('paused');
    // Stopped before the coder's first call: the planner's two calls were all the server saw.
    expect(server.requests.filter((r) => r.body)).toHaveLength(2);
    const pause = (await events()).filter((e) => e.type === 'error').at(-1);
    expect(pause?.payload).toMatchObject({
      category: 'user_correctable',
      recoverable: true,
      message: 'budget reached: $0.0011 of $0.0010 (task budget)',
      budget: { scope: 'task', unit: 'usd', spent: 0.00114, limit: 0.001 },
      actions: ['raise_budget', 'resume', 'abort'],
    });
    const budget = (await platform.http.get(`/api/v1/tasks/${taskId}/budget`).set(auth).expect(200))
      .body as TaskBudgetView;
    expect(budget.reached?.message).toBe('budget reached: $0.0011 of $0.0010 (task budget)');

    // Resuming first is refused, and changes nothing.
    const refused = await platform.http
      .post(`/api/v1/tasks/${taskId}/resume`)
      .set(auth)
      .send({ action: 'fix' })
      .expect(409);
    expect(refused.body.message).toContain(
      'The task cannot resume yet: budget reached: $0.0011 of $0.0010 (task budget)',
    );
    expect((await platform.http.get(`/api/v1/tasks/${taskId}`).set(auth)).body.status).toBe('paused');

    await platform.http.put(`/api/v1/tasks/${taskId}/budget`).set(auth).send({ usd: 0.01 }).expect(200);
    await platform.http.post(`/api/v1/tasks/${taskId}/resume`).set(auth).send({ action: 'fix' }).expect(200);
    await waitFor('completed');

    // Nothing done before the pause was done again: one plan, the planner not asked again.
    const calls = server.requests.filter((r) => r.body);
    expect(calls).toHaveLength(4);
    expect(calls[2].body!.tools?.map((t) => t.function.name)).toContain('edit_file');
    const all = await events();
    expect(all.filter((e) => e.type === 'plan_ready')).toHaveLength(1);
    expect(all.some((e) => e.type === 'pr_created')).toBe(true);
    const usage = (await platform.http.get(`/api/v1/tasks/${taskId}/usage`).set(auth).expect(200))
      .body as TaskUsageView;
    expect(usage).toMatchObject({ promptTokens: 9_500, completionTokens: 200, modelCalls: 4 });
    const after = (await platform.http.get(`/api/v1/tasks/${taskId}/budget`).set(auth).expect(200))
      .body as TaskBudgetView;
    expect(after.lines.find((line) => line.scope === 'task')).toMatchObject({
      limit: { usd: 0.01 },
      spent: { usd: 0.001545, tokens: 9_700 },
    });
    expect(after.reached).toBeNull();
  }, 400_000);

  it('stops the coder mid-round in the coding agent, keeps its edit, and finishes the round after the raise', async () => {
    const { taskId, events, waitFor } = await startTask(auth, 0.0015);

    await waitFor('paused');
    // Planner twice, the coder once; its second call was refused before it went out.
    expect(server.requests.filter((r) => r.body)).toHaveLength(7);
    const paused = await events();
    expect(paused.filter((e) => e.type === 'error').at(-1)?.payload).toMatchObject({
      message: 'budget reached: $0.0016 of $0.0015 (task budget)',
      budget: { scope: 'task', unit: 'usd', spent: 0.001614, limit: 0.0015 },
    });
    expect(paused.some((e) => e.type === 'file_modified' && e.payload['path'] === 'src/greet.js')).toBe(true);

    await platform.http.put(`/api/v1/tasks/${taskId}/budget`).set(auth).send({ usd: 0.01 }).expect(200);
    await platform.http.post(`/api/v1/tasks/${taskId}/resume`).set(auth).send({ action: 'fix' }).expect(200);
    await waitFor('completed');

    // One more call (the fresh round's), and the edit made before the stop is what was published.
    expect(server.requests.filter((r) => r.body)).toHaveLength(8);
    const diff = await platform.http.get(`/api/v1/tasks/${taskId}/diff`).set(auth).expect(200);
    expect(diff.text).toContain('+exports.greet = (name) => `Hello, ${name}!`;');
    const all = await events();
    expect(all.filter((e) => e.type === 'plan_ready')).toHaveLength(1);
    expect(all.some((e) => e.type === 'pr_created')).toBe(true);
  }, 400_000);
});
