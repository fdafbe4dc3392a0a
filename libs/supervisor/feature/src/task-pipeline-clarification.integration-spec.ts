import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventsOfType, MAX_CLARIFYING_QUESTIONS, type TaskStatus } from '@patchbay/contracts';
import { GithubAppClient } from '@patchbay/github';
import { GithubRepository } from '@patchbay/persistence';
import {
  addressed,
  asDatabaseOwner,
  createGitRepository,
  createGithubRemote,
  deliverWebhook,
  eventually,
  GREETER_PROJECT,
  installGithubRepository,
  readTaskEvents,
  startFakeChatCompletionsServer,
  startFakeGithubApp,
  startPlatformTestApp,
  StopWaiting,
  uniqueName,
  waitForTaskStatus,
  webhookExample,
  type ChatCompletionRequest,
  type FakeChatCompletionsServer,
  type FakeChatReply,
  type FakeGithubApp,
  type PlatformTestApp,
} from '@patchbay/testing';

const QUESTION = {
  question: 'Should the greeting end with an exclamation mark or a full stop?',
  options: ['Exclamation mark: "Hello, Ada!"', 'Full stop: "Hello, Ada."'],
  classification: 'bug_fix',
};

/** The planner's first turn on an ambiguous prompt: a question instead of a plan. */
const ASK: FakeChatReply = { kind: 'tool_calls', toolCalls: [{ name: 'ask_user', arguments: QUESTION }] };

/** The planner's turn after the answer: a plan that follows it, recording the request it was shown. */
function planFollowingTheAnswer(seen: ChatCompletionRequest[], punctuation: string) {
  return (request: ChatCompletionRequest): FakeChatReply => {
    seen.push(request);
    return {
      kind: 'tool_calls',
      toolCalls: [
        {
          name: 'submit_plan',
          arguments: {
            summary: `End the greeting with ${punctuation}, as the requester answered.`,
            steps: [{ id: '1', title: `Make greet() end with ${punctuation}`, files: ['src/greet.js'] }],
            targetTests: [],
            classification: 'bug_fix',
          },
        },
      ],
    };
  };
}

/** The text of the planner's task message (system prompt first, then the task). */
const taskMessageOf = (request: ChatCompletionRequest | undefined) => String(request?.messages[1]?.content ?? '');

/**
 * Clarifying questions end to end (issue 20, ADR 0026): the openai provider against a local
 * chat-completions server scripts the planner's ask_user call; the real gateway, supervisor and
 * gVisor sandbox run the task; GitHub is a local fake. The answer comes once from the dashboard's
 * API and once as a `@patchbay` reply on the issue, and each time the planner's next request
 * carries it and the plan follows it.
 */
