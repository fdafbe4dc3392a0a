import type { INestApplication, LoggerService } from '@nestjs/common';

/**
 * On SIGTERM or SIGINT: stop taking work, let Nest close the HTTP server, the bus consumer and
 * the database pool, then exit 0. A second signal, or a close that hangs past the grace period,
 * exits at once so an orchestrator's stop never blocks.
 */
export function exitOnSignals(app: INestApplication, logger: LoggerService, graceMs = 10_000, beforeExit?: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.log({ msg: `${signal} received: shutting down` });
    const timer = setTimeout(() => {
      logger.error({ msg: `shutdown took longer than ${graceMs} ms: exiting` });
      process.exit(1);
    }, graceMs);
    timer.unref();
    app
      .close()
      .then(() => beforeExit?.())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ msg: 'shutdown failed', error: error instanceof Error ? error.message : String(error) });
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
