import { READ_PAGE_LINES, readPage } from './read-only-tools';

describe('readPage', () => {
  it('numbers the lines from where the page starts and says which lines of how many it shows', () => {
    expect(readPage('src/a.ts', 'one\ntwo\n', 1, 2)).toBe('src/a.ts (lines 1-2 of 2)\n1\tone\n2\ttwo');
  });

  it('names where the next page starts when the file goes on', () => {
    const page = readPage(
      'src/a.ts',
      Array.from({ length: READ_PAGE_LINES }, (_, i) => `line ${i + 1}`).join('\n'),
      1,
      1_000,
    );
    expect(page.split('\n')[0]).toBe(`src/a.ts (lines 1-${READ_PAGE_LINES} of 1000)`);
    expect(page.endsWith(`[more: read_file with start=${READ_PAGE_LINES + 1} for the next page]`)).toBe(true);
  });

  it('stops at the page size in characters and reports the lines it really shows (never the end under a "lines 1-N" header)', () => {
    const content = Array.from({ length: 100 }, (_, i) => `${i + 1}: ${'x'.repeat(500)}`).join('\n');
    const page = readPage('big.js', content, 41, 5_000);
    const shown = page
      .split('\n')
      .slice(1)
      .filter((line) => /^\d+\t/.test(line));
    // The content is what the sandbox returned for the range, so its first line is line 41.
    expect(shown[0]).toMatch(/^41\t1: /);
    const last = Number(shown[shown.length - 1].split('\t')[0]);
    expect(page.split('\n')[0]).toBe(`big.js (lines 41-${last} of 5000)`);
    expect(last).toBeLessThan(140);
    expect(page).toContain(`start=${last + 1}`);
  });

  it('cuts a single line longer than a page (minified code) and says so', () => {
    const page = readPage('min.js', 'a'.repeat(50_000), 1, 1);
    expect(page.length).toBeLessThan(13_000);
    expect(page).toContain('[line cut at');
  });

  it('says when a file is empty', () => {
    expect(readPage('empty.txt', '', 1, 0)).toBe('empty.txt is empty');
  });
});
