import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecRequest, ExecResult, ReadFileResponse, WriteFileResponse } from '@patchbay/contracts';
import type { SandboxClient } from '@patchbay/sandbox-client';

/**
 * A stand-in for the sandbox service over a git repository in a temporary directory, for the
 * coding tools' specs: files are read and written there and commands run there with bash, so
 * `git apply` is the real one. It offers only what the coding tools call.
 */
export class DirectorySandbox {
  readonly root = mkdtempSync(join(tmpdir(), 'coding-tools-'));

  constructor(files: Record<string, string> = {}) {
    this.run('git init -q');
    for (const [path, content] of Object.entries(files)) this.put(path, content);
  }

  put(path: string, content: string): void {
    mkdirSync(dirname(join(this.root, path)), { recursive: true });
    writeFileSync(join(this.root, path), content);
  }

  /** A file's content, or null when it does not exist. */
  content(path: string): string | null {
    try {
      return readFileSync(join(this.root, path), 'utf8');
    } catch {
      return null;
    }
  }

  /**
   * The diff `git diff` prints for changing files to these contents (null deletes one), with the
   * workspace left as it was: what a model would hand apply_diff.
   */
  diffTo(files: Record<string, string | null>): string {
    this.run(
      'git add -A && git -c user.name=spec -c user.email=spec@example.com -c commit.gpgsign=false commit -q --allow-empty -m base',
    );
    for (const [path, content] of Object.entries(files)) {
      if (content === null) unlinkSync(join(this.root, path));
      else this.put(path, content);
    }
    const diff = this.run('git add -A && git diff --cached -M').stdout;
    this.reset();
    return diff;
  }

  /** Puts the workspace back as the last diffTo found it. */
  reset(): void {
    this.run('git reset -q --hard && git clean -qfd');
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  client(): SandboxClient {
    const client: Pick<SandboxClient, 'readFile' | 'writeFile' | 'deleteFile' | 'exec'> = {
      readFile: async (_id: string, path: string): Promise<ReadFileResponse> => {
        const content = readFileSync(join(this.root, path), 'utf8');
        const totalLines = content.split('\n').length;
        return { path, content, totalLines, startLine: 1, endLine: totalLines };
      },
      writeFile: async (_id: string, path: string, content: string): Promise<WriteFileResponse> => {
        this.put(path, content);
        return { path, bytes: Buffer.byteLength(content) };
      },
      deleteFile: async (_id: string, path: string): Promise<void> => unlinkSync(join(this.root, path)),
      exec: async (_id: string, request: ExecRequest): Promise<ExecResult> => this.run(request.command, request.env),
    };
    return client as SandboxClient;
  }

  private run(command: string, env: Record<string, string> = {}): ExecResult {
    const started = Date.now();
    const result = spawnSync('bash', ['-c', command], {
      cwd: this.root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    return {
      exitCode: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
      durationMs: Date.now() - started,
      timedOut: false,
      killedProcesses: 0,
      oomKilled: false,
      pidsLimitReached: false,
      truncated: false,
      sandboxState: 'running',
    };
  }
}
