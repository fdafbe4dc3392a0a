import { diffFileSections, selectDiffLines } from './unified-diff-sections';

const DIFF = [
  'diff --git a/src/greet.js b/src/greet.js',
  'index 1111111..2222222 100644',
  '--- a/src/greet.js',
  '+++ b/src/greet.js',
  '@@ -1,3 +1,3 @@',
  ' // greeting',
  "-exports.greet = (name) => 'Hi ' + name;",
  '+exports.greet = (name) => `Hello, ${name}!`;',
  ' module.exports.default = exports.greet;',
  'diff --git a/old.txt b/old.txt',
  'deleted file mode 100644',
  '--- a/old.txt',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-gone',
  '',
].join('\n');

describe('diffFileSections', () => {
  it('splits the diff into files with their hunks, a deleted file under its old path', () => {
    const sections = diffFileSections(DIFF);
    expect(sections.map((section) => section.path)).toEqual(['src/greet.js', 'old.txt']);
    expect(sections[0]?.hunks).toEqual([
      expect.objectContaining({ oldStart: 1, oldLines: 3, newStart: 1, newLines: 3 }),
    ]);
    expect(sections[1]?.hunks[0]).toEqual(expect.objectContaining({ oldStart: 1, oldLines: 1, newLines: 0 }));
    expect(sections[0]?.text.startsWith('diff --git a/src/greet.js')).toBe(true);
    expect(sections[0]?.text).not.toContain('old.txt');
  });
});

describe('selectDiffLines', () => {
  it('picks added and kept lines by their new number and removed ones by their old number', () => {
    const [greet] = diffFileSections(DIFF);
    expect(selectDiffLines(greet, { start: 2, end: 2 })).toEqual([
      "-exports.greet = (name) => 'Hi ' + name;",
      '+exports.greet = (name) => `Hello, ${name}!`;',
    ]);
  });

  it('is empty for lines outside every hunk', () => {
    const [greet] = diffFileSections(DIFF);
    expect(selectDiffLines(greet, { start: 40, end: 50 })).toEqual([]);
  });
});
