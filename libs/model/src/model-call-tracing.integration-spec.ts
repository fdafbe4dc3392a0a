import { shutdownTracing, startTracing, withSpan } from '@patchbay/observability';
import {
  startOtlpCollector,
  type OtlpCollector,
  startFakeChatCompletionsServer,
  type FakeChatCompletionsServer,
} from '@patchbay/testing';
import { createChatModel } from './chat-model.factory';
import { modelConfigSchema } from './model-config';

describe('model call spans (local chat-completions server, in-process OTLP collector)', () => {
  let server: FakeChatCompletionsServer;
  let collector: OtlpCollector;

  beforeAll(async () => {
    server = await startFakeChatCompletionsServer();
    collector = await startOtlpCollector();
    startTracing('coding-agent', { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint });
  });
  afterAll(async () => {
    await shutdownTracing();
    await collector.close();
    await server.close();
  });

  it('opens one client span per request, retries included, under the caller and without the prompt', async () => {
    server.enqueue({ kind: 'error', status: 503 }, { kind: 'text', content: 'fixed it' });
    const config = modelConfigSchema.parse({
      OPENAI_BASE_URL: server.baseUrl,
      OPENAI_API_KEY: 'sk-env-key',
      MODEL_CODER: 'coder-model',
      MODEL_TIMEOUT_MS: '5000',
    });
    const model = createChatModel('coder', { config, retry: { baseDelayMs: 10 } });
    const prompt = 'secret-looking repository content that must stay out of traces';
    await withSpan('coding-agent', 'coding round', {}, () => model.invoke(prompt));
    await shutdownTracing();

    const round = collector.spans.find((span) => span.name === 'coding round')!;
    const calls = collector.spans.filter((span) => span.name === 'chat coder-model');
    expect(
      calls.map((span) => [
        span.traceId,
        span.parentSpanId,
        span.kind,
        span.statusCode,
        span.attributes['patchbay.model.role'],
      ]),
    ).toEqual([
      [round.traceId, round.spanId, 3, 2, 'coder'],
      [round.traceId, round.spanId, 3, 0, 'coder'],
    ]);
    expect(calls[0].attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'coder-model',
      'patchbay.service': 'model',
    });
    expect(JSON.stringify(collector.spans)).not.toContain(prompt);
  });
});
