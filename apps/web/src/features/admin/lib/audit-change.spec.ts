import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeAuditChange, formatAuditValue } from './audit-change';

test('prints each change as field: old → new', () => {
  assert.equal(describeAuditChange({ field: 'role', from: 'developer', to: 'viewer' }), 'role: developer → viewer');
  assert.equal(describeAuditChange({ field: 'settings.testCommand', from: null, to: 'npm run test:ci' }), 'settings.testCommand: none → npm run test:ci');
  assert.equal(describeAuditChange({ field: 'allowed', from: true, to: false }), 'allowed: true → false');
  assert.equal(describeAuditChange({ field: 'settings.secretEnv.NPM_TOKEN', from: '(not set)', to: '(secret set)' }), 'settings.secretEnv.NPM_TOKEN: (not set) → (secret set)');
});

test('prints objects compactly and an empty string visibly', () => {
  assert.equal(formatAuditValue({ A: '1' }), '{"A":"1"}');
  assert.equal(formatAuditValue(''), '""');
});
