import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { logFormatFromEnv, PrettyLogStream, type LogFormat } from './pretty-log-format';
import { redact } from './redact';
import { activeTraceIds } from './trace-context';

/** Every line written inside a span names it, so a log line leads to its trace and back. */
function traceFields(): Record<string, string> {
  const ids = activeTraceIds();
  return ids ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
}

/**
 * Nest's start-up chatter (every mapped route, every module initialised): useful when debugging
 * the wiring, noise that buries the one line that matters otherwise, so it is logged at debug.
 */
const STARTUP_CONTEXTS = new Set([
  'RouterExplorer',
  'RoutesResolver',
  'InstanceLoader',
  'NestFactory',
  'NestApplication',
  'NestMicroservice',
  'WebSocketsController',
]);

/**
 * Structured logs on stdout, with secrets redacted before they are serialised: one JSON object
 * per line, or on a terminal the same lines formatted for a person (LOG_FORMAT, see
 * pretty-log-format.ts). Implements Nest's LoggerService so framework messages use the same format.
 */
export class JsonLogger implements LoggerService {
  private readonly logger: Logger;

  /**
   * `destination` defaults to stdout; tests pass a stream to read what would have been logged
   * (JSON unless `format` says otherwise). `format` defaults to LOG_FORMAT.
   */
  constructor(
    service: string,
    level = process.env['LOG_LEVEL'] ?? 'info',
    destination?: DestinationStream,
    format?: LogFormat,
  ) {
    const options = {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label: string) => ({ level: label }) },
      mixin: traceFields,
    };
    const resolved = format ?? (destination ? 'json' : logFormatFromEnv(process.env, process.stdout.isTTY === true));
    if (resolved === 'pretty') {
      const colour = !destination && process.stdout.isTTY === true && !process.env['NO_COLOR'];
      this.logger = pino(options, new PrettyLogStream(destination ?? process.stdout, colour));
    } else {
      this.logger = destination ? pino(options, destination) : pino(options);
    }
  }

  log(message: unknown, ...context: unknown[]): void {
    this.write('info', message, context);
  }
  error(message: unknown, ...context: unknown[]): void {
    this.write('error', message, context);
  }
  warn(message: unknown, ...context: unknown[]): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, ...context: unknown[]): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, ...context: unknown[]): void {
    this.write('trace', message, context);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context: unknown[]): void {
    // Nest passes the logging class's name as the last string argument.
    const scope = typeof context[context.length - 1] === 'string' ? (context.pop() as string) : undefined;
    if (level === 'info' && scope && STARTUP_CONTEXTS.has(scope)) level = 'debug';
    context = context.filter((item) => item !== undefined);
    const fields: Record<string, unknown> = scope ? { context: scope } : {};
    if (context.length > 0) fields['details'] = redact(context);
    if (message && typeof message === 'object') {
      this.logger[level]({ ...fields, ...(redact(message) as object) });
    } else {
      this.logger[level](fields, String(redact(String(message))));
    }
  }
}
