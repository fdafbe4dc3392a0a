import type {
  BacklogConversationView,
  BacklogProjectDetailView,
  BacklogProposalMessageView,
  BacklogVersionView,
} from '@patchbay/contracts';
import {
  createGitRepository,
  eventually,
  GREETER_PROJECT,
  startFakeChatCompletionsServer,
  startPlatformTestApp,
  uniqueName,
  waitForTaskStatus,
  type ChatCompletionRequest,
  type FakeChatCompletionsServer,
  type FakeChatReply,
  type PlatformTestApp,
} from '@patchbay/testing';

const GOAL = 'Let people sign in to the greeter service and be greeted properly';
const MILESTONES = ['Auth API', 'Login page', 'Password reset', 'Greeting fixes'];

function textOf(request: ChatCompletionRequest): string {
  return request.messages
    .map((message) => ('content' in message && typeof message.content === 'string' ? message.content : ''))
    .join('\n');
}

/** The id the planner was shown for a task, read from the tree in its prompt, as a model would. */
function idIn(request: ChatCompletionRequest, title: string): string {
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`\\[([0-9a-f-]{36})\\] ${escaped} \\(`).exec(textOf(request));
  if (!match) throw new Error(`the planner was not shown a task titled "${title}"`);
  return match[1];
}

function proposePatch(args: Record<string, unknown>): FakeChatReply {
  return {
    kind: 'tool_calls',
    toolCalls: [{ name: 'propose_patch', arguments: args }],
    usage: { promptTokens: 700, completionTokens: 120 },
  };
}

const create = (tempId: string, title: string, parent: string | null = null, acceptanceCriteria: string[] = []) => ({
  op: 'create',
  tempId,
  parent,
  title,
  description: `${title}: what it delivers.`,
  acceptanceCriteria,
});

/**
 * Issue 18's planner acceptance, through the openai provider against the local chat-completions
 * server (real tool-call payloads over HTTP), real Postgres and the whole platform in one process:
 * a goal → a patch of at most six tasks (after one invalid answer corrected) → accept → "merge the
 * first two" → accept on top → a stale proposal refused → decompose one task → send a leaf to a
 * repository → the coding task completes through the real pipeline and gVisor sandbox.
 */
