/**
 * The console's human-readable form of a log line (LOG_FORMAT=pretty, or auto on a terminal):
 * `12:04:31.207 INFO  gateway [TasksService] task queued  taskId=… repository=acme/shop`.
 * The JSON line stays the source of truth — it is redacted and carries the trace ids before it
 * is formatted here — so both forms hold the same facts.
 */
export type LogFormat = 'json' | 'pretty';

/** LOG_FORMAT=json|pretty|auto (default auto: pretty on a terminal, JSON when piped or collected). */
export function logFormatFromEnv(env: NodeJS.ProcessEnv, stdoutIsTty: boolean): LogFormat {
  const wanted = (env['LOG_FORMAT'] ?? 'auto').trim().toLowerCase();
  if (wanted === 'json' || wanted === 'pretty') return wanted;
  return stdoutIsTty ? 'pretty' : 'json';
}

const LEVEL_STYLES: Record<string, { label: string; colour: string }> = {
  trace: { label: 'TRACE', colour: '\x1b[90m' },
  debug: { label: 'DEBUG', colour: '\x1b[36m' },
  info: { label: 'INFO ', colour: '\x1b[32m' },
  warn: { label: 'WARN ', colour: '\x1b[33m' },
  error: { label: 'ERROR', colour: '\x1b[31m' },
  fatal: { label: 'FATAL', colour: '\x1b[35m' },
};
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
/** Shown in the line's head, not repeated among the fields. */
const HEAD_FIELDS = new Set(['time', 'level', 'service', 'context', 'msg', 'pid', 'hostname']);

export function formatPrettyLogLine(line: string, colour: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const paint = (style: string, text: string) => (colour ? `${style}${text}${RESET}` : text);
  const level = typeof entry['level'] === 'string' ? entry['level'] : 'info';
  const style = LEVEL_STYLES[level] ?? { label: level.toUpperCase().padEnd(5), colour: '' };
  const time = clockTime(entry['time']);
  const service = typeof entry['service'] === 'string' ? entry['service'] : '';
  const context = typeof entry['context'] === 'string' ? ` [${entry['context']}]` : '';
  const message = typeof entry['msg'] === 'string' ? entry['msg'] : '';
  // A stack reads as lines under the entry, not as one escaped string among the fields.
  const stacks: string[] = [];
  const fields = Object.entries(entry)
    .filter(([key, value]) => !HEAD_FIELDS.has(key) && value !== undefined)
    .map(([key, value]) => {
      const stack = stackOf(value);
      if (stack === null) return `${key}=${fieldText(value)}`;
      stacks.push(stack);
      const rest = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).filter(([name]) => name !== 'stack'),
      );
      return `${key}=${fieldText(rest)}`;
    });
  const important = level === 'warn' || level === 'error' || level === 'fatal';
  const head = `${paint(DIM, time)} ${paint(style.colour, style.label)} ${paint('\x1b[34m', service)}${paint(DIM, context)}`;
  const text = important ? paint(BOLD, message) : message;
  const tail = stacks.map((stack) => `${stack.replace(/^/gm, '    ')}\n`).join('');
  return `${head} ${text}${fields.length > 0 ? `  ${paint(DIM, fields.join(' '))}` : ''}\n${tail ? paint(DIM, tail) : ''}`;
}

function stackOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const stack = (value as { stack?: unknown }).stack;
  return typeof stack === 'string' && stack.includes('\n') ? stack : null;
}

function clockTime(time: unknown): string {
  const date = typeof time === 'string' || typeof time === 'number' ? new Date(time) : new Date();
  return Number.isNaN(date.getTime()) ? String(time) : date.toISOString().slice(11, 23);
}

/** Strings as they are unless they need quoting; everything else as compact JSON. */
function fieldText(value: unknown): string {
  if (typeof value === 'string') return value === '' || /[\s="]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

/** A pino destination that writes each JSON line formatted for a person. */
export class PrettyLogStream {
  constructor(
    private readonly out: { write(text: string): unknown },
    private readonly colour: boolean,
  ) {}

  write(line: string): void {
    this.out.write(formatPrettyLogLine(line.trimEnd(), this.colour));
  }
}
