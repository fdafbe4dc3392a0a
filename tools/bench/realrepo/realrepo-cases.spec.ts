import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCaseDefinitions, RUNNERS } from './case-definition';
import { buildCaseRepository, hasMirror } from './case-repository';
import { firstRoundTurns, uniqueTail } from './scenario-player';

const definitions = loadCaseDefinitions();
const withHistory = definitions.filter(hasMirror);

describe('real-repository benchmark cases', () => {
  it('are at least ten, across at least five JavaScript/TypeScript runners plus Python', () => {
    expect(definitions.length).toBeGreaterThanOrEqual(10);
    const jsRunners = new Set(
      definitions.filter((definition) => definition.language !== 'python').map((definition) => definition.runner),
    );
    expect(jsRunners.size).toBeGreaterThanOrEqual(5);
    expect(definitions.some((definition) => definition.language === 'python')).toBe(true);
    expect([...jsRunners].every((runner) => (RUNNERS as readonly string[]).includes(runner))).toBe(true);
  });

  it('play every kind of scenario somewhere in the set', () => {
    const kinds = new Set(definitions.flatMap((definition) => definition.scenarios.map((scenario) => scenario.kind)));
    expect([...kinds].sort()).toEqual(['correct', 'missed-target', 'regression', 'unparseable', 'wrong']);
  });

  it('are attributed in the README', () => {
    const readme = readFileSync(join(__dirname, 'README.md'), 'utf8');
    for (const definition of definitions) {
      expect(readme).toContain(definition.repository.url);
      expect(readme).toContain(definition.upstream.fixCommit);
    }
  });

  it('anchor an unparseable or unrelated edit on a unique tail of the file', () => {
    expect(uniqueTail('a\n}\n}\n')).toBe('}\n}');
    expect(uniqueTail('x\n}\ny\n}\n')).toBe('y\n}');
    expect(uniqueTail('x = 1\nreturn y\n\n')).toBe('return y');
  });

  // The upstream histories are fetched onto the machine, not kept in this repository; where one
  // is missing its case cannot be rebuilt here, and the schema checks above still hold it in shape.
  const rebuildable = withHistory.length
    ? it.each(withHistory.map((definition) => [definition.id, definition] as const))
    : it.skip.each([['(no upstream history fetched on this machine)', null]]);
  rebuildable('%s rebuilds as a git repository whose scripted edits apply', (_id, definition) => {
    if (!definition) return;
    const directory = join(mkdtempSync(join(tmpdir(), 'patchbay-realrepo-spec-')), 'repository');
    try {
      const repository = buildCaseRepository(definition, directory);
      expect(execFileSync('git', ['-C', directory, 'status', '--porcelain']).toString()).toBe('');
      for (const path of definition.testFiles) expect(existsSync(join(directory, path))).toBe(true);
      // The upstream fix applies to the starting repository, as the correct scenario plays it.
      execFileSync('git', ['-C', directory, 'apply', '--check', '-'], { input: repository.fixDiff });
      expect(repository.fixDiff).toContain('diff --git');
      // Every authored edit finds its text exactly once, before the fix or after it (regressions).
      for (const scenario of definition.scenarios) {
        const turns = firstRoundTurns(definition, scenario, repository);
        expect(turns.length).toBeGreaterThan(1);
        if (scenario.kind !== 'wrong' && scenario.kind !== 'regression') continue;
        for (const edit of scenario.edits) {
          const content = readFileSync(join(directory, edit.path), 'utf8');
          expect({ path: edit.path, occurrences: content.split(edit.old).length - 1 }).toEqual({
            path: edit.path,
            occurrences: 1,
          });
        }
      }
    } finally {
      rmSync(join(directory, '..'), { recursive: true, force: true });
    }
  });
});
