// Jest loads this file outside its module registry, so workspace aliases are registered by hand.
import path from 'node:path';
import { register } from 'tsconfig-paths';
import { Client } from 'pg';
import { adminDatabaseUrl, TEST_APP_ROLE, TEST_DATABASE } from './test-environment';

const root = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
register({ baseUrl: root, paths: compilerOptions.paths });

/** Recreates the test database, migrates it once for the whole run and grants the app role only DML. */
export default async function globalSetup(): Promise<void> {
  // Required here, after the aliases are registered, because the migrations import them.
  const { runMigrations } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../../persistence/src/run-migrations') as typeof import('../../persistence/src/run-migrations');

  const admin = new Client({ connectionString: adminDatabaseUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [TEST_DATABASE],
    );
    await admin.query(`DROP DATABASE IF EXISTS ${TEST_DATABASE}`);
    await admin.query(`CREATE DATABASE ${TEST_DATABASE}`);
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [TEST_APP_ROLE]);
    if (role.rowCount === 0)
      await admin.query(
        `CREATE ROLE ${TEST_APP_ROLE} LOGIN PASSWORD '${TEST_APP_ROLE}' NOSUPERUSER NOCREATEDB NOCREATEROLE`,
      );
  } finally {
    await admin.end();
  }

  await runMigrations(adminDatabaseUrl());

  const db = new Client({ connectionString: adminDatabaseUrl() });
  await db.connect();
  try {
    await db.query(`GRANT CONNECT ON DATABASE ${TEST_DATABASE} TO ${TEST_APP_ROLE}`);
    await db.query(`GRANT USAGE ON SCHEMA public TO ${TEST_APP_ROLE}`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${TEST_APP_ROLE}`);
    await db.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${TEST_APP_ROLE}`);
    // LangGraph's checkpoint tables, created by the migration step in their own schema.
    await db.query(`GRANT USAGE ON SCHEMA langgraph TO ${TEST_APP_ROLE}`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA langgraph TO ${TEST_APP_ROLE}`);
  } finally {
    await db.end();
  }
}
