import { Writable } from 'node:stream';
import { startOtlpCollector } from '../../testing/src/otlp-collector.server';
import { JsonLogger } from './json-logger';
import { activeTraceIds, extractTraceContext, injectTraceContext, traceIdOf } from './trace-context';
import { withSpan } from './traced';
import { shutdownTracing, startTracing, tracingEnabled, tracingEndpointOf } from './tracing';

function capture(): { lines: Array<Record<string, unknown>>; stream: Writable } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('tracing set-up', () => {
  afterEach(() => shutdownTracing());

  it('reads the standard OTLP endpoint variables', () => {
    expect(tracingEndpointOf({})).toBeNull();
    expect(tracingEndpointOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(
      'http://collector:4318/v1/traces',
    );
    expect(tracingEndpointOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toBe(
      'http://collector:4318/v1/traces',
    );
    expect(
      tracingEndpointOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom',
      }),
    ).toBe('http://b:4318/custom');
  });

  it('stays off without an endpoint: no ids, no headers, no trace fields in logs', async () => {
    expect(startTracing('gateway', {})).toBe(false);
    expect(tracingEnabled()).toBe(false);
    const { lines, stream } = capture();
    await withSpan('gateway', 'work', {}, async () => {
      expect(activeTraceIds()).toBeNull();
      expect(injectTraceContext()).toEqual({});
      new JsonLogger('gateway', 'info', stream).log('inside a span');
    });
    expect(lines[0]).not.toHaveProperty('trace_id');
  });

  it('exports spans with the service name, puts ids in log lines and propagates traceparent; shutdown flushes', async () => {
    const collector = await startOtlpCollector();
    try {
      expect(
        startTracing('supervisor', {
          OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
          OTEL_SERVICE_NAME: 'patchbay-test',
        }),
      ).toBe(true);
      const { lines, stream } = capture();
      const logger = new JsonLogger('supervisor', 'info', stream);
      let outer = { traceId: '', spanId: '' };
      let carried: Record<string, string> = {};
      await withSpan('supervisor', 'outer', {}, async () => {
        outer = activeTraceIds()!;
        logger.log({ msg: 'in the outer span' });
        carried = injectTraceContext();
      });
      // What another process does with the header: its span joins the same trace.
      await withSpan('sandbox', 'remote', { parent: extractTraceContext(carried) }, async () => {
        logger.log('in the remote span');
        throw new Error('failed with token ghp_abcdefghijklmnopqrstuvwxyz0123');
      }).catch(() => undefined);
      // A malformed header from outside starts a new trace rather than failing the work.
      await withSpan(
        'gateway',
        'fresh',
        { parent: extractTraceContext({ traceparent: 'not-a-traceparent' }) },
        async () => undefined,
      );
      expect(traceIdOf(carried['traceparent'])).toBe(outer.traceId);
      expect(lines[0]).toMatchObject({ trace_id: outer.traceId, span_id: outer.spanId });
      expect(lines[1]).toMatchObject({ trace_id: outer.traceId });
      expect(lines[1]['span_id']).not.toBe(outer.spanId);

      // Nothing exported yet (batched); shutting down sends it.
      await shutdownTracing();
      expect(tracingEnabled()).toBe(false);
      const byName = new Map(collector.spans.map((span) => [span.name, span]));
      expect(byName.get('outer')).toMatchObject({
        serviceName: 'patchbay-test',
        scope: 'patchbay.supervisor',
        parentSpanId: '',
        attributes: { 'patchbay.service': 'supervisor' },
      });
      expect(byName.get('remote')).toMatchObject({
        traceId: outer.traceId,
        parentSpanId: outer.spanId,
        statusCode: 2,
        attributes: { 'patchbay.service': 'sandbox' },
      });
      expect(byName.get('fresh')?.parentSpanId).toBe('');
      expect(byName.get('fresh')?.traceId).not.toBe(outer.traceId);
      expect(JSON.stringify(collector.spans)).not.toContain('ghp_abcdef');
      expect(collector.requests[0]).toMatchObject({ path: '/v1/traces', status: 200 });
      expect(collector.requests[0].contentType).toMatch(/^application\/json/);
    } finally {
      await collector.close();
    }
  });

  it('reads a trace id only from a well-formed traceparent', () => {
    expect(traceIdOf('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
    expect(traceIdOf('00-00000000000000000000000000000000-0000000000000001-01')).toBeNull();
    expect(traceIdOf('garbage')).toBeNull();
    expect(traceIdOf(null)).toBeNull();
  });
});
