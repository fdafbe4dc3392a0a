import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitCommandError, spawnGit } from './git-runner';

interface Batch {
  ids: readonly string[];
  next: number;
  onBlob: (objectId: string, content: Buffer) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Reads blobs by object id through one long-lived `git cat-file --batch` process, handing each
 * to the caller in request order as soon as it has arrived, so parsing overlaps with git
 * decompressing the next objects. Content always comes from the object database: the working
 * tree (and any symlink in it) is never touched. One process serves every batch of a build.
 */
export class BlobReader {
  private child: ChildProcessWithoutNullStreams | null = null;
  private readonly batches: Batch[] = [];
  private pending: Buffer = Buffer.alloc(0);
  private stderr = '';
  private failure: Error | null = null;

  constructor(readonly repo: string) {}

  /** Reads the given blobs; resolves once `onBlob` has seen every one of them. */
  read(objectIds: readonly string[], onBlob: (objectId: string, content: Buffer) => void): Promise<void> {
    if (objectIds.length === 0) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    const child = this.process();
    return new Promise<void>((resolve, reject) => {
      this.batches.push({ ids: objectIds, next: 0, onBlob, resolve, reject });
      // Writing a whole batch up front is safe: Node buffers stdin while stdout is drained.
      child.stdin.write(`${objectIds.join('\n')}\n`);
    });
  }

  close(): void {
    this.child?.stdin.end();
    this.child = null;
  }

  private process(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawnGit(this.repo, ['cat-file', '--batch']);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    child.stdin.on('error', () => undefined);
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.on('error', (error) => this.fail(error));
    child.on('close', (code) => {
      if (this.batches.length > 0)
        this.fail(new GitCommandError(['cat-file', '--batch'], this.stderr || `exited with ${code} before answering`));
    });
    this.child = child;
    return child;
  }

  private receive(chunk: Buffer): void {
    if (this.failure) return;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    try {
      for (;;) {
        const batch = this.batches[0];
        if (!batch) return;
        const newline = this.pending.indexOf(0x0a);
        if (newline < 0) return;
        const header = this.pending.subarray(0, newline).toString('latin1');
        const [id, type, sizeText] = header.split(' ');
        if (type === 'missing' || type === undefined || sizeText === undefined)
          throw new Error(`object ${id ?? header} is missing from the repository`);
        const size = Number(sizeText);
        // The object is followed by one newline; wait until all of it is here.
        if (this.pending.length < newline + 1 + size + 1) return;
        const content = Buffer.from(this.pending.subarray(newline + 1, newline + 1 + size));
        this.pending = this.pending.subarray(newline + 1 + size + 1);
        const expected = batch.ids[batch.next++];
        if (id !== expected) throw new Error(`git cat-file answered ${id} where ${expected} was asked for`);
        batch.onBlob(id, content);
        if (batch.next === batch.ids.length) {
          this.batches.shift();
          batch.resolve();
        }
      }
    } catch (error) {
      this.fail(error as Error);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const batch of this.batches.splice(0)) batch.reject(this.failure);
    this.child?.kill();
    this.child = null;
  }
}

/** Reads one set of blobs with a reader of its own (see BlobReader). */
export async function readBlobs(
  repo: string,
  objectIds: readonly string[],
  onBlob: (objectId: string, content: Buffer) => void,
): Promise<void> {
  const reader = new BlobReader(repo);
  try {
    await reader.read(objectIds, onBlob);
  } finally {
    reader.close();
  }
}