describe('clarifying questions (real pipeline, local chat-completions server, fake GitHub)', () => {
  let server: FakeChatCompletionsServer;
  let github: FakeGithubApp;
  let platform: PlatformTestApp;
  const owner = uniqueName('octo');
  const fullName = `${owner}/greeter`;
  const installationId = 110_000 + Math.floor(Math.random() * 9_000);
  const maintainer = { login: uniqueName('maint'), id: 900_000 + Math.floor(Math.random() * 50_000) };
  const outsider = { login: uniqueName('drive-by'), id: 960_000 + Math.floor(Math.random() * 30_000) };

  const deliver = (event: string, payload: Record<string, unknown>) =>
    deliverWebhook(platform.http, github.webhookSecret, event, payload);
  const commentsOn = (thread: number) =>
    github.calls
      .filter((call) => call.method === 'POST' && call.path === `/repos/${fullName}/issues/${thread}/comments`)
      .map((call) => String(call.body?.['body']));

  /** The task's status from the database: a GitHub task has no dashboard session in this spec. */
  const statusOf = async (taskId: string) =>
    asDatabaseOwner(
      async (db) => (await db.query('SELECT status FROM tasks WHERE id = $1', [taskId])).rows[0]?.status as string,
    );
  const waitForStatus = (taskId: string, wanted: TaskStatus) =>
    eventually(
      async () => {
        const status = await statusOf(taskId);
        if (status === 'failed') throw new StopWaiting(`task ${taskId} failed`);
        if (status !== wanted) throw new Error(`task is ${status}`);
      },
      { description: `task ${taskId} reaches ${wanted}`, timeoutMs: 180_000, intervalMs: 200 },
    );
  const storedEvents = async (taskId: string) =>
    asDatabaseOwner(
      async (db) =>
        (await db.query('SELECT type, agent, payload FROM task_events WHERE task_id = $1 ORDER BY seq', [taskId]))
          .rows as Array<{ type: string; agent: string; payload: Record<string, unknown> }>,
    );
  const outcomeOf = (deliveryId: string) =>
    eventually(
      async () => {
        const row = await platform.app.get(GithubRepository).findDelivery(deliveryId);
        if (!row || row.outcome === 'received') throw new Error('the delivery is not handled yet');
        return row;
      },
      { description: `delivery ${deliveryId} is handled`, timeoutMs: 30_000, intervalMs: 50 },
    );

  beforeAll(async () => {
    server = await startFakeChatCompletionsServer();
    github = await startFakeGithubApp({ gitRoot: mkdtempSync(path.join(os.tmpdir(), 'patchbay-github-remote-')) });
    createGithubRemote(github.gitRoot, fullName, GREETER_PROJECT);
    github.repository(fullName).collaborators.set(maintainer.login, 'write');
    github.repository(fullName).collaborators.set(outsider.login, 'read');
    platform = await startPlatformTestApp({
      github: new GithubAppClient(github.config, { retries: 1 }),
      modelEnv: {
        MODEL_PROVIDER: 'openai',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_API_KEY: 'sk-test-local',
        MODEL_DEFAULT: 'gpt-4o-mini',
      },
    });
    await installGithubRepository(platform, github, { installationId, fullName, settings: { allowed: true } });
  }, 120_000);

  afterAll(async () => {
    await platform?.closeAll();
    await github?.close();
    await server?.close();
  });

  it('an ambiguous prompt → a question in the dashboard → an answer through the API → a plan that uses it', async () => {
    const login = uniqueName('admin');
    const admin = await platform.login(login, uniqueName('org'));
    const auth = { authorization: `Bearer ${admin.token}` };
    await platform.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
      .expect(201);
    const planned: ChatCompletionRequest[] = [];
    server.enqueue(ASK, planFollowingTheAnswer(planned, 'an exclamation mark'));
    const taskId = (
      await platform.http
        .post('/api/v1/tasks')
        .set(auth)
        .send({ repository: 'acme/greeter', prompt: 'Fix the greeting punctuation' })
        .expect(201)
    ).body.id as string;

    await waitForTaskStatus(platform, auth, taskId, 'awaiting_clarification', 180_000);
    const [asked] = eventsOfType(await readTaskEvents(platform, auth, taskId), 'clarification_requested');
    expect(asked?.payload).toEqual({ ...QUESTION, questionNumber: 1, maxQuestions: MAX_CLARIFYING_QUESTIONS });
    // The first planning request offered the question tool beside submit_plan.
    expect(server.requests[0]?.body?.tools?.map((tool) => tool.function.name)).toEqual(
      expect.arrayContaining(['ask_user', 'submit_plan']),
    );

    const answer = (body: Record<string, unknown>) =>
      platform.http.post(`/api/v1/tasks/${taskId}/clarification`).set(auth).send(body);
    expect((await answer({ answer: '   ' })).status).toBe(400);
    expect((await answer({ answer: 'x', extra: true })).status).toBe(400);
    const answered = await answer({ answer: 'The exclamation mark, please: "Hello, Ada!"' });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('planning');
    // Answered already: the task is no longer waiting on a question.
    const again = await answer({ answer: 'A full stop after all' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('there is no question awaiting an answer');

    await waitForTaskStatus(platform, auth, taskId, 'awaiting_plan_approval', 180_000);
    expect(taskMessageOf(planned[0])).toContain('Question: ' + QUESTION.question);
    expect(taskMessageOf(planned[0])).toContain(`Answer from ${login} (dashboard):`);
    expect(taskMessageOf(planned[0])).toContain('The exclamation mark, please: "Hello, Ada!"');
    expect(taskMessageOf(planned[0])).toContain(`You may ask the requester ${MAX_CLARIFYING_QUESTIONS - 1} more`);
    const events = await readTaskEvents(platform, auth, taskId);
    expect(eventsOfType(events, 'clarification_answered').map((event) => event.payload)).toEqual([
      {
        answer: 'The exclamation mark, please: "Hello, Ada!"',
        answeredBy: login,
        via: 'dashboard',
        questionNumber: 1,
      },
    ]);
    const [plan] = eventsOfType(events, 'plan_ready');
    expect(plan?.payload.classification).toBe('bug_fix');
    expect(plan?.payload.plan.summary).toContain('an exclamation mark');
    const statuses = eventsOfType(events, 'status_changed').map((event) => event.payload.to);
    expect(statuses).toEqual([
      'queued',
      'analysing',
      'planning',
      'awaiting_clarification',
      'planning',
      'awaiting_plan_approval',
    ]);
    const [audit] = (
      await asDatabaseOwner((db) =>
        db.query(`SELECT action FROM audit_log WHERE target_id = $1 AND action = 'task.clarification.answer'`, [
          taskId,
        ]),
      )
    ).rows;
    expect(audit).toBeDefined();

    await platform.http.post(`/api/v1/tasks/${taskId}/cancel`).set(auth).expect(200);
  }, 420_000);

  it('a labelled issue → the question as a comment on the issue → a @patchbay reply answers it → a plan that uses it', async () => {
    const planned: ChatCompletionRequest[] = [];
    server.enqueue(ASK, planFollowingTheAnswer(planned, 'a full stop'));
    const labelled = await deliver(
      'issues',
      webhookExample('issues', 'labeled', (payload) => {
        addressed(payload, fullName, installationId, maintainer);
        Object.assign(payload['issue'] as object, { number: 12, title: 'Greeting punctuation', body: 'Fix it.' });
        payload['label'] = { ...(payload['label'] as object), name: 'patchbay' };
      }),
    );
    const taskId = (await outcomeOf(labelled.deliveryId)).taskId!;
    await waitForStatus(taskId, 'awaiting_clarification');
    const question = await eventually(
      () => {
        const found = commentsOn(12).find((body) => body.includes('has a question before planning'));
        if (!found) throw new Error(`comments on #12: ${JSON.stringify(commentsOn(12))}`);
        return found;
      },
      { description: 'the question is commented on #12', timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(question).toContain(QUESTION.question);
    expect(question).toContain('- Full stop: "Hello, Ada."');
    expect(question).toContain('`@patchbay <your answer>`');

    const reply = (sender: { login: string; id: number }, commentId: number, body: string) =>
      deliver(
        'issue_comment',
        webhookExample('issue_comment', 'created', (payload) => {
          addressed(payload, fullName, installationId, sender);
          Object.assign(payload['issue'] as object, {
            number: 12,
            title: 'Greeting punctuation',
            body: 'Fix it.',
            pull_request: undefined,
          });
          Object.assign(payload['comment'] as object, { id: commentId, body });
        }),
      );
    // Someone without write access cannot answer for the requester; the task still waits.
    const refused = await reply(outsider, 12_001, '@patchbay exclamation mark');
    expect((await outcomeOf(refused.deliveryId)).outcome).toBe(`refused: ${outsider.login} lacks write permission`);
    expect(await statusOf(taskId)).toBe('awaiting_clarification');

    const answered = await reply(maintainer, 12_002, '@patchbay A full stop: "Hello, Ada."');
    expect(await outcomeOf(answered.deliveryId)).toMatchObject({ outcome: 'clarification_answered', taskId });
    await waitForStatus(taskId, 'awaiting_plan_approval');
    expect(taskMessageOf(planned[0])).toContain(`Answer from ${maintainer.login} (github):`);
    expect(taskMessageOf(planned[0])).toContain('A full stop: "Hello, Ada."');
    const events = await storedEvents(taskId);
    expect(events.filter((event) => event.type === 'clarification_answered').map((event) => event.payload)).toEqual([
      { answer: 'A full stop: "Hello, Ada."', answeredBy: maintainer.login, via: 'github', questionNumber: 1 },
    ]);
    const plan = events.find((event) => event.type === 'plan_ready')?.payload;
    expect(plan).toMatchObject({
      classification: 'bug_fix',
      plan: { summary: expect.stringContaining('a full stop') },
    });
    // Only one task for the thread: the reply answered the waiting one instead of starting another.
    const tasks = await asDatabaseOwner(
      async (db) =>
        (
          await db.query(
            'SELECT count(*)::int AS n FROM task_github_links WHERE repository = $1 AND thread_number = 12',
            [fullName],
          )
        ).rows[0]?.n as number,
    );
    expect(tasks).toBe(1);
  }, 420_000);
});
