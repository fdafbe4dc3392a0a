import type { EgressReport } from '@patchbay/contracts';
import { toEgressReport } from './egress-report';
import { egressSection } from './egress-section';

const report = (fields: Partial<EgressReport>): EgressReport => ({
  monitored: true,
  attempts: [],
  dropped: 0,
  collectedAt: '2026-12-06T08:00:00.000Z',
  ...fields,
});

describe('egress report in the pull request', () => {
  it('lists each refused attempt with time, host, port, the masked and shortened command, and the reason', () => {
    const blocked = toEgressReport(
      {
        sandboxId: 'sbx-1',
        monitored: true,
        dropped: 0,
        attempts: [
          {
            host: 'telemetry.example.com',
            port: 443,
            reason: 'not allowed for this sandbox',
            at: '2026-12-06T08:01:02.345Z',
            commands: ['curl -H "Authorization: Bearer abcdefghijklmnopqrstuvwx" https://telemetry.example.com/`x`|y'],
          },
          {
            host: 'late.example',
            port: 80,
            reason: 'not allowed for this sandbox',
            at: '2026-12-06T08:01:03.000Z',
            commands: [],
          },
        ],
      },
      new Date('2026-12-06T08:05:00Z'),
    );
    expect(blocked.attempts[0]?.commands).toEqual([
      'curl -H "Authorization: [REDACTED]" https://telemetry.example.com/`x`|y',
    ]);
    expect(egressSection(blocked)).toEqual([
      '## Egress',
      "The sandbox's egress proxy refused 2 connection attempt(s). Commands are shortened, secrets masked.",
      '',
      '| time (UTC) | host | port | command | reason |',
      '|---|---|---|---|---|',
      '| 2026-12-06 08:01:02Z | `telemetry.example.com` | 443 | `curl -H "Authorization: [REDACTED]" https://telemetry.example.com/\'x\'\\|y` | not allowed for this sandbox |',
      '| 2026-12-06 08:01:03Z | `late.example` | 80 | unknown | not allowed for this sandbox |',
      '',
    ]);
  });

  it('shortens a long command to one line', () => {
    const long = `node -e "${'x'.repeat(400)}"\n&& echo done`;
    const [command] = toEgressReport(
      {
        sandboxId: 'sbx-1',
        monitored: true,
        dropped: 0,
        attempts: [{ host: 'a.example', port: 443, reason: 'r', at: 'now', commands: [long] }],
      },
      new Date(),
    ).attempts[0].commands;
    expect(command).toHaveLength(300);
    expect(command).not.toContain('\n');
    expect(command?.endsWith('…')).toBe(true);
  });

  it('says how many more were refused than it lists', () => {
    const attempts = Array.from({ length: 60 }, (_, index) => ({
      host: `h${index}.example`,
      port: 443,
      reason: 'not allowed for this sandbox',
      at: '2026-12-06T08:01:02.000Z',
      commands: ['curl'],
    }));
    const section = egressSection(report({ attempts, dropped: 5 }));
    expect(section[1]).toContain('refused 65 connection attempt(s)');
    expect(section.filter((line) => line.startsWith('| 2026'))).toHaveLength(50);
    expect(section).toContain("15 more not listed here (see the task's egress report).");
  });

  it('says so when nothing was refused, and when the sandbox had no network to watch', () => {
    expect(egressSection(report({}))).toEqual(['## Egress', 'No connection attempt was refused.', '']);
    expect(egressSection(report({ monitored: false }))[1]).toBe(
      'The sandbox had no network at all, so connection attempts failed inside it and could not be listed.',
    );
    expect(egressSection(null)).toEqual([]);
  });
});
