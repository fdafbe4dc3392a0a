/**
 * Tracing overhead: the same task (POST → completed through the whole platform, scripted model,
 * gVisor sandbox, plan and diff auto-approved) run with tracing off, then with tracing on and
 * every span exported over OTLP/HTTP to an in-process collector; and, finer, the cost per bus
 * message (a producer and a consumer span, headers injected and extracted) on the in-process
 * bus. Tracing is process-wide, so the off runs come first. Prints a Markdown table for
 * docs/performance.md.
 *
 * Usage: npm run bench:tracing [-- --runs 5]
 */
import { cpus } from 'node:os';
import { InProcessBus } from '@patchbay/bus';
import { MessagePatterns } from '@patchbay/contracts';
import { flushTracing, shutdownTracing, startTracing } from '@patchbay/observability';
import { startOtlpCollector, startPlatformTestApp } from '@patchbay/testing';
import { benchDatabaseUrl, freshBenchDatabase, numberArgument, quantile } from './bench-support';
import { greeterBenchScript, prepareGreeterBench, runGreeterTask } from './greeter-bench-task';

const DATABASE = 'patchbay_bench_tracing';

/** Microseconds per message published and handled on the in-process bus (handler does nothing). */
async function busMessageMicros(messages: number): Promise<number> {
  const bus = new InProcessBus();
  let handled = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await bus.consume(
    'supervisor',
    new Map([
      [
        MessagePatterns.AgentReplied,
        async () => {
          if (++handled === messages) done();
        },
      ],
    ]),
  );
  const started = performance.now();
  for (let i = 0; i < messages; i++)
    await bus.publish(MessagePatterns.AgentReplied, { requestId: String(i), ok: true });
  await finished;
  const micros = ((performance.now() - started) * 1000) / messages;
  await bus.close();
  return micros;
}

async function main(): Promise<void> {
  const runs = numberArgument('runs', 5);
  await freshBenchDatabase(DATABASE);
  const collector = await startOtlpCollector();
  const platform = await startPlatformTestApp({
    databaseUrl: benchDatabaseUrl(DATABASE),
    script: greeterBenchScript('tracing benchmark'),
  });
  try {
    const auth = await prepareGreeterBench(platform);
    const runTask = async (): Promise<number> => (await runGreeterTask(platform, auth)).totalMs;
    const measure = async (): Promise<number[]> => {
      await runTask(); // warm-up: images, module caches, JIT
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await runTask());
      return times.sort((a, b) => a - b);
    };
    const messages = numberArgument('messages', 20_000);
    await busMessageMicros(messages); // warm-up
    const busOff = await busMessageMicros(messages);
    const off = await measure();
    startTracing('patchbay', { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint });
    const busOn = await busMessageMicros(messages);
    // The bus spans are not the tasks': count only what the task runs send.
    await flushTracing();
    collector.spans.length = 0;
    const on = await measure();
    await flushTracing();
    const traces = new Set(collector.spans.map((span) => span.traceId));
    const row = (label: string, times: number[]) =>
      `| ${label} | ${times.length} | ${(quantile(times, 0.5) / 1000).toFixed(2)} | ${(times[0] / 1000).toFixed(2)} | ${(times[times.length - 1] / 1000).toFixed(2)} |`;
    const p50Off = quantile(off, 0.5);
    const p50On = quantile(on, 0.5);
    process.stdout.write(
      [
        `Measured ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}; scripted model; a shared, noisy VM (other engineers' jobs ran beside it).`,
        '',
        '| tracing | runs | p50 (s) | min (s) | max (s) |',
        '|---|---|---|---|---|',
        row('off (no OTLP endpoint)', off),
        row('on, OTLP/HTTP to a local collector', on),
        '',
        `Difference of the p50s: ${(((p50On - p50Off) / p50Off) * 100).toFixed(1)} %; ${collector.spans.length} spans received in ${traces.size} traces (the task's own and one per status poll).`,
        '',
        `In-process bus, ${messages} messages published and handled: ${busOff.toFixed(1)} µs per message with tracing off, ${busOn.toFixed(1)} µs with it on (two spans and a header round trip each).`,
        '',
      ].join('\n'),
    );
  } finally {
    await platform.closeAll();
    await shutdownTracing();
    await collector.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
