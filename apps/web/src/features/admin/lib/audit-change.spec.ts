import { describeAuditChange, formatAuditValue } from './audit-change';

test('prints each change as field: old → new', () => {
  expect(describeAuditChange({ field: 'role', from: 'developer', to: 'viewer' })).toBe('role: developer → viewer');
  expect(describeAuditChange({ field: 'settings.testCommand', from: null, to: 'npm run test:ci' })).toBe(
    'settings.testCommand: none → npm run test:ci',
  );
  expect(describeAuditChange({ field: 'allowed', from: true, to: false })).toBe('allowed: true → false');
  expect(describeAuditChange({ field: 'settings.secretEnv.NPM_TOKEN', from: '(not set)', to: '(secret set)' })).toBe(
    'settings.secretEnv.NPM_TOKEN: (not set) → (secret set)',
  );
});

test('prints objects compactly and an empty string visibly', () => {
  expect(formatAuditValue({ A: '1' })).toBe('{"A":"1"}');
  expect(formatAuditValue('')).toBe('""');
});
