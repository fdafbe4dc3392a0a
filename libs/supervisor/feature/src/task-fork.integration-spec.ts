import type { TaskCheckpointView, TaskLineage, TaskTimeline } from '@patchbay/contracts';
import {
  createGitRepository,
  GREETER_FIX,
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

/** The other model's fix: the same behaviour, written differently, so its diff differs. */
const MODEL_B_FIX = { path: 'src/greet.js', old: "'Hello ' + name", new: "'Hello, ' + name + '!'" };

/** A turn only the named model may take: any other model asking gets a reply that fails the run loudly. */
function by(model: string, reply: FakeChatReply): (request: ChatCompletionRequest) => FakeChatReply {
  return (request) =>
    request.model === model ? reply : { kind: 'text', content: `turn meant for ${model}, asked by ${request.model}` };
}

/**
 * Issue 18, part 2 (ADR 0036): a task runs to completion with model A; a fork from its checkpoint
 * after planning, with model B answering differently, completes with a different diff — real
 * pipeline, gVisor sandboxes, local forge, the openai provider against a local chat-completions server.
 */
describe('forking a task from a checkpoint (real pipeline)', () => {
  let server: FakeChatCompletionsServer;
  let platform: PlatformTestApp;

  beforeAll(async () => {
    server = await startFakeChatCompletionsServer([
      by('model-a', {
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
      }),
      by('model-a', { kind: 'tool_calls', toolCalls: [{ name: 'edit_file', arguments: GREETER_FIX }] }),
      by('model-a', { kind: 'text', content: 'Fixed greet() with a template literal.' }),
      // The fork starts after planning: no planner turn, straight to model B's coding round.
      by('model-b', { kind: 'tool_calls', toolCalls: [{ name: 'edit_file', arguments: MODEL_B_FIX }] }),
      by('model-b', { kind: 'text', content: 'Fixed greet() by concatenation.' }),
      // The second fork starts after round 1 was validated: its workspace already holds model A's fix.
      by('model-b', { kind: 'text', content: 'The fix is already in place; nothing to change.' }),
    ]);
    platform = await startPlatformTestApp({
      modelEnv: {
        MODEL_PROVIDER: 'openai',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_API_KEY: 'sk-test-local',
        MODEL_DEFAULT: 'model-a',
      },
      gatewayEnv: { MODEL_CHOICES: 'model-a,model-b', MODEL_DEFAULT: 'model-a' },
    });
  }, 120_000);

  afterAll(async () => {
    await platform?.closeAll();
    await server?.close();
  });

  it('forks after planning with another model: a second attempt with its own diff, linked both ways', async () => {
    const developer = await platform.login(uniqueName('dev'), uniqueName('org'));
    const auth = { authorization: `Bearer ${developer.token}` };
    await platform.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
      .expect(201);
    const parentId = (
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
    await waitForTaskStatus(platform, auth, parentId, 'completed', 240_000);
    const parentDiff = (await platform.http.get(`/api/v1/tasks/${parentId}/diff`).set(auth).expect(200)).text;
    expect(parentDiff).toContain('+exports.greet = (name) => `Hello, ${name}!`;');

    const checkpoints = (await platform.http.get(`/api/v1/tasks/${parentId}/checkpoints`).set(auth).expect(200))
      .body as TaskCheckpointView[];
    const afterPlanning = checkpoints.find((checkpoint) => checkpoint.node === 'draft_plan');
    expect(afterPlanning).toMatchObject({ next: 'plan_approval', hasPlan: true, round: 0, forkable: true });
    expect(checkpoints.map((checkpoint) => checkpoint.node)).toEqual(
      expect.arrayContaining(['analyse', 'draft_plan', 'execute', 'validate', 'publish', 'summarise']),
    );

    // Refused precisely: an unknown checkpoint, a model nothing is configured for, a plan with no steps, the end.
    const fork = (body: object) => platform.http.post(`/api/v1/tasks/${parentId}/forks`).set(auth).send(body);
    expect((await fork({ checkpointId: 'nope' }).expect(404)).body.message).toBe(
      `Task ${parentId} has no checkpoint nope`,
    );
    expect((await fork({ checkpointId: afterPlanning?.checkpointId, model: 'model-c' }).expect(422)).body.message).toBe(
      'model: "model-c" is not configured; choose one of model-a, model-b',
    );
    expect(
      (await fork({ checkpointId: afterPlanning?.checkpointId, plan: { summary: 'x', steps: [] } }).expect(400)).body
        .message,
    ).toBe('plan.steps: a plan needs at least one step');
    const end = checkpoints.find((checkpoint) => checkpoint.next === null);
    expect((await fork({ checkpointId: end?.checkpointId }).expect(422)).body.message).toBe(
      `Checkpoint ${end?.checkpointId} cannot be forked: the attempt had ended here`,
    );

    const forkId = (await fork({ checkpointId: afterPlanning?.checkpointId, model: 'model-b' }).expect(201)).body
      .id as string;
    await waitForTaskStatus(platform, auth, forkId, 'completed', 240_000);
    const forkDiff = (await platform.http.get(`/api/v1/tasks/${forkId}/diff`).set(auth).expect(200)).text;
    expect(forkDiff).toContain("+exports.greet = (name) => 'Hello, ' + name + '!';");
    expect(forkDiff).not.toBe(parentDiff);

    // The fork planned nothing: it went on from the parent's plan with model B doing the coding.
    const models = server.requests.filter((request) => request.body).map((request) => request.body?.model);
    expect(models.slice(0, 5)).toEqual(['model-a', 'model-a', 'model-a', 'model-b', 'model-b']);
    const forkTimeline = (
      await platform.http.get(`/api/v1/tasks/${forkId}/timeline?kinds=model_call,plan`).set(auth).expect(200)
    ).body as TaskTimeline;
    expect(forkTimeline.entries.filter((entry) => entry.kind === 'model_call').map((entry) => entry.detail)).toEqual([
      expect.objectContaining({ role: 'coder', model: 'model-b' }),
      expect.objectContaining({ role: 'coder', model: 'model-b' }),
    ]);
    expect(forkTimeline.entries.filter((entry) => entry.kind === 'plan')).toHaveLength(1);

    // Both visible, linked both ways.
    const listed = (await platform.http.get('/api/v1/tasks').set(auth).expect(200)).body.items as Array<{ id: string }>;
    expect(listed.map((task) => task.id)).toEqual(expect.arrayContaining([parentId, forkId]));
    const parentLineage = (await platform.http.get(`/api/v1/tasks/${parentId}/forks`).set(auth).expect(200))
      .body as TaskLineage;
    expect(parentLineage.forkedFrom).toBeNull();
    expect(parentLineage.forks).toEqual([
      expect.objectContaining({ taskId: forkId, model: 'model-b', node: 'draft_plan', status: 'completed' }),
    ]);
    const forkLineage = (await platform.http.get(`/api/v1/tasks/${forkId}/forks`).set(auth).expect(200))
      .body as TaskLineage;
    expect(forkLineage.forkedFrom).toEqual({
      taskId: parentId,
      checkpointId: afterPlanning?.checkpointId,
      node: 'draft_plan',
      round: 0,
    });

    // From after round 1's validation the fork's sandbox is the base commit plus round 1's stored
    // change: its coder edits nothing, and its diff is still model A's fix.
    const afterValidation = checkpoints.find((checkpoint) => checkpoint.node === 'validate');
    expect(afterValidation).toMatchObject({ round: 1, forkable: true });
    const restoredId = (await fork({ checkpointId: afterValidation?.checkpointId, model: 'model-b' }).expect(201)).body
      .id as string;
    await waitForTaskStatus(platform, auth, restoredId, 'completed', 240_000);
    const restoredDiff = (await platform.http.get(`/api/v1/tasks/${restoredId}/diff`).set(auth).expect(200)).text;
    expect(restoredDiff).toBe(parentDiff);
    const restoredEvents = (
      await platform.http.get(`/api/v1/tasks/${restoredId}/timeline?kinds=file_change,message`).set(auth).expect(200)
    ).body as TaskTimeline;
    expect(restoredEvents.entries.filter((entry) => entry.kind === 'file_change')).toEqual([]);
    expect(restoredEvents.entries.map((entry) => entry.summary)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Sandbox restored .* with the change of round 1$/)]),
    );
  }, 600_000);
});
