import assert from 'node:assert/strict';
import { test } from 'node:test';
import { friendlyValidationMessage, mapErrorToFields } from './field-errors';

const FIELDS = ['repository', 'prompt', 'baseBranch', 'constraints.avoidFiles', 'constraints.maxFilesChanged'];

test('a field path before the colon places the message at that field', () => {
  assert.deepEqual(mapErrorToFields('prompt: prompt must not be empty', FIELDS), { fields: { prompt: 'prompt must not be empty' }, general: [] });
});

test('several problems go to their fields; nested paths go to the longest known prefix', () => {
  const result = mapErrorToFields(
    'constraints.maxFilesChanged: Too small: expected number to be >=1; constraints.avoidFiles.2: Too small; repository: repository must look like "owner/name"',
    FIELDS,
  );
  assert.equal(result.fields['constraints.maxFilesChanged'], 'Must be at least 1.');
  assert.equal(result.fields['constraints.avoidFiles'], 'Too small');
  assert.equal(result.fields['repository'], 'repository must look like "owner/name"');
  assert.deepEqual(result.general, []);
});

test('messages naming no known field stay general for the banner', () => {
  const result = mapErrorToFields('body: unknown field(s) "foo"; Repository acme/x is not on the allow-list', FIELDS);
  assert.deepEqual(result.fields, {});
  assert.deepEqual(result.general, ['body: unknown field(s) "foo"', 'Repository acme/x is not on the allow-list']);
});

test("zod's built-in messages become words a form can show; the schema's own messages pass unchanged", () => {
  const result = mapErrorToFields(
    'prompt: Too small: expected string to have >=1 characters; baseBranch: Too big: expected string to have <=255 characters; constraints.maxFilesChanged: Invalid input: expected int, received number; repository: repository must look like "owner/name"',
    FIELDS,
  );
  assert.deepEqual(result.fields, {
    prompt: 'Required.',
    baseBranch: 'Use at most 255 characters.',
    'constraints.maxFilesChanged': 'Enter a whole number.',
    repository: 'repository must look like "owner/name"',
  });
  assert.equal(friendlyValidationMessage('Invalid input: expected string, received undefined'), 'Required.');
  assert.equal(friendlyValidationMessage('Invalid input: expected number, received NaN'), 'Enter a number.');
  assert.equal(friendlyValidationMessage('Invalid option: expected one of "user"|"organisation"'), 'Choose one of: user, organisation.');
  assert.equal(friendlyValidationMessage('Invalid URL'), 'Enter a full URL, such as https://example.com.');
  assert.equal(friendlyValidationMessage('Too small: expected number to be >0'), 'Must be more than 0.');
  assert.equal(friendlyValidationMessage('Too small: expected array to have >=1 items'), 'Add at least 1.');
});

test('a general message keeps its path and gets the friendly words too', () => {
  assert.deepEqual(mapErrorToFields('settings.maxRounds: Too big: expected number to be <=10', FIELDS).general, ['settings.maxRounds: Must be at most 10.']);
});
