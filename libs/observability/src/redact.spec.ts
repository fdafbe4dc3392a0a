import { REDACTED, redact, redactText } from './redact';

describe('redaction', () => {
  it('hides values under secret-looking keys, at any depth', () => {
    expect(
      redact({ user: 'ada', apiKey: 'abc', nested: { Authorization: 'Bearer x', list: [{ password: 'p' }] } }),
    ).toEqual({
      user: 'ada',
      apiKey: REDACTED,
      nested: { Authorization: REDACTED, list: [{ password: REDACTED }] },
    });
  });

  it('masks well-known token formats inside free text', () => {
    const line =
      'push with ghp_abcdefghijklmnopqrstuvwxyz0123 to postgres://app:hunter2@db:5432/x using sk-proj-abcdefghijklmnop1234';
    const out = redactText(line);
    expect(out).not.toMatch(/ghp_|hunter2|sk-proj/);
    expect(out).toContain('postgres://app:[REDACTED]@db');
  });
});
