import {
  addTargetTest,
  approvedTargetTests,
  draftFromTargetTests,
  removeTargetTest,
  targetTestsEdited,
  updateTargetTest,
} from './target-tests-draft';

const PROPOSED = [{ name: 'greets by name', file: 'test/greet.test.js' }, { name: 'returns a string' }];

test('target tests as proposed are unedited and approve the same tests back', () => {
  const draft = draftFromTargetTests(PROPOSED);
  expect(targetTestsEdited(PROPOSED, draft)).toBe(false);
  expect(approvedTargetTests(draft)).toStrictEqual(PROPOSED);
});

test('added, renamed and removed target tests are approved trimmed, without empty rows or empty files', () => {
  let draft = draftFromTargetTests(PROPOSED);
  draft = removeTargetTest(draft, draft[1].key);
  draft = updateTargetTest(draft, draft[0].key, { file: '  ' });
  draft = addTargetTest(draft);
  draft = updateTargetTest(draft, draft[1].key, { name: '  greets loudly ', file: 'test/loud.test.js' });
  draft = addTargetTest(draft);
  expect(targetTestsEdited(PROPOSED, draft)).toBe(true);
  expect(approvedTargetTests(draft)).toStrictEqual([
    { name: 'greets by name' },
    { name: 'greets loudly', file: 'test/loud.test.js' },
  ]);
});

test('a target test row added and left empty is no change', () => {
  expect(targetTestsEdited(PROPOSED, addTargetTest(draftFromTargetTests(PROPOSED)))).toBe(false);
});
