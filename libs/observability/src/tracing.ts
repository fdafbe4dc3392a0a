import { context, propagation, trace } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** The standard variables: either one turns export on; the traces-specific one wins. */
export function tracingEndpointOf(env: NodeJS.ProcessEnv): string | null {
  const traces = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']?.trim();
  if (traces) return traces;
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim();
  if (base) return `${base.replace(/\/+$/, '')}/v1/traces`;
  return null;
}

let provider: NodeTracerProvider | null = null;

/**
 * How long a stopping service waits for its last spans to leave. The exporter retries an
 * unreachable collector for up to its own timeout (10 s by default), which would eat the whole
 * shutdown grace period: losing the last batch is better than being killed mid-shutdown.
 */
const SHUTDOWN_FLUSH_MS = 3_000;

/**
 * Turns tracing on for this process when an OTLP endpoint is configured, and does nothing
 * otherwise: without a registered provider the OpenTelemetry API hands out non-recording spans
 * and no-op propagation, so every span the code opens costs a function call and no allocation
 * of span data, no context manager and no exporter. Returns whether tracing is on.
 *
 * `service` names the process (`service.name`); OTEL_SERVICE_NAME overrides it, as the
 * specification says. Spans also carry `patchbay.service` for the component that opened them,
 * because the all-in-one process hosts several services under one resource.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (provider) return true;
  const endpoint = tracingEndpointOf(env);
  if (!endpoint) return false;
  // envDetector reads OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME from process.env; an explicit
  // OTEL_SERVICE_NAME in `env` still wins over the process's own name.
  const detected = detectResources({ detectors: [envDetector] });
  const serviceName =
    env['OTEL_SERVICE_NAME']?.trim() || (detected.attributes[ATTR_SERVICE_NAME] as string | undefined) || service;
  provider = new NodeTracerProvider({
    resource: detected.merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName })),
    // Batched: spans are queued in memory and sent off the request path; the exporter reads the
    // remaining OTEL_EXPORTER_OTLP_* variables (headers, timeout, compression) itself.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }))],
  });
  provider.register({
    propagator: new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  });
  return true;
}

/** True while this process records and exports spans. */
export function tracingEnabled(): boolean {
  return provider !== null;
}

/** Sends every span still queued (tests read the collector after this). */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

/**
 * Flushes queued spans (for at most SHUTDOWN_FLUSH_MS) and unregisters the provider, so a
 * stopping service sends the spans of its last requests. Safe to call when tracing is off or
 * already stopped; rejects when the flush did not finish in time.
 */
export async function shutdownTracing(): Promise<void> {
  const stopping = provider;
  if (!stopping) return;
  provider = null;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the last spans were not exported within ${SHUTDOWN_FLUSH_MS} ms`)),
      SHUTDOWN_FLUSH_MS,
    );
    timer.unref();
  });
  try {
    await Promise.race([stopping.shutdown(), deadline]);
  } finally {
    clearTimeout(timer);
    disableGlobals();
  }
}

function disableGlobals(): void {
  trace.disable();
  context.disable();
  propagation.disable();
}
