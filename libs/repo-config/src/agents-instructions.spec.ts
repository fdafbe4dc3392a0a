import { resolveAgentsInstructions, selectAgentsFiles } from './agents-instructions';

const REPOSITORY_AGENTS_FILES = [
  'AGENTS.md',
  'libs/api/AGENTS.md',
  'libs/api/src/generated/AGENTS.md',
  'apps/web/AGENTS.md',
  'docs/agents.md',
];

function reader(files: Record<string, string>): jest.Mock<Promise<string>, [string]> {
  return jest.fn(async (path: string) => {
    const text = files[path];
    if (text === undefined) throw new Error(`no such file: ${path}`);
    return text;
  });
}

describe('selectAgentsFiles', () => {
  it('picks the nearest AGENTS.md for each path, with the root as the fallback', () => {
    const selected = selectAgentsFiles(REPOSITORY_AGENTS_FILES, [
      'libs/api/src/users.ts',
      'libs/api/src/generated/client.ts',
      'libs/api/README.md',
      'libs/model/src/index.ts',
      'apps/web/src/main.tsx',
      'package.json',
    ]);

    expect([...selected.entries()]).toEqual([
      ['AGENTS.md', ['libs/model/src/index.ts', 'package.json']],
      ['apps/web/AGENTS.md', ['apps/web/src/main.tsx']],
      ['libs/api/AGENTS.md', ['libs/api/src/users.ts', 'libs/api/README.md']],
      ['libs/api/src/generated/AGENTS.md', ['libs/api/src/generated/client.ts']],
    ]);
  });

  it('matches directories, not name prefixes', () => {
    expect([...selectAgentsFiles(['AGENTS.md', 'libs/api/AGENTS.md'], ['libs/api-client/index.ts']).keys()]).toEqual([
      'AGENTS.md',
    ]);
  });

  it('governs a directory path by the AGENTS.md inside it', () => {
    expect([...selectAgentsFiles(['AGENTS.md', 'libs/api/AGENTS.md'], ['libs/api']).keys()]).toEqual([
      'libs/api/AGENTS.md',
    ]);
  });

  it('gives a task without paths the root AGENTS.md', () => {
    expect([...selectAgentsFiles(REPOSITORY_AGENTS_FILES, []).entries()]).toEqual([['AGENTS.md', []]]);
  });

  it('selects nothing for a path no AGENTS.md governs when the repository has no root file', () => {
    expect(selectAgentsFiles(['libs/api/AGENTS.md'], ['apps/web/main.ts']).size).toBe(0);
    expect(selectAgentsFiles([], ['src/a.ts']).size).toBe(0);
  });

  it('ignores files that are not named exactly AGENTS.md and normalises paths', () => {
    expect([
      ...selectAgentsFiles(
        ['docs/agents.md', 'notAGENTS.md', './libs/api/AGENTS.md'],
        ['./docs/x.md', 'libs\\api\\a.ts'],
      ).entries(),
    ]).toEqual([['libs/api/AGENTS.md', ['libs/api/a.ts']]]);
  });
});

describe('resolveAgentsInstructions', () => {
  it('returns the text of the nearest files under headers naming them, and which files were used', async () => {
    const readFile = reader({
      'AGENTS.md': 'Use British spelling in documentation.\n',
      'libs/api/AGENTS.md': 'Run `npm test -- libs/api` before finishing.',
      'libs/api/src/generated/AGENTS.md': 'never read',
    });

    const instructions = await resolveAgentsInstructions({
      agentsFiles: REPOSITORY_AGENTS_FILES,
      paths: ['libs/api/src/users.ts', 'README.md'],
      readFile,
    });

    expect(instructions.text).toBe(
      [
        '## AGENTS.md (applies to README.md)',
        '',
        'Use British spelling in documentation.',
        '',
        '## libs/api/AGENTS.md (applies to libs/api/src/users.ts)',
        '',
        'Run `npm test -- libs/api` before finishing.',
      ].join('\n'),
    );
    expect(instructions.sources).toEqual([
      { path: 'AGENTS.md', appliesTo: ['README.md'], originalChars: 38, includedChars: 38, trimmed: false },
      {
        path: 'libs/api/AGENTS.md',
        appliesTo: ['libs/api/src/users.ts'],
        originalChars: 44,
        includedChars: 44,
        trimmed: false,
      },
    ]);
    expect(instructions.trimmed).toBe(false);
    expect(readFile.mock.calls.map(([path]) => path).sort()).toEqual(['AGENTS.md', 'libs/api/AGENTS.md']);
  });

  it('returns empty text and no sources when no AGENTS.md applies', async () => {
    const readFile = reader({});
    await expect(resolveAgentsInstructions({ agentsFiles: [], paths: ['src/a.ts'], readFile })).resolves.toEqual({
      text: '',
      sources: [],
      trimmed: false,
    });
    expect(readFile).not.toHaveBeenCalled();
  });

  it('caps the text: short files stay whole, long ones are cut at a line end with a note', async () => {
    const longLines = Array.from({ length: 400 }, (_, index) => `- rule ${index}: keep handlers thin`).join('\n');
    const instructions = await resolveAgentsInstructions({
      agentsFiles: ['AGENTS.md', 'libs/api/AGENTS.md'],
      paths: ['README.md', 'libs/api/a.ts'],
      readFile: reader({ 'AGENTS.md': 'Short root rules.', 'libs/api/AGENTS.md': longLines }),
      maxChars: 1_000,
    });

    const [root, api] = instructions.sources;
    expect(root).toMatchObject({ path: 'AGENTS.md', trimmed: false, includedChars: 17 });
    expect(api).toMatchObject({ path: 'libs/api/AGENTS.md', trimmed: true, originalChars: longLines.length });
    expect(root.includedChars + api.includedChars).toBeLessThanOrEqual(1_000);
    expect(api.includedChars).toBeGreaterThan(800);
    expect(instructions.trimmed).toBe(true);
    expect(instructions.text).toContain('Short root rules.');
    expect(instructions.text).toContain(
      `[… libs/api/AGENTS.md trimmed: showing the first ${api.includedChars} of ${longLines.length} characters]`,
    );
    // Cut at a line end: the last kept rule is whole.
    const kept = instructions.text.split('\n\n[…')[0];
    expect(kept.endsWith('keep handlers thin')).toBe(true);
  });

  it('shares the budget evenly between files that are both too long', async () => {
    const instructions = await resolveAgentsInstructions({
      agentsFiles: ['a/AGENTS.md', 'b/AGENTS.md'],
      paths: ['a/x.ts', 'b/y.ts'],
      readFile: reader({ 'a/AGENTS.md': 'a'.repeat(5_000), 'b/AGENTS.md': 'b'.repeat(9_000) }),
      maxChars: 2_000,
    });
    expect(instructions.sources.map((source) => source.includedChars)).toEqual([1_000, 1_000]);
  });

  it('lets a reader failure surface rather than silently dropping the instructions', async () => {
    await expect(
      resolveAgentsInstructions({ agentsFiles: ['AGENTS.md'], paths: [], readFile: reader({}) }),
    ).rejects.toThrow('no such file: AGENTS.md');
  });

  it('refuses a negative cap', async () => {
    await expect(
      resolveAgentsInstructions({ agentsFiles: [], paths: [], readFile: reader({}), maxChars: -1 }),
    ).rejects.toThrow(RangeError);
  });
});
