import { Writable } from 'node:stream';
import { JsonLogger } from './json-logger';
import { formatPrettyLogLine, logFormatFromEnv } from './pretty-log-format';

describe('pretty log format', () => {
  it('LOG_FORMAT picks the format; auto (the default) is pretty on a terminal and JSON otherwise', () => {
    expect(logFormatFromEnv({}, true)).toBe('pretty');
    expect(logFormatFromEnv({}, false)).toBe('json');
    expect(logFormatFromEnv({ LOG_FORMAT: 'auto' }, true)).toBe('pretty');
    expect(logFormatFromEnv({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormatFromEnv({ LOG_FORMAT: 'PRETTY' }, false)).toBe('pretty');
  });

  it('formats time, level, service, context, message and the other fields on one line', () => {
    const line = JSON.stringify({
      level: 'info',
      time: '2026-12-05T23:59:01.123Z',
      service: 'patchbay',
      context: 'TaskRunner',
      msg: 'task failed',
      taskId: 't-1',
      reason: 'the sandbox engine is not available',
      attempt: 2,
    });
    expect(formatPrettyLogLine(line, false)).toBe(
      '23:59:01.123 INFO  patchbay [TaskRunner] task failed  taskId=t-1 reason="the sandbox engine is not available" attempt=2\n',
    );
  });

  it('colours the level and makes warnings bold only when asked', () => {
    const line = JSON.stringify({
      level: 'warn',
      time: '2026-12-05T23:59:01.123Z',
      service: 'sandbox',
      msg: 'engine down',
    });
    const coloured = formatPrettyLogLine(line, true);
    expect(coloured).toContain('\x1b[33mWARN \x1b[0m');
    expect(coloured).toContain('\x1b[1mengine down\x1b[0m');
    expect(formatPrettyLogLine(line, false)).not.toContain('\x1b[');
  });

  it('puts an error stack on indented lines under the entry', () => {
    const line = JSON.stringify({
      level: 'error',
      time: '2026-12-05T23:59:01.123Z',
      service: 'gateway',
      msg: 'unhandled error',
      error: { name: 'Error', message: 'boom', stack: 'Error: boom\n    at run (task.ts:1:1)' },
    });
    expect(formatPrettyLogLine(line, false)).toBe(
      '23:59:01.123 ERROR gateway unhandled error  error={"name":"Error","message":"boom"}\n    Error: boom\n        at run (task.ts:1:1)\n',
    );
  });

  it('passes a line that is not JSON through unchanged', () => {
    expect(formatPrettyLogLine('plain text', true)).toBe('plain text\n');
  });

  it('the logger in pretty form still redacts secrets and moves Nest start-up lines to debug', () => {
    let written = '';
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        written += chunk.toString();
        done();
      },
    });
    const logger = new JsonLogger('gateway', 'info', sink, 'pretty');
    logger.log({ msg: 'connected', url: 'postgres://app:hunter2@db/app' });
    logger.log('Mapped {/api/v1/tasks, POST} route', 'RouterExplorer');
    logger.log('TasksModule dependencies initialized', 'InstanceLoader');
    const lines = written.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}gateway connected {2}url=/);
    expect(written).not.toContain('hunter2');
  });

  it('in JSON form start-up lines are still there at debug level', () => {
    let written = '';
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        written += chunk.toString();
        done();
      },
    });
    new JsonLogger('gateway', 'debug', sink).log('Mapped {/api/v1/tasks, POST} route', 'RouterExplorer');
    expect(JSON.parse(written)).toMatchObject({
      level: 'debug',
      context: 'RouterExplorer',
      msg: 'Mapped {/api/v1/tasks, POST} route',
    });
  });
});
