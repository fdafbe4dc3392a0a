import { AIMessage, AIMessageChunk, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import { createChatModel, CreateChatModelOptions } from './chat-model.factory';
import { ModelConfigurationError } from './model-configuration.error';
import { describeModel } from './describe-model';
import { ModelCallError } from './model-call.error';
import { modelConfigSchema } from './model-config';
import { ModelRetryNotice } from './retry-policy';
import { ConcurrencyLimiter } from '@patchbay/concurrency';
import { FakeChatCompletionsServer, startFakeChatCompletionsServer, InMemoryUsageSink } from '@patchbay/testing';

const submitPlan = tool(async () => 'accepted', {
  name: 'submit_plan',
  description: 'Submit the implementation plan',
  schema: z.object({ summary: z.string(), steps: z.array(z.string()) }),
});

const PLAN_ARGS = { summary: 'Fix the off-by-one', steps: ['Read src/range.ts', 'Change < to <=', 'Run the tests'] };

describe('createChatModel with the openai provider, against a local chat-completions server', () => {
  let server: FakeChatCompletionsServer;
  let usage: InMemoryUsageSink;
  let notices: ModelRetryNotice[];

  beforeEach(async () => {
    server = await startFakeChatCompletionsServer();
    usage = new InMemoryUsageSink();
    notices = [];
  });
  afterEach(() => server.close());

  function options(
    env: Record<string, string> = {},
    extra: Partial<CreateChatModelOptions> = {},
  ): CreateChatModelOptions {
    const config = modelConfigSchema.parse({
      OPENAI_BASE_URL: server.baseUrl,
      OPENAI_API_KEY: 'sk-env-key',
      MODEL_PLANNER: 'planner-model',
      MODEL_CODER: 'coder-model',
      MODEL_TIMEOUT_MS: '5000',
      MODEL_PRICES: JSON.stringify({
        'planner-model': { inputPerMTok: 2, outputPerMTok: 8 },
        'fallback-model': { inputPerMTok: 1, outputPerMTok: 1 },
      }),
      ...env,
    });
    return { config, usage, retry: { baseDelayMs: 40 }, onRetry: (notice) => notices.push(notice), ...extra };
  }

  const models = (): (string | undefined)[] => server.requests.map((request) => request.body?.model);
  const gaps = (): number[] => server.requests.slice(1).map((request, i) => request.at - server.requests[i].at);

  it('answers a plain prompt, sends the role model and key, and records usage and cost', async () => {
    server.enqueue({
      kind: 'text',
      content: 'Looks like an off-by-one.',
      usage: { promptTokens: 1200, completionTokens: 300 },
    });
    const model = createChatModel('planner', options());

    const answer = await model.invoke([new HumanMessage('What is wrong with range()?')]);

    expect(answer.content).toBe('Looks like an off-by-one.');
    expect(answer.usage_metadata).toMatchObject({ input_tokens: 1200, output_tokens: 300 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ path: '/v1/chat/completions', authorization: 'Bearer sk-env-key' });
    expect(server.requests[0].body).toMatchObject({
      model: 'planner-model',
      messages: [{ role: 'user', content: 'What is wrong with range()?' }],
    });
    expect(usage.records).toEqual([
      // 1200 × $2/M + 300 × $8/M
      {
        role: 'planner',
        model: 'planner-model',
        promptTokens: 1200,
        completionTokens: 300,
        costUsd: 0.0048,
        durationMs: expect.any(Number),
      },
    ]);
    expect(describeModel(model)).toEqual({
      provider: 'openai',
      model: 'planner-model',
      label: 'planner-model',
      fallbackModel: undefined,
    });
  });

  it("uses the organisation's stored key over OPENAI_API_KEY and the task's model over the role's", async () => {
    server.enqueue({ kind: 'text', content: 'ok' });
    const model = createChatModel('coder', options({}, { apiKeyOverride: 'sk-org-key', model: 'task-model' }));

    await model.invoke('hello');

    expect(server.requests[0].authorization).toBe('Bearer sk-org-key');
    expect(server.requests[0].body?.model).toBe('task-model');
  });

  it('talks to a keyless self-hosted endpoint (vLLM, Ollama) with a placeholder key', async () => {
    server.enqueue({ kind: 'text', content: 'ok' });
    const config = modelConfigSchema.parse({ OPENAI_BASE_URL: server.baseUrl, MODEL_DEFAULT: 'qwen2.5-coder:7b' });

    await createChatModel('reviewer', { config }).invoke('hello');

    expect(server.requests[0]).toMatchObject({
      authorization: 'Bearer not-needed',
      body: { model: 'qwen2.5-coder:7b' },
    });
  });

  it('refuses to start without a key when no endpoint is configured', () => {
    const config = modelConfigSchema.parse({ MODEL_PROVIDER: 'openai' });

    expect(() => createChatModel('coder', { config })).toThrow(ModelConfigurationError);
    expect(() => createChatModel('coder', { config, apiKeyOverride: 'sk-org' })).not.toThrow();
  });

  it('offers bound tools as functions and returns the tool call, then accepts the tool result', async () => {
    server.enqueue(
      { kind: 'tool_calls', toolCalls: [{ id: 'call_plan_1', name: 'submit_plan', arguments: PLAN_ARGS }] },
      { kind: 'text', content: 'Plan submitted.' },
    );
    const model = createChatModel('planner', options()).bindTools([submitPlan]);

    const first = await model.invoke([new HumanMessage('Plan the fix')]);

    expect(first.tool_calls).toEqual([{ id: 'call_plan_1', name: 'submit_plan', args: PLAN_ARGS, type: 'tool_call' }]);
    expect(first.response_metadata.finish_reason).toBe('tool_calls');
    expect(server.requests[0].body?.tools).toEqual([
      {
        type: 'function',
        function: expect.objectContaining({
          name: 'submit_plan',
          description: 'Submit the implementation plan',
          parameters: expect.objectContaining({ type: 'object' }),
        }),
      },
    ]);

    // The server refuses a conversation whose tool call has no matching result, so this round
    // trip proves the ids survive.
    const second = await model.invoke([
      new HumanMessage('Plan the fix'),
      new AIMessage({ content: '', tool_calls: first.tool_calls }),
      new ToolMessage({ tool_call_id: 'call_plan_1', content: 'accepted' }),
    ]);
    expect(second.content).toBe('Plan submitted.');
    expect(server.requests[1].body?.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(usage.records.map((record) => record.role)).toEqual(['planner', 'planner']);
  });

  it('streams text with a final usage chunk and records usage once', async () => {
    server.enqueue({
      kind: 'text',
      content: 'Streaming works across several chunks.',
      usage: { promptTokens: 50, completionTokens: 10 },
    });
    const model = createChatModel('planner', options());

    const chunks: AIMessageChunk[] = [];
    for await (const chunk of await model.stream('Say something long')) chunks.push(chunk);
    const whole = chunks.reduce((sum, chunk) => sum.concat(chunk));

    expect(chunks.length).toBeGreaterThan(3);
    expect(whole.content).toBe('Streaming works across several chunks.');
    expect(whole.usage_metadata).toMatchObject({ input_tokens: 50, output_tokens: 10 });
    expect(server.requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(usage.records).toEqual([
      {
        role: 'planner',
        model: 'planner-model',
        promptTokens: 50,
        completionTokens: 10,
        costUsd: 0.00018,
        durationMs: expect.any(Number),
      },
    ]);
  });

  it('streams tool-call deltas that assemble into a complete tool call', async () => {
    server.enqueue({
      kind: 'tool_calls',
      toolCalls: [{ id: 'call_stream', name: 'submit_plan', arguments: PLAN_ARGS }],
    });
    const model = createChatModel('planner', options()).bindTools([submitPlan]);

    let whole: AIMessageChunk | undefined;
    for await (const chunk of await model.stream('Plan it')) whole = whole ? whole.concat(chunk) : chunk;

    expect(whole?.tool_calls).toEqual([{ id: 'call_stream', name: 'submit_plan', args: PLAN_ARGS, type: 'tool_call' }]);
    expect(server.requests[0].body?.tools?.[0].function.name).toBe('submit_plan');
  });

  it('retries 429, 500 and a hung request with doubling backoff, then succeeds', async () => {
    server.enqueue(
      { kind: 'error', status: 429, message: 'Rate limit reached', headers: { 'retry-after': '0' } },
      { kind: 'error', status: 500, message: 'The server had an error' },
      { kind: 'hang' },
      { kind: 'text', content: 'finally' },
    );
    const model = createChatModel('coder', options({ MODEL_TIMEOUT_MS: '300' }));

    const answer = await model.invoke('go');

    expect(answer.content).toBe('finally');
    expect(server.requests).toHaveLength(4);
    expect(models()).toEqual(['coder-model', 'coder-model', 'coder-model', 'coder-model']);
    expect(notices.map((notice) => [notice.attempt, notice.next, notice.delayMs])).toEqual([
      [1, 'retry', 40],
      [2, 'retry', 80],
      [3, 'retry', 160],
    ]);
    expect(notices[0].reason).toContain('Rate limit reached');
    expect(server.requests[2].abandonedByClient).toBe(true);
    const [afterRateLimit, afterServerError, afterHang] = gaps();
    expect(afterRateLimit).toBeGreaterThanOrEqual(40);
    expect(afterServerError).toBeGreaterThanOrEqual(80);
    // The client's timeout started before the hung request reached the server, so only the
    // backoff is a lower bound of this gap; the call's duration covers timeout and backoff.
    expect(afterHang).toBeGreaterThanOrEqual(160);
    expect(usage.records[0].durationMs).toBeGreaterThanOrEqual(40 + 80 + 300 + 160);
  });

  it('honours a retry-after longer than the backoff', async () => {
    server.enqueue(
      { kind: 'error', status: 429, headers: { 'retry-after-ms': '250' } },
      { kind: 'text', content: 'ok' },
    );
    const model = createChatModel('coder', options({}, { retry: { baseDelayMs: 10 } }));

    await model.invoke('go');

    expect(notices.map((notice) => notice.delayMs)).toEqual([250]);
    expect(gaps()[0]).toBeGreaterThanOrEqual(250);
  });

  it('retries a dropped connection', async () => {
    server.enqueue({ kind: 'reset' }, { kind: 'text', content: 'reconnected' });
    const model = createChatModel('coder', options());

    await expect(model.invoke('go')).resolves.toMatchObject({ content: 'reconnected' });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a stream that fails before its first chunk', async () => {
    server.enqueue({ kind: 'error', status: 503 }, { kind: 'text', content: 'streamed after a retry' });
    const model = createChatModel('coder', options());

    let text = '';
    for await (const chunk of await model.stream('go')) text += chunk.text;

    expect(text).toBe('streamed after a retry');
    expect(server.requests.map((request) => request.body?.stream)).toEqual([true, true]);
  });

  it('falls back to MODEL_FALLBACK once the configured model has failed through every retry', async () => {
    server.enqueue(...Array.from({ length: 4 }, () => ({ kind: 'error' as const, status: 502 })), {
      kind: 'text',
      content: 'from the fallback',
      usage: { promptTokens: 100, completionTokens: 100 },
    });
    const model = createChatModel('planner', options({ MODEL_FALLBACK: 'fallback-model' }));

    const answer = await model.invoke('go');

    expect(answer.content).toBe('from the fallback');
    expect(models()).toEqual(['planner-model', 'planner-model', 'planner-model', 'planner-model', 'fallback-model']);
    expect(notices.map((notice) => [notice.next, notice.nextModel, notice.delayMs])).toEqual([
      ['retry', 'planner-model', 40],
      ['retry', 'planner-model', 80],
      ['retry', 'planner-model', 160],
      ['fallback', 'fallback-model', 0],
    ]);
    expect(usage.records).toEqual([
      expect.objectContaining({ model: 'fallback-model', promptTokens: 100, completionTokens: 100, costUsd: 0.0002 }),
    ]);
    expect(describeModel(model)).toMatchObject({ model: 'planner-model', fallbackModel: 'fallback-model' });
  });

  it('gives up with a clear error when the fallback fails transiently too', async () => {
    server.enqueue(
      ...Array.from({ length: 8 }, () => ({ kind: 'error' as const, status: 503, message: 'Overloaded' })),
    );
    const model = createChatModel(
      'planner',
      options({ MODEL_FALLBACK: 'fallback-model' }, { retry: { baseDelayMs: 5 } }),
    );

    const failure = await model.invoke('go').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ModelCallError);
    expect((failure as ModelCallError).details).toMatchObject({
      transient: true,
      attempts: 8,
      status: 503,
      model: 'fallback-model',
    });
    expect((failure as ModelCallError).message).toContain('"planner-model" then "fallback-model"');
    expect((failure as ModelCallError).message).toContain('Overloaded');
    expect(server.requests).toHaveLength(8);
    expect(usage.records).toEqual([]);
  });

  it('surfaces a failing usage sink without asking the model again', async () => {
    server.enqueue({ kind: 'text', content: 'paid for' }, { kind: 'text', content: 'paid twice' });
    const failingSink = {
      record: () => Promise.reject(Object.assign(new Error('usage_records insert failed'), { code: 'ECONNRESET' })),
    };
    const model = createChatModel('coder', options({}, { usage: failingSink }));

    await expect(model.invoke('go')).rejects.toThrow('usage_records insert failed');
    expect(server.requests).toHaveLength(1);
  });

  it('stops waiting in a backoff as soon as the caller aborts', async () => {
    server.enqueue({ kind: 'error', status: 500 }, { kind: 'text', content: 'never reached' });
    const model = createChatModel('coder', options({}, { retry: { baseDelayMs: 30_000 } }));
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(new Error('task cancelled')), 100);

    const startedAt = performance.now();
    await expect(model.invoke('go', { signal: cancel.signal })).rejects.toThrow();

    expect(performance.now() - startedAt).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
  });

  it('asks the endpoint only once a model-call slot is free, in arrival order, and gives the slot back', async () => {
    server.enqueue({ kind: 'text', content: 'first' }, { kind: 'text', content: 'second' });
    const callSlots = new ConcurrencyLimiter({ name: 'model call', limit: 1 });
    const held = await callSlots.acquire();
    const model = createChatModel('coder', options({}, { callSlots }));

    const answers = [model.invoke('one'), model.invoke('two')];
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect({ asked: server.requests.length, waiting: callSlots.waiting }).toEqual({ asked: 0, waiting: 2 });

    held();
    expect((await Promise.all(answers)).map((answer) => answer.content)).toEqual(['first', 'second']);
    expect({ active: callSlots.active, waiting: callSlots.waiting }).toEqual({ active: 0, waiting: 0 });
  });

  it('leaves the model-call queue when the task is cancelled, without asking the endpoint', async () => {
    server.enqueue({ kind: 'text', content: 'never reached' });
    const callSlots = new ConcurrencyLimiter({ name: 'model call', limit: 1 });
    await callSlots.acquire();
    const model = createChatModel('coder', options({}, { callSlots }));
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(new Error('task cancelled')), 50);

    await expect(model.invoke('go', { signal: cancel.signal })).rejects.toThrow();

    expect(server.requests).toHaveLength(0);
    expect(callSlots.waiting).toBe(0);
  });

  it.each([
    [400, 'Invalid value for messages'],
    [401, 'Incorrect API key provided'],
    [404, 'The model `planner-model` does not exist'],
  ])('fails at once on %i without retrying or falling back', async (status, message) => {
    server.enqueue({ kind: 'error', status, message }, { kind: 'text', content: 'never reached' });
    const model = createChatModel('planner', options({ MODEL_FALLBACK: 'fallback-model' }));

    const failure = await model.invoke('go').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ModelCallError);
    expect((failure as ModelCallError).details).toMatchObject({
      status,
      transient: false,
      attempts: 1,
      model: 'planner-model',
    });
    expect((failure as ModelCallError).message).toContain(
      `The planner model "planner-model" at ${server.baseUrl} answered ${status}`,
    );
    expect((failure as ModelCallError).message).toContain(message);
    expect((failure as ModelCallError).message).not.toContain('Troubleshooting URL');
    expect(server.requests).toHaveLength(1);
    expect(notices).toEqual([]);
  });
});