describe('backlog planner (local chat-completions server, real pipeline)', () => {
  let server: FakeChatCompletionsServer;
  let platform: PlatformTestApp;
  let admin: { token: string; userId: string };
  let viewer: { token: string; userId: string };
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    server = await startFakeChatCompletionsServer([
      // The goal: first seven milestones (one too many), then, told why, four.
      proposePatch({
        summary: 'Seven milestones',
        operations: [...MILESTONES, 'Docs', 'Monitoring', 'Launch'].map((title, index) => create(`m${index}`, title)),
      }),
      proposePatch({
        summary: 'Four milestones',
        operations: MILESTONES.map((title, index) =>
          create(`m${index}`, title, null, [`${title} is done when it is demonstrated`]),
        ),
      }),
      // "Merge the first two."
      (request) =>
        proposePatch({
          summary: 'Merge the auth API and the login page',
          operations: [
            {
              op: 'update',
              id: idIn(request, 'Auth API'),
              title: 'Auth API and login page',
              acceptanceCriteria: ['a person signs in on the login page against the API'],
            },
            { op: 'delete', id: idIn(request, 'Login page') },
          ],
        }),
      // "Add monitoring." — proposed against the same version, and left behind by the merge.
      proposePatch({ summary: 'Add monitoring', operations: [create('mon', 'Monitoring')] }),
      // Task mode on "Greeting fixes".
      (request) =>
        proposePatch({
          summary: 'Break down the greeting fixes',
          operations: [
            create('g1', 'Fix the greeting format', idIn(request, 'Greeting fixes'), [
              'greet("Ada") returns "Hello, Ada!"',
              'the test suite passes',
            ]),
            create('g2', 'Greet in other languages', idIn(request, 'Greeting fixes')),
          ],
        }),
      // The coding task sent from the leaf: plan, edit, done.
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
        MODEL_BACKLOG: 'gpt-4o-backlog',
      },
    });
    const organisation = uniqueName('org');
    admin = await platform.login(uniqueName('admin'), organisation);
    viewer = await platform.login(uniqueName('viewer'), organisation);
    await platform.http
      .put(`/api/v1/admin/members/${viewer.userId}/role`)
      .set(as(admin.token))
      .send({ role: 'viewer' })
      .expect(200);
  }, 120_000);

  afterAll(async () => {
    await platform?.closeAll();
    await server?.close();
  });

  async function say(conversationId: string, text: string): Promise<BacklogConversationView> {
    await platform.http
      .post(`/api/v1/backlog/conversations/${conversationId}/messages`)
      .set(as(admin.token))
      .send({ text })
      .expect(202);
    return eventually(
      async () => {
        const conversation = (
          await platform.http.get(`/api/v1/backlog/conversations/${conversationId}`).set(as(admin.token)).expect(200)
        ).body as BacklogConversationView;
        if (conversation.awaitingReply) throw new Error('the planner has not answered yet');
        return conversation;
      },
      { description: `the planner's answer to "${text}"`, timeoutMs: 30_000 },
    );
  }

  function lastProposal(conversation: BacklogConversationView): BacklogProposalMessageView {
    const last = conversation.messages[conversation.messages.length - 1];
    if (last?.kind !== 'proposal') throw new Error(`the planner answered with ${JSON.stringify(last)}`);
    return last;
  }

  function accept(proposalId: string, body: object = {}) {
    return platform.http.post(`/api/v1/backlog/proposals/${proposalId}/accept`).set(as(admin.token)).send(body);
  }

  it('goal → patch → accept → refine → decompose → send a leaf → the coding task completes', async () => {
    await platform.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({
        source: 'local',
        fullName: 'acme/greeter',
        importFrom: createGitRepository({ ...GREETER_PROJECT, '.patchbay.yml': 'test: node --test\n' }),
        settings: { autoApprovePlan: true, autoApproveDiff: true },
      })
      .expect(201);
    const project = (
      await platform.http
        .post('/api/v1/backlog/projects')
        .set(as(admin.token))
        .send({ title: 'Greeter sign-in', goal: GOAL })
        .expect(201)
    ).body as BacklogProjectDetailView;
    expect(project.version).toBe(0);
    const projectConversation = (
      await platform.http
        .post(`/api/v1/backlog/projects/${project.id}/conversations`)
        .set(as(admin.token))
        .send({ mode: 'project' })
        .expect(201)
    ).body as BacklogConversationView;

    // 1. The goal → a patch of at most six tasks: the first answer (seven) was sent back once with the rule it broke.
    const planned = await say(projectConversation.id, 'Plan this goal');
    const first = lastProposal(planned);
    expect(first).toMatchObject({ state: 'pending', attempts: 2, model: 'gpt-4o-backlog' });
    expect(first.patch.baseVersion).toBe(0);
    expect(first.preview?.rows.map((row) => [row.title, row.change])).toEqual(
      MILESTONES.map((title) => [title, 'added']),
    );
    const backlogCalls = server.requests.filter((request) => request.body);
    expect(backlogCalls).toHaveLength(2);
    expect(backlogCalls[0].body?.tools?.map((tool) => tool.function.name)).toEqual(['propose_patch']);
    // The goal reached the model fenced as data.
    expect(textOf(backlogCalls[0].body!)).toContain(`<untrusted-data source="the project">`);
    expect(textOf(backlogCalls[0].body!)).toContain(GOAL);
    const correction = backlogCalls[1].body?.messages.find((message) => message.role === 'tool');
    expect(correction && 'content' in correction ? correction.content : '').toContain(
      'project mode allows at most 6 top-level tasks; after this patch there would be 7',
    );
    // Viewers read but do not decide.
    await platform.http.post(`/api/v1/backlog/proposals/${first.id}/accept`).set(as(viewer.token)).send({}).expect(403);

    // 2. Accept → version 1 with the four tasks.
    const v1 = (await accept(first.id).expect(200)).body as BacklogProjectDetailView;
    expect(v1.version).toBe(1);
    expect(v1.items.map((item) => item.title)).toEqual(MILESTONES);
    await accept(first.id).expect(409);

    // 3. Refine: "merge the first two" and "add monitoring", both proposed against version 1.
    const merged = lastProposal(await say(projectConversation.id, 'Merge the first two'));
    const monitoring = lastProposal(await say(projectConversation.id, 'Add a task for monitoring'));
    expect([merged.patch.baseVersion, monitoring.patch.baseVersion]).toEqual([1, 1]);
    expect(merged.preview?.rows.map((row) => [row.title, row.change])).toEqual([
      ['Auth API and login page', 'changed'],
      ['Login page', 'removed'],
      ['Password reset', 'unchanged'],
      ['Greeting fixes', 'unchanged'],
    ]);
    const v2 = (await accept(merged.id).expect(200)).body as BacklogProjectDetailView;
    expect(v2.version).toBe(2);
    expect(v2.items.map((item) => item.title)).toEqual(['Auth API and login page', 'Password reset', 'Greeting fixes']);

    // 4. The proposal made against version 1 is now stale: refused with the current version, shown as stale.
    const stale = await accept(monitoring.id).expect(409);
    expect(stale.body).toMatchObject({ statusCode: 409, currentVersion: 2 });
    expect(stale.body.message).toContain('version 1');
    const afterStale = (
      await platform.http
        .get(`/api/v1/backlog/conversations/${projectConversation.id}`)
        .set(as(admin.token))
        .expect(200)
    ).body as BacklogConversationView;
    expect(afterStale.messages.find((message) => message.id === monitoring.id)).toMatchObject({
      state: 'stale',
      preview: null,
    });
    // An edited patch is validated like the model's: a cycle-free but rule-breaking edit is refused precisely.
    const greetingFixes = v2.items.find((item) => item.title === 'Greeting fixes')!;
    const bad = await platform.http
      .post(`/api/v1/backlog/projects/${project.id}/preview`)
      .set(as(admin.token))
      .send({
        patch: { baseVersion: 2, operations: [{ op: 'update', id: greetingFixes.id, parent: greetingFixes.id }] },
      })
      .expect(200);
    expect(bad.body).toMatchObject({ valid: false, currentVersion: 2 });
    expect(bad.body.problems[0]).toContain('would make it its own ancestor');

    // 5. Decompose one task in task mode.
    const taskConversation = (
      await platform.http
        .post(`/api/v1/backlog/projects/${project.id}/conversations`)
        .set(as(admin.token))
        .send({ mode: 'task', itemId: greetingFixes.id })
        .expect(201)
    ).body as BacklogConversationView;
    const decomposition = lastProposal(await say(taskConversation.id, 'Break this task down'));
    expect(textOf(server.requests.filter((request) => request.body).at(-1)!.body!)).toContain(
      `Task mode: break the task with id ${greetingFixes.id}`,
    );
    // Accepted with an edit: the second sub-task dropped.
    const edited = { ...decomposition.patch, operations: decomposition.patch.operations.slice(0, 1) };
    const v3 = (await accept(decomposition.id, { patch: edited }).expect(200)).body as BacklogProjectDetailView;
    expect(v3.version).toBe(3);
    const leaf = v3.items.find((item) => item.title === 'Fix the greeting format')!;
    expect(leaf).toMatchObject({
      parentId: greetingFixes.id,
      acceptanceCriteria: ['greet("Ada") returns "Hello, Ada!"', 'the test suite passes'],
      task: null,
    });
    expect(v3.items.some((item) => item.title === 'Greet in other languages')).toBe(false);

    const versions = (
      await platform.http.get(`/api/v1/backlog/projects/${project.id}/versions`).set(as(viewer.token)).expect(200)
    ).body as BacklogVersionView[];
    expect(versions.map((version) => [version.version, version.proposalId, version.itemCount])).toEqual([
      [3, decomposition.id, 4],
      [2, merged.id, 3],
      [1, first.id, 4],
    ]);

    // 6. Send the leaf to the repository; a parent cannot be sent.
    await platform.http
      .post(`/api/v1/backlog/projects/${project.id}/items/${greetingFixes.id}/send`)
      .set(as(admin.token))
      .send({ repository: 'acme/greeter' })
      .expect(409);
    const sent = (
      await platform.http
        .post(`/api/v1/backlog/projects/${project.id}/items/${leaf.id}/send`)
        .set(as(admin.token))
        .send({ repository: 'acme/greeter' })
        .expect(201)
    ).body as { taskId: string; item: { task: { id: string } | null } };
    expect(sent.item.task?.id).toBe(sent.taskId);
    const task = (await platform.http.get(`/api/v1/tasks/${sent.taskId}`).set(as(admin.token)).expect(200)).body;
    expect(task.prompt).toBe(
      'Fix the greeting format\n\nFix the greeting format: what it delivers.\n\nAcceptance criteria:\n- greet("Ada") returns "Hello, Ada!"\n- the test suite passes',
    );
    // Linked both ways: the task names its backlog item.
    expect(
      (await platform.http.get(`/api/v1/backlog/tasks/${sent.taskId}`).set(as(viewer.token)).expect(200)).body,
    ).toEqual({
      origin: { projectId: project.id, projectTitle: 'Greeter sign-in', itemId: leaf.id, title: leaf.title },
    });
    await platform.http
      .post(`/api/v1/backlog/projects/${project.id}/items/${leaf.id}/send`)
      .set(as(admin.token))
      .send({ repository: 'acme/greeter' })
      .expect(409);

    // 7. The coding task completes, and the backlog shows it.
    await waitForTaskStatus(platform, as(admin.token), sent.taskId, 'completed');
    const finished = (
      await platform.http.get(`/api/v1/backlog/projects/${project.id}`).set(as(viewer.token)).expect(200)
    ).body as BacklogProjectDetailView;
    expect(finished.items.find((item) => item.id === leaf.id)?.task).toEqual({
      id: sent.taskId,
      status: 'completed',
      repository: 'acme/greeter',
    });

    // Every decision is in the audit chain.
    const audit = (await platform.http.get('/api/v1/admin/audit?limit=500').set(as(admin.token)).expect(200))
      .body as Array<{
      action: string;
    }>;
    const actions = audit.map((entry) => entry.action);
    expect(actions.filter((action) => action === 'backlog.proposal.accept')).toHaveLength(3);
    expect(actions).toEqual(expect.arrayContaining(['backlog.project.create', 'backlog.message', 'backlog.item.send']));
  }, 300_000);

  it('answers bad input with precise 4xx, never a 500', async () => {
    const project = (
      await platform.http
        .post('/api/v1/backlog/projects')
        .set(as(admin.token))
        .send({ title: 'Bad input', goal: 'x' })
        .expect(201)
    ).body as BacklogProjectDetailView;
    const badGoal = await platform.http
      .post('/api/v1/backlog/projects')
      .set(as(admin.token))
      .send({ title: '', goal: 'x' })
      .expect(400);
    expect(badGoal.body.message).toContain('title');
    const noItem = await platform.http
      .post(`/api/v1/backlog/projects/${project.id}/conversations`)
      .set(as(admin.token))
      .send({ mode: 'task' })
      .expect(400);
    expect(noItem.body.message).toContain('itemId');
    await platform.http
      .post(`/api/v1/backlog/projects/${project.id}/conversations`)
      .set(as(admin.token))
      .send({ mode: 'task', itemId: '00000000-0000-4000-8000-000000000001' })
      .expect(404);
    await platform.http
      .post('/api/v1/backlog/projects')
      .set(as(viewer.token))
      .send({ title: 't', goal: 'g' })
      .expect(403);
    const stale = await platform.http
      .post(`/api/v1/backlog/projects/${project.id}/preview`)
      .set(as(admin.token))
      .send({ patch: { baseVersion: 4, operations: [{ op: 'create', tempId: 't1', parent: null, title: 'x' }] } })
      .expect(200);
    expect(stale.body).toMatchObject({ valid: false, currentVersion: 0 });
    const malformed = await platform.http
      .post(`/api/v1/backlog/projects/${project.id}/preview`)
      .set(as(admin.token))
      .send({ patch: { baseVersion: 0, operations: [{ op: 'rename', id: 'x' }] } })
      .expect(400);
    expect(malformed.body.message).toContain('patch.operations.0');
    await platform.http.get('/api/v1/backlog/projects/not-a-uuid').set(as(admin.token)).expect(400);
    await platform.http
      .get('/api/v1/backlog/projects/00000000-0000-4000-8000-000000000002')
      .set(as(admin.token))
      .expect(404);
  });
});
