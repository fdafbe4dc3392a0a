import { describeFindings } from './describe-findings';
import type { SecretFinding } from './secret-finding';

const finding = (file: string, line: number): SecretFinding => ({
  ruleId: '@secretlint/secretlint-rule-github',
  file,
  line,
  message: 'unused here',
  fingerprint: 'f'.repeat(64),
});

describe('describeFindings', () => {
  it('lists rule and file:line for each finding', () => {
    expect(describeFindings([finding('src/a.ts', 3), finding('.env', 1)])).toBe(
      '2 possible secrets found: @secretlint/secretlint-rule-github at src/a.ts:3; @secretlint/secretlint-rule-github at .env:1',
    );
    expect(describeFindings([finding('src/a.ts', 3)])).toBe(
      '1 possible secret found: @secretlint/secretlint-rule-github at src/a.ts:3',
    );
    expect(describeFindings([])).toBe('no possible secrets found');
  });

  it('caps the list so one event stays readable', () => {
    const text = describeFindings(Array.from({ length: 25 }, (_, index) => finding(`keys/${index}.pem`, 1)));

    expect(text.startsWith('25 possible secrets found: ')).toBe(true);
    expect(text).toContain('keys/19.pem:1; and 5 more');
    expect(text).not.toContain('keys/20.pem');
  });

  it('escapes control characters in paths so a file name cannot forge log lines', () => {
    expect(describeFindings([finding('evil\nINFO all clear.ts', 2)])).toBe(
      '1 possible secret found: @secretlint/secretlint-rule-github at evil\\u000aINFO all clear.ts:2',
    );
  });
});
