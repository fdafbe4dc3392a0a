import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ForgeConflictError, LocalForge } from './local-forge';

function bareRepository(): { bare: string; base: string } {
  const work = mkdtempSync(path.join(os.tmpdir(), 'forge-src-'));
  const sh = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' }).toString().trim();
  sh(work, 'init', '-q', '-b', 'main');
  writeFileSync(path.join(work, 'greet.js'), "exports.greet = (n) => 'hi ' + n;\n");
  sh(work, 'add', '.');
  sh(work, '-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qm', 'init');
  const bare = mkdtempSync(path.join(os.tmpdir(), 'forge-bare-'));
  sh(bare, 'clone', '-q', '--bare', work, '.');
  return { bare, base: sh(work, 'rev-parse', 'HEAD') };
}

const DIFF = `diff --git a/greet.js b/greet.js
--- a/greet.js
+++ b/greet.js
@@ -1 +1 @@
-exports.greet = (n) => 'hi ' + n;
+exports.greet = (n) => 'Hello, ' + n;
`;
const author = { name: 'Patchbay', email: 'patchbay@localhost' };

describe('LocalForge (real git)', () => {
  const forge = new LocalForge();

  it('publishes the diff as one commit on a new branch, and merges it fast-forward', async () => {
    const { bare, base } = bareRepository();
    const result = await forge.publish({
      barePath: bare,
      baseCommit: base,
      branch: 'patchbay/x',
      diff: DIFF,
      message: 'fix: greet politely\n\nCo-authored-by: Ada <ada@example.com>',
      author,
    });
    expect(result.filesChanged).toEqual(['greet.js']);
    expect(await forge.branchHead(bare, 'patchbay/x')).toBe(result.headSha);
    const shown = execFileSync('git', ['--git-dir', bare, 'show', `${result.headSha}:greet.js`]).toString();
    expect(shown).toContain('Hello, ');
    expect(execFileSync('git', ['--git-dir', bare, 'log', '-1', '--format=%B', result.headSha]).toString()).toContain(
      'Co-authored-by: Ada',
    );
    expect(await forge.resolve(bare, 'main')).toBe(base);

    const merged = await forge.merge(bare, 'main', 'patchbay/x', author);
    expect(merged).toEqual({ mergedSha: result.headSha, fastForward: true });
  });

  it('never overwrites an existing branch and refuses a diff that does not apply', async () => {
    const { bare, base } = bareRepository();
    await forge.publish({ barePath: bare, baseCommit: base, branch: 'patchbay/y', diff: DIFF, message: 'fix', author });
    await expect(
      forge.publish({ barePath: bare, baseCommit: base, branch: 'patchbay/y', diff: DIFF, message: 'fix', author }),
    ).rejects.toThrow(ForgeConflictError);
    await expect(
      forge.publish({
        barePath: bare,
        baseCommit: base,
        branch: 'patchbay/z',
        diff: DIFF.replace("'hi '", "'yo '"),
        message: 'fix',
        author,
      }),
    ).rejects.toThrow('does not apply');
    expect(await forge.branchHead(bare, 'patchbay/z')).toBeNull();
  });
});
