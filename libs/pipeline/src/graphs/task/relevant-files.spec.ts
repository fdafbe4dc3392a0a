import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitRepository } from '@patchbay/testing';
import { relevantFiles } from './relevant-files';

describe('relevantFiles', () => {
  const source = createGitRepository({
    'src/greet.js':
      "// Builds the greeting shown to a user.\nfunction greet(name) {\n  return 'Hello, ' + name;\n}\nmodule.exports = { greet };\n",
    'src/farewell.js': "function farewell(name) {\n  return 'Bye, ' + name;\n}\nmodule.exports = { farewell };\n",
    'test/greet.test.js': "const { greet } = require('../src/greet');\n",
    'README.md': '# demo\n',
  });
  const work = mkdtempSync(join(tmpdir(), 'relevant-files-'));
  const bare = join(work, 'repo.git');
  execFileSync('git', ['clone', '-q', '--bare', source, bare]);
  const commit = execFileSync('git', ['-C', bare, 'rev-parse', 'HEAD']).toString().trim();
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(source, { recursive: true, force: true });
  });

  it('ranks the files of the bare repository for the task, with evidence and symbols', async () => {
    const relevant = await relevantFiles(bare, commit, 'The greeting should use the name of the user', null);
    expect(relevant.text.split('\n')[0]).toMatch(/^src\/greet\.js — .*; see greet \(2-4\)$/);
    expect(relevant.note).toMatch(/^Repository intelligence \(full index, \d+ ms\): src\/greet\.js/);
  });

  it('reports why it cannot help instead of failing the analysis', async () => {
    const relevant = await relevantFiles(join(work, 'missing.git'), commit, 'anything', null);
    expect(relevant).toEqual({
      text: '',
      paths: [],
      note: `Repository intelligence unavailable: ${join(work, 'missing.git')} is not a git repository`,
    });
  });
});
