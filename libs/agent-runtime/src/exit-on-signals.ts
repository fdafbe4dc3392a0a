import type { INestApplication, LoggerService } from '@nestjs/common';
import { shutdownTracing } from '@patchbay/observability';

/**
 * Signals arriving this soon after the first are the same request delivered twice: Ctrl-C sends
 * SIGINT to every process of the terminal's foreground group, and `npm start` and its launcher
 * (tools/runtime/start.js) forward it again. Taking that echo for "stop now" exited before the
 * sandboxes were removed.
 */
const SAME_REQUEST_MS = 1_500;

/**
 * On SIGTERM or SIGINT: stop taking work, let Nest close the HTTP server, the bus consumer and
 * the database pool, run `beforeExit` (the all-in-one host removes its sandboxes there), then
 * exit 0. A second signal sent later on purpose, or a close that hangs past the grace period,
 * exits at once so an orchestrator's stop never blocks.
 */
export function exitOnSignals(
  app: INestApplication,
  logger: LoggerService,
  graceMs = 10_000,
  beforeExit?: () => Promise<void>,
): void {
  let firstAt: number | null = null;
  const stop = (signal: NodeJS.Signals) => {
    if (firstAt !== null) {
      if (Date.now() - firstAt < SAME_REQUEST_MS) return;
      logger.error({ msg: `${signal} received again: exiting without finishing the shutdown` });
      process.exit(1);
    }
    firstAt = Date.now();
    logger.log({ msg: `${signal} received: shutting down` });
    const timer = setTimeout(() => {
      logger.error({ msg: `shutdown took longer than ${graceMs} ms: exiting` });
      process.exit(1);
    }, graceMs);
    timer.unref();
    void shutDown(app, logger, beforeExit).then((clean) => process.exit(clean ? 0 : 1));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** Runs `beforeExit` even when closing the app failed: its clean-up must not depend on the rest. */
async function shutDown(
  app: INestApplication,
  logger: LoggerService,
  beforeExit?: () => Promise<void>,
): Promise<boolean> {
  let clean = true;
  try {
    await app.close();
  } catch (error) {
    clean = false;
    logger.error({ msg: 'shutdown failed', error: error instanceof Error ? error.message : String(error) });
  }
  // After the app closed, so the spans of the last requests and messages are in the batch.
  await shutdownTracing().catch((error: unknown) =>
    logger.warn({
      msg: 'could not flush the last traces',
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  try {
    await beforeExit?.();
  } catch (error) {
    clean = false;
    logger.error({
      msg: 'clean-up after shutdown failed',
      error: error instanceof Error ? error.message : String(error),
    });
  }
  return clean;
}
