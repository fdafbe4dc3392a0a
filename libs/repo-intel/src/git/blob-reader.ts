import { GitCommandError, spawnGit } from './git-runner';

/**
 * Reads blobs by object id through one `git cat-file --batch` process, handing each to `onBlob`
 * in request order as soon as it has arrived, so parsing overlaps with git decompressing the
 * next objects. Content always comes from the object database: the working tree (and any symlink
 * in it) is never touched.
 */
export async function readBlobs(repo: string, objectIds: readonly string[], onBlob: (objectId: string, content: Buffer) => void): Promise<void> {
  if (objectIds.length === 0) return;
  const child = spawnGit(repo, ['cat-file', '--batch']);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));

  const done = new Promise<void>((resolve, reject) => {
    let pending = Buffer.alloc(0);
    let next = 0;
    let failure: Error | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      if (failure) return;
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      try {
        for (;;) {
          const newline = pending.indexOf(0x0a);
          if (newline < 0) break;
          const header = pending.subarray(0, newline).toString('latin1');
          const [id, type, sizeText] = header.split(' ');
          if (type === 'missing' || type === undefined || sizeText === undefined) throw new Error(`object ${id ?? header} is missing from the repository`);
          const size = Number(sizeText);
          // The object is followed by one newline; wait until all of it is here.
          if (pending.length < newline + 1 + size + 1) break;
          const content = pending.subarray(newline + 1, newline + 1 + size);
          pending = pending.subarray(newline + 1 + size + 1);
          const expected = objectIds[next++];
          if (id !== expected) throw new Error(`git cat-file answered ${id} where ${expected} was asked for`);
          onBlob(id, Buffer.from(content));
        }
      } catch (error) {
        failure = error as Error;
        child.kill();
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (failure) reject(failure);
      else if (next < objectIds.length) reject(new GitCommandError(['cat-file', '--batch'], stderr || `exited with ${code} after ${next} of ${objectIds.length} objects`));
      else resolve();
    });
  });
  // Writing everything up front is safe: Node buffers stdin while stdout is drained above.
  child.stdin.on('error', () => undefined);
  child.stdin.end(`${objectIds.join('\n')}\n`);
  await done;
}
