/**
 * What the chaos checker is given, read from where the truth is kept — the database (statuses,
 * events, pull-request rows), the local forge's bare repositories (branches, commits) and the
 * Docker engine (sandbox containers of the run's instance) — not from what the API last said.
 */
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import type { TaskObservation } from './chaos-invariants';

const TERMINAL = ['completed', 'failed', 'cancelled'];

/** Statuses of the run's tasks right now (for the kill log and the wait at the end). */
export async function taskStatuses(databaseUrl: string): Promise<Map<string, string>> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; status: string }>('SELECT id, status FROM tasks ORDER BY created_at');
    return new Map(rows.map((row) => [row.id, row.status]));
  } finally {
    await db.end();
  }
}

export function isTerminal(status: string): boolean {
  return TERMINAL.includes(status);
}

export async function observeTasks(databaseUrl: string): Promise<TaskObservation[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const tasks = (
      await db.query<{ id: string; status: string; base_branch: string; clone_url: string }>(
        `SELECT t.id, t.status, t.base_branch, r.clone_url FROM tasks t JOIN repositories r ON r.id = t.repository_id
         ORDER BY t.created_at`,
      )
    ).rows;
    const observations: TaskObservation[] = [];
    for (const task of tasks) {
      const events = (
        await db.query<{ type: string; payload: Record<string, unknown> }>(
          'SELECT type, payload FROM task_events WHERE task_id = $1 ORDER BY seq',
          [task.id],
        )
      ).rows;
      const prs = (
        await db.query<{ head_branch: string }>('SELECT head_branch FROM pull_requests WHERE task_id = $1', [task.id])
      ).rows;
      const suffix = `-${task.id
        .replace(/[^0-9a-f]/gi, '')
        .slice(0, 6)
        .toLowerCase()}`;
      const branches = new Set(prs.map((pr) => pr.head_branch));
      for (const branch of git(task.clone_url, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/patchbay/'))
        if (branch.endsWith(suffix)) branches.add(branch);
      const [branch] = [...branches];
      const commits =
        branch === undefined
          ? null
          : Number(git(task.clone_url, 'rev-list', '--count', `${task.base_branch}..${branch}`)[0]);
      const lastError = events.filter((event) => event.type === 'error').pop();
      observations.push({
        taskId: task.id,
        status: task.status,
        statusChanges: events.filter((e) => e.type === 'status_changed').map((e) => String(e.payload['to'])),
        prCreatedEvents: events.filter((e) => e.type === 'pr_created').length,
        pullRequestRows: prs.length,
        branches: [...branches],
        commitsOnBranch: commits,
        ...(lastError ? { lastError: String(lastError.payload['message'] ?? '') } : {}),
      });
    }
    return observations;
  } finally {
    await db.end();
  }
}

/** Sandbox containers (running or not) labelled with the run's instance id. */
export function sandboxContainers(instanceId: string): string[] {
  return execFileSync(
    'docker',
    ['ps', '-a', '--filter', `label=org.patchbay.sandbox.owner=${instanceId}`, '--format', '{{.Names}}'],
    { encoding: 'utf8' },
  )
    .split('\n')
    .filter(Boolean);
}

function git(bare: string, ...args: string[]): string[] {
  return execFileSync('git', args, { cwd: bare, encoding: 'utf8' }).split('\n').filter(Boolean);
}
