import { Pool, type PoolClient } from 'pg';

/**
 * One run of a task at a time, across every supervisor process: a session-level advisory lock
 * held on a dedicated connection for as long as the run lasts. A crashed supervisor's session
 * ends with it, which releases the lock for the process that takes over.
 */
export class TaskLease {
  private readonly pool: Pool;

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 20, application_name: 'patchbay-supervisor-lease' });
  }

  async tryAcquire(taskId: string): Promise<(() => Promise<void>) | null> {
    const client: PoolClient = await this.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        `task-run:${taskId}`,
      ]);
      if (!rows[0]?.locked) {
        client.release();
        return null;
      }
    } catch (error) {
      client.release();
      throw error;
    }
    return async () => {
      try {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`task-run:${taskId}`]);
      } finally {
        client.release();
      }
    };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
