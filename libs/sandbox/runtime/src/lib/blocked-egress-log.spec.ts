import { BlockedEgressLog } from './blocked-egress-log';

const attempt = (host: string) => ({
  host,
  port: 443,
  reason: 'not allowed for this sandbox',
  at: 'now',
  commands: [],
});

describe('BlockedEgressLog', () => {
  it('keeps the first attempts up to its cap and counts the rest', () => {
    const log = new BlockedEgressLog(2);
    for (const host of ['a.example', 'b.example', 'c.example', 'd.example']) log.record(attempt(host));
    expect(log.attempts.map((a) => a.host)).toEqual(['a.example', 'b.example']);
    expect(log.dropped).toBe(2);
  });

  it('hands out a copy, so a reader cannot change what is kept', () => {
    const log = new BlockedEgressLog();
    log.record(attempt('a.example'));
    log.attempts.pop();
    expect(log.attempts).toHaveLength(1);
    expect(log.dropped).toBe(0);
  });
});
