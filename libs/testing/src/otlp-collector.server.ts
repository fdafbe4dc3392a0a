import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * An in-process OpenTelemetry collector speaking OTLP/HTTP with JSON encoding at `/v1/traces`
 * (https://opentelemetry.io/docs/specs/otlp/#otlphttp), which is what
 * `@opentelemetry/exporter-trace-otlp-http` sends: an ExportTraceServiceRequest whose trace and
 * span ids are hex strings and whose attribute values are `AnyValue` objects. Requests in
 * another encoding (protobuf) are refused with 415 so a change of exporter shows as a failure
 * rather than as "no spans".
 */

export interface CollectedSpan {
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP SpanKind number: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  /** The resource's `service.name` (the process). */
  serviceName: string;
  /** The instrumentation scope (tracer) name. */
  scope: string;
  attributes: Record<string, string | number | boolean>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  links: Array<{ traceId: string; spanId: string }>;
}

export interface OtlpCollector {
  /** For OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/traces). */
  endpoint: string;
  spans: CollectedSpan[];
  /** Export requests received, with their content type, for tests of the wire format. */
  requests: Array<{ path: string; contentType: string; status: number }>;
  close(): Promise<void>;
}

interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
}
interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  attributes?: OtlpKeyValue[];
  status?: { code?: number };
  links?: Array<{ traceId: string; spanId: string }>;
}
interface ExportTraceServiceRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: Array<{ scope?: { name?: string }; spans?: OtlpSpan[] }>;
  }>;
}

function valueOf(value: OtlpAnyValue | undefined): string | number | boolean {
  if (!value) return '';
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  return '';
}

function attributesOf(list: OtlpKeyValue[] | undefined): Record<string, string | number | boolean> {
  return Object.fromEntries((list ?? []).map((item) => [item.key, valueOf(item.value)]));
}

/** Flattens an export request into spans; exported for the spec of the parser itself. */
export function spansOfExport(request: ExportTraceServiceRequest): CollectedSpan[] {
  const spans: CollectedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const serviceName = String(attributesOf(resourceSpans.resource?.attributes)['service.name'] ?? '');
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        spans.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? '',
          name: span.name,
          kind: span.kind ?? 0,
          serviceName,
          scope: scopeSpans.scope?.name ?? '',
          attributes: attributesOf(span.attributes),
          statusCode: span.status?.code ?? 0,
          links: (span.links ?? []).map((link) => ({ traceId: link.traceId, spanId: link.spanId })),
        });
      }
    }
  }
  return spans;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
}

export async function startOtlpCollector(): Promise<OtlpCollector> {
  const spans: CollectedSpan[] = [];
  const requests: OtlpCollector['requests'] = [];
  const answer = (
    response: ServerResponse,
    status: number,
    body: unknown,
    record: { path: string; contentType: string },
  ) => {
    requests.push({ ...record, status });
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const contentType = String(request.headers['content-type'] ?? '');
    const record = { path, contentType };
    if (request.method !== 'POST' || path !== '/v1/traces')
      return answer(response, 404, { code: 5, message: `no OTLP endpoint at ${request.method} ${path}` }, record);
    if (!contentType.startsWith('application/json'))
      return answer(response, 415, { code: 3, message: `this collector reads OTLP/JSON, not ${contentType}` }, record);
    bodyOf(request).then(
      (body) => {
        let parsed: ExportTraceServiceRequest;
        try {
          parsed = JSON.parse(body.toString('utf8')) as ExportTraceServiceRequest;
        } catch {
          return answer(response, 400, { code: 3, message: 'the body is not JSON' }, record);
        }
        spans.push(...spansOfExport(parsed));
        // An empty ExportTraceServiceResponse: every span accepted.
        answer(response, 200, {}, record);
      },
      () => answer(response, 400, { code: 3, message: 'could not read the body' }, record),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
