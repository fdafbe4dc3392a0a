import { canonicalJson } from '@patchbay/contracts';
import { auditRowHash } from './audit-hash';

describe('audit hashing', () => {
  const row = {
    at: new Date('2026-01-01T00:00:00.000Z'),
    actorId: null,
    actorLogin: 'ada',
    organisationId: null,
    action: 'task.create',
    targetType: 'task',
    targetId: 't1',
    requestId: 'r1',
    details: { b: 1, a: [2, { d: 3, c: 4 }] },
  };

  it('is independent of key order, as jsonb reorders keys', () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
    expect(auditRowHash('0'.repeat(64), row)).toBe(
      auditRowHash('0'.repeat(64), { ...row, details: { a: [2, { c: 4, d: 3 }], b: 1 } }),
    );
  });

  it('changes when any field or the previous hash changes', () => {
    const base = auditRowHash('0'.repeat(64), row);
    expect(auditRowHash('1'.repeat(64), row)).not.toBe(base);
    expect(auditRowHash('0'.repeat(64), { ...row, actorLogin: 'eve' })).not.toBe(base);
    expect(auditRowHash('0'.repeat(64), { ...row, details: { b: 2, a: [2, { d: 3, c: 4 }] } })).not.toBe(base);
  });
});
