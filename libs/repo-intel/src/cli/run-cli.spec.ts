import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FixtureRepository } from '../testing/fixture-repository';
import { runCli } from './run-cli';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe('repo-intel CLI', () => {
  const repo = FixtureRepository.create({
    'src/cart.ts':
      '/** Shopping cart totals. */\nexport function cartTotal(prices: number[]): number {\n  return prices.reduce((a, b) => a + b, 0);\n}\n',
    'src/user.ts': 'export class User {\n  rename(name: string) { return name; }\n}\n',
  });
  const commit = repo.commit('Cart');
  const work = mkdtempSync(join(tmpdir(), 'repo-intel-cli-'));
  const cacheDir = join(work, 'cache');
  const queryFile = join(work, 'query.txt');
  writeFileSync(queryFile, 'The cart total is wrong for an empty cart\n');
  afterAll(() => {
    repo.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  it('indexes a revision and reports it, as text and as JSON', async () => {
    const text = await cli('index', '--repo', repo.path, '--rev', commit, '--cache-dir', cacheDir);
    expect(text).toMatchObject({ code: 0, err: '' });
    expect(text.out).toMatch(
      new RegExp(`^full index of ${commit.slice(0, 12)}: 2 files, 2 indexed, 2 parsed, 7 lines`),
    );
    const json = await cli('index', '--repo', repo.path, '--rev', commit, '--cache-dir', cacheDir, '--json');
    expect(JSON.parse(json.out)).toMatchObject({ commit, mode: 'cached', indexedFiles: 2 });
  });

  it('localizes a query file and prints the ranked list as JSON', async () => {
    const result = await cli(
      'localize',
      '--repo',
      repo.path,
      '--rev',
      commit,
      '--query-file',
      queryFile,
      '--k',
      '10',
      '--json',
      '--cache-dir',
      cacheDir,
    );
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.out) as {
      commit: string;
      k: number;
      files: Array<{ path: string; symbols: Array<{ name: string }> }>;
    };
    expect(answer).toMatchObject({ commit, k: 10 });
    expect(answer.files[0]).toMatchObject({ path: 'src/cart.ts', symbols: [{ name: 'cartTotal' }] });
  });

  it('prints a readable ranking and a file summary', async () => {
    const ranking = await cli('localize', '--repo', repo.path, '--query', 'rename a user', '--no-cache');
    expect(ranking.out.split('\n')[0]).toMatch(/^ 1\. src\/user\.ts {2}\d\.\d{3} {2}\[source\] matches/);
    const summary = await cli('summary', '--repo', repo.path, '--path', 'src/user.ts', '--no-cache');
    expect(summary.out).toBe(
      'src/user.ts (typescript, 3 lines)\n1-3: export class User\n2-2:   export method rename\n',
    );
  });

  it.each([
    [[], 0, /^usage:/],
    [['frobnicate'], 2, /^repo-intel: unknown command "frobnicate"/],
    [['localize', '--query', 'x'], 2, /^repo-intel: --repo <path> is required\nusage:/],
    [
      ['localize', '--repo', '.', '--k', 'ten', '--query', 'x'],
      2,
      /^repo-intel: --k must be a whole number from 1 to 1000, got "ten"/,
    ],
    [['localize', '--repo', '.'], 2, /^repo-intel: give exactly one of --query-file <file> or --query <text>/],
    [['index', '--repo', '.', '--k', '3'], 2, /^repo-intel: option --k does not apply to "index"/],
    [['index', '--repo', '.', '--verbose'], 2, /^repo-intel: unknown option --verbose/],
    [['index', '--repo'], 2, /^repo-intel: option --repo needs a value/],
    [
      ['index', '--repo', '.', '--no-cache', '--cache-dir', '/tmp/x'],
      2,
      /^repo-intel: --no-cache and --cache-dir exclude each other/,
    ],
  ])('refuses bad arguments %j with exit code %i and a precise message', async (argv, code, message) => {
    const result = await cli(...argv);
    expect(result.code).toBe(code);
    expect(code === 0 ? result.out : result.err).toMatch(message);
  });

  it('reports user mistakes about the repository, revision, query file and path in one line', async () => {
    const notRepo = await cli('index', '--repo', work, '--no-cache');
    expect(notRepo).toEqual({ code: 2, out: '', err: `repo-intel: ${work} is not a git repository\n` });
    expect((await cli('index', '--repo', repo.path, '--rev', 'nope', '--no-cache')).err).toBe(
      `repo-intel: nope is not a commit in ${repo.path}\n`,
    );
    expect(
      (await cli('localize', '--repo', repo.path, '--query-file', join(work, 'missing.txt'), '--no-cache')).err,
    ).toBe(`repo-intel: cannot read query file ${join(work, 'missing.txt')}: no such file\n`);
    writeFileSync(join(work, 'empty.txt'), '  \n');
    expect(
      (await cli('localize', '--repo', repo.path, '--query-file', join(work, 'empty.txt'), '--no-cache')).code,
    ).toBe(2);
    expect((await cli('summary', '--repo', repo.path, '--path', 'src/none.ts', '--no-cache')).err).toBe(
      `repo-intel: src/none.ts is not a file of commit ${commit.slice(0, 12)}\n`,
    );
  });

  it('runs as the npm script entry point with exit code 2 and no stack trace for a mistake', () => {
    const root = resolve(__dirname, '../../../..');
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'tools/runtime/run-ts.js'),
        join(root, 'libs/repo-intel/src/cli.ts'),
        'localize',
        '--repo',
        repo.path,
        '--rev',
        'missing-branch',
        '--query',
        'x',
        '--no-cache',
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`repo-intel: missing-branch is not a commit in ${repo.path}\n`);
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
