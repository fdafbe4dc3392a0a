import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapErrorToFields } from './field-errors';

const FIELDS = ['repository', 'prompt', 'baseBranch', 'constraints.avoidFiles', 'constraints.maxFilesChanged'];

test('a field path before the colon places the message at that field', () => {
  assert.deepEqual(mapErrorToFields('prompt: prompt must not be empty', FIELDS), { fields: { prompt: 'prompt must not be empty' }, general: [] });
});

test('several problems go to their fields; nested paths go to the longest known prefix', () => {
  const result = mapErrorToFields(
    'constraints.maxFilesChanged: Too small: expected number to be >=1; constraints.avoidFiles.2: Too small; repository: repository must look like "owner/name"',
    FIELDS,
  );
  assert.equal(result.fields['constraints.maxFilesChanged'], 'Too small: expected number to be >=1');
  assert.equal(result.fields['constraints.avoidFiles'], 'Too small');
  assert.equal(result.fields['repository'], 'repository must look like "owner/name"');
  assert.deepEqual(result.general, []);
});

test('messages naming no known field stay general for the banner', () => {
  const result = mapErrorToFields('body: unknown field(s) "foo"; Repository acme/x is not on the allow-list', FIELDS);
  assert.deepEqual(result.fields, {});
  assert.deepEqual(result.general, ['body: unknown field(s) "foo"', 'Repository acme/x is not on the allow-list']);
});
