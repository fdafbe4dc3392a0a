import { DirectorySandbox } from '../testing/directory-sandbox';
import { SYNTAX_CASES } from '../testing/syntax-cases';
import { createCodingTools, type ToolReporter } from './coding-tools';
import { refusalOf } from '../testing/expect-refusal';
import { ChangeBudget } from './path-rules';

describe('the syntax gate of the coding tools', () => {
  let sandbox: DirectorySandbox;
  let modified: Array<{ path: string; change: string; additions: number; deletions: number }>;

  const tool = (name: string, budget = new ChangeBudget()) => {
    const reporter: ToolReporter = {
      fileModified: async (path, change, stats) => void modified.push({ path, change, ...stats }),
      commandExecuted: async () => undefined,
    };
    const found = createCodingTools(sandbox.client(), 'sandbox-1', budget, reporter).find((t) => t.name === name);
    if (!found) throw new Error(`${name} is missing`);
    return found;
  };

  beforeEach(() => (modified = []));

  describe.each(SYNTAX_CASES)('%s', (_language, { path, original, changed, broken, where }) => {
    const diffs = { broken: '', newBroken: '', changed: '' };
    beforeAll(() => {
      sandbox = new DirectorySandbox({ [path]: original });
      diffs.broken = sandbox.diffTo({ [path]: broken });
      diffs.newBroken = sandbox.diffTo({ [`new/${path}`]: broken });
      diffs.changed = sandbox.diffTo({ [path]: changed });
    });
    beforeEach(() => sandbox.reset());
    afterAll(() => sandbox.remove());

    it('apply_diff refuses a diff that breaks parsing, names line and column, and leaves the file as it was', async () => {
      expect(await refusalOf(tool('apply_diff').run({ diff: diffs.broken }))).toBe(
        `the diff was not applied because ${path} would no longer parse: ${path}:${where}`,
      );
      expect(sandbox.content(path)).toBe(original);
      expect(modified).toEqual([]);
    });

    it('apply_diff refuses a new file that does not parse, and creates nothing', async () => {
      expect(await refusalOf(tool('apply_diff').run({ diff: diffs.newBroken }))).toBe(
        `the diff was not applied because new/${path} does not parse: new/${path}:${where}`,
      );
      expect(sandbox.content(`new/${path}`)).toBeNull();
    });

    it('create_file refuses content that does not parse', async () => {
      expect(await refusalOf(tool('create_file').run({ path: `new/${path}`, content: broken }))).toBe(
        `the file was not created because new/${path} does not parse: new/${path}:${where}`,
      );
      expect(sandbox.content(`new/${path}`)).toBeNull();
    });

    it('edit_file refuses an edit that breaks parsing', async () => {
      expect(await refusalOf(tool('edit_file').run({ path, old: original, new: broken }))).toBe(
        `the change was not applied because ${path} would no longer parse: ${path}:${where}`,
      );
      expect(sandbox.content(path)).toBe(original);
    });

    it('writes a valid change through each path', async () => {
      expect(await tool('apply_diff').run({ diff: diffs.changed })).toBe(`applied to ${path}`);
      expect(sandbox.content(path)).toBe(changed);
      expect(await tool('create_file').run({ path: `new/${path}`, content: changed })).toMatch(
        new RegExp(`^created new/${path.replace(/\./g, '\\.')} \\(\\+\\d+ -0\\)$`),
      );
      expect(sandbox.content(`new/${path}`)).toBe(changed);
      expect(await tool('edit_file').run({ path, old: changed, new: original })).toMatch(/^edited /);
      expect(sandbox.content(path)).toBe(original);
      expect(modified.map(({ path: file, change }) => `${change} ${file}`)).toEqual([
        `patched ${path}`,
        `created new/${path}`,
        `edited ${path}`,
      ]);
    });
  });

  describe('on files that did not parse before', () => {
    const brokenBefore = 'def add(a, b):\nreturn a + b\n';
    beforeEach(() => (sandbox = new DirectorySandbox({ 'app/calc.py': brokenBefore })));
    afterEach(() => sandbox.remove());

    it('lets edit_file and apply_diff change them, with a note of where they are broken', async () => {
      const note =
        'note: app/calc.py still does not parse (app/calc.py:1:15: expected an indented block after line 1); it did not parse before this change either';
      expect(await tool('edit_file').run({ path: 'app/calc.py', old: 'a + b', new: 'a + b + 1' })).toBe(
        `edited app/calc.py (+1 -1)\n${note}`,
      );
      const diff = sandbox.diffTo({ 'app/calc.py': 'def add(a, b):\nreturn a + b + 2\n' });
      expect(await tool('apply_diff').run({ diff })).toBe(`applied to app/calc.py\n${note}`);
      // Fixing the file is a change like any other.
      expect(await tool('edit_file').run({ path: 'app/calc.py', old: '\nreturn', new: '\n    return' })).toBe(
        'edited app/calc.py (+1 -1)',
      );
    });
  });

  describe('apply_diff with several files', () => {
    beforeEach(
      () =>
        (sandbox = new DirectorySandbox({
          'src/a.ts': 'export const a = 1;\n',
          'src/b.ts': 'export const b = 2;\n',
          'src/old.ts': 'export const o = 3;\n',
        })),
    );
    afterEach(() => sandbox.remove());

    it('refuses the whole diff when one file breaks: every file, created, renamed or deleted, is as before', async () => {
      const diff = sandbox.diffTo({
        'src/a.ts': 'export const a = 10;\n',
        'src/b.ts': 'export const b = ;\n',
        'src/c.ts': 'export const c = 3;\n',
        'src/old.ts': null,
        'src/new.ts': 'export const o = 3;\n',
      });
      expect(await refusalOf(tool('apply_diff').run({ diff }))).toBe(
        'the diff was not applied because src/b.ts would no longer parse: src/b.ts:1:16: unexpected "="',
      );
      expect(
        ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/old.ts', 'src/new.ts'].map((path) => sandbox.content(path)),
      ).toEqual(['export const a = 1;\n', 'export const b = 2;\n', null, 'export const o = 3;\n', null]);
    });

    it('applies a valid one and reports each file with its line counts', async () => {
      const diff = sandbox.diffTo({
        'src/a.ts': 'export const a = 10;\n',
        'src/c.ts': 'export const c = 3;\nexport const d = 4;\n',
        'src/b.ts': null,
      });
      expect(await tool('apply_diff').run({ diff })).toBe('applied to src/a.ts, src/b.ts, src/c.ts');
      expect(modified).toEqual([
        { path: 'src/a.ts', change: 'patched', additions: 1, deletions: 1 },
        { path: 'src/b.ts', change: 'deleted', additions: 0, deletions: 1 },
        { path: 'src/c.ts', change: 'created', additions: 2, deletions: 0 },
      ]);
    });

    it('checks every file a diff touches against the task constraints, deleted ones included', async () => {
      const diff = sandbox.diffTo({ 'src/old.ts': null });
      expect(await refusalOf(tool('apply_diff', new ChangeBudget(['src/old.ts'])).run({ diff }))).toBe(
        "not allowed: src/old.ts is on the task's list of files to avoid",
      );
      expect(sandbox.content('src/old.ts')).toBe('export const o = 3;\n');
    });

    it('applies a diff larger than one environment value of the sandbox API', async () => {
      const big = Array.from({ length: 3_000 }, (_, index) => `export const value${index} = ${index};\n`).join('');
      const diff = sandbox.diffTo({ 'src/big.ts': big });
      expect(diff.length).toBeGreaterThan(64_000);
      expect(await tool('apply_diff').run({ diff })).toBe('applied to src/big.ts');
      expect(sandbox.content('src/big.ts')).toBe(big);
    });
  });

  it('leaves files in languages without a grammar unchecked', async () => {
    sandbox = new DirectorySandbox();
    expect(await tool('create_file').run({ path: 'notes.md', content: '((( not code' })).toBe(
      'created notes.md (+1 -0)',
    );
    sandbox.remove();
  });
});
