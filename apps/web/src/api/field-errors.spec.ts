import { friendlyValidationMessage, mapErrorToFields } from './field-errors';

const FIELDS = ['repository', 'prompt', 'baseBranch', 'constraints.avoidFiles', 'constraints.maxFilesChanged'];

test('a field path before the colon places the message at that field', () => {
  expect(mapErrorToFields('prompt: prompt must not be empty', FIELDS)).toStrictEqual({
    fields: { prompt: 'prompt must not be empty' },
    general: [],
  });
});

test('several problems go to their fields; nested paths go to the longest known prefix', () => {
  const result = mapErrorToFields(
    'constraints.maxFilesChanged: Too small: expected number to be >=1; constraints.avoidFiles.2: Too small; repository: repository must look like "owner/name"',
    FIELDS,
  );
  expect(result.fields['constraints.maxFilesChanged']).toBe('Must be at least 1.');
  expect(result.fields['constraints.avoidFiles']).toBe('Too small');
  expect(result.fields['repository']).toBe('repository must look like "owner/name"');
  expect(result.general).toStrictEqual([]);
});

test('messages naming no known field stay general for the banner', () => {
  const result = mapErrorToFields('body: unknown field(s) "foo"; Repository acme/x is not on the allow-list', FIELDS);
  expect(result.fields).toStrictEqual({});
  expect(result.general).toStrictEqual(['body: unknown field(s) "foo"', 'Repository acme/x is not on the allow-list']);
});

test("zod's built-in messages become words a form can show; the schema's own messages pass unchanged", () => {
  const result = mapErrorToFields(
    'prompt: Too small: expected string to have >=1 characters; baseBranch: Too big: expected string to have <=255 characters; constraints.maxFilesChanged: Invalid input: expected int, received number; repository: repository must look like "owner/name"',
    FIELDS,
  );
  expect(result.fields).toStrictEqual({
    prompt: 'Required.',
    baseBranch: 'Use at most 255 characters.',
    'constraints.maxFilesChanged': 'Enter a whole number.',
    repository: 'repository must look like "owner/name"',
  });
  expect(friendlyValidationMessage('Invalid input: expected string, received undefined')).toBe('Required.');
  expect(friendlyValidationMessage('Invalid input: expected number, received NaN')).toBe('Enter a number.');
  expect(friendlyValidationMessage('Invalid option: expected one of "user"|"organisation"')).toBe(
    'Choose one of: user, organisation.',
  );
  expect(friendlyValidationMessage('Invalid URL')).toBe('Enter a full URL, such as https://example.com.');
  expect(friendlyValidationMessage('Too small: expected number to be >0')).toBe('Must be more than 0.');
  expect(friendlyValidationMessage('Too small: expected array to have >=1 items')).toBe('Add at least 1.');
});

test('a general message keeps its path and gets the friendly words too', () => {
  expect(mapErrorToFields('settings.maxRounds: Too big: expected number to be <=10', FIELDS).general).toStrictEqual([
    'settings.maxRounds: Must be at most 10.',
  ]);
});
