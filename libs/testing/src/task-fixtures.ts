import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import type { Plan, TaskStatus } from '@patchbay/contracts';
import { planContentHash } from '@patchbay/persistence';
import { adminDatabaseUrl } from './test-environment';

/** A real git repository with one commit, for registering in the local forge. */
export function createGitRepository(files: Record<string, string> = { 'README.md': '# demo\n' }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'patchbay-repo-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  git('add', '.');
  git('-c', 'user.email=test@patchbay.local', '-c', 'user.name=Test', 'commit', '-qm', 'initial commit');
  return dir;
}

/**
 * Puts a task where the pipeline would have left it (a plan or a diff awaiting approval), acting
 * as the supervisor would, through a direct database connection.
 */
export async function seedTaskStage(
  taskId: string,
  status: TaskStatus,
  content: {
    plan?: { summary: string; steps: unknown[]; targetTests?: unknown[] };
    diff?: string;
    /** With `diff`: also announce it with `diff_ready` naming these files, as the diff node does. */
    diffFiles?: string[];
  } = {},
): Promise<{ planHash?: string; diffHash?: string }> {
  const db = new Client({ connectionString: adminDatabaseUrl() });
  await db.connect();
  try {
    await db.query('UPDATE tasks SET status = $2 WHERE id = $1', [taskId, status]);
    const result: { planHash?: string; diffHash?: string } = {};
    if (content.plan) {
      const targetTests = content.plan.targetTests ?? [];
      result.planHash = planContentHash({
        summary: content.plan.summary,
        steps: content.plan.steps as Plan['steps'],
        targetTests: targetTests as Plan['targetTests'],
      });
      await db.query(
        `INSERT INTO plans (task_id, version, summary, steps, target_tests, content_hash)
         VALUES ($1, COALESCE((SELECT max(version) FROM plans WHERE task_id = $1), 0) + 1, $2, $3, $4, $5)`,
        [
          taskId,
          content.plan.summary,
          JSON.stringify(content.plan.steps),
          JSON.stringify(targetTests),
          result.planHash,
        ],
      );
    }
    if (content.diff) {
      const bytes = Buffer.from(content.diff);
      result.diffHash = createHash('sha256').update(bytes).digest('hex');
      await db.query(
        `INSERT INTO artifacts (task_id, kind, content_type, size_bytes, sha256, content) VALUES ($1, 'diff', 'text/x-diff', $2, $3, $4)`,
        [taskId, bytes.length, result.diffHash, bytes],
      );
      if (content.diffFiles) {
        const payload = {
          sha256: result.diffHash,
          files: content.diffFiles.map((path) => ({ path, additions: 1, deletions: 0 })),
          tests: null,
        };
        // The task row owns the sequence (tasks.last_event_seq), as TaskEventRepository.append uses it.
        await db.query(
          `WITH next AS (UPDATE tasks SET last_event_seq = last_event_seq + 1 WHERE id = $1 RETURNING last_event_seq)
           INSERT INTO task_events (task_id, seq, type, agent, payload)
           SELECT $1, last_event_seq, 'diff_ready', 'supervisor', $2 FROM next`,
          [taskId, JSON.stringify(payload)],
        );
      }
    }
    return result;
  } finally {
    await db.end();
  }
}

/** Runs SQL as the database superuser: an operator acting behind the application's back. */
export async function asDatabaseOwner<T>(work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: adminDatabaseUrl() });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}
