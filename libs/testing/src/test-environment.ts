/**
 * Where integration tests find the machine's real services. The test database is recreated and
 * migrated once per Jest run (global-setup.ts); tests connect as the unprivileged application
 * role, the way a production deployment should.
 */
export const TEST_DATABASE = process.env['TEST_DATABASE_NAME'] ?? 'patchbay_test';
export const TEST_APP_ROLE = 'patchbay_app';

const host = process.env['TEST_PGHOST'] ?? '127.0.0.1';
const port = process.env['TEST_PGPORT'] ?? '5432';

/** A superuser connection, for setup and for tests that play an operator acting behind the app's back. */
export function adminDatabaseUrl(database = TEST_DATABASE): string {
  return (
    process.env['TEST_ADMIN_DATABASE_URL']?.replace(/\/[^/]*$/, `/${database}`) ??
    `postgres://postgres@${host}:${port}/${database}`
  );
}

/** The application role's connection: no superuser, no DDL, no way around triggers. */
export function testDatabaseUrl(): string {
  return `postgres://${TEST_APP_ROLE}:${TEST_APP_ROLE}@${host}:${port}/${TEST_DATABASE}`;
}

export function testAmqpUrl(): string {
  return process.env['TEST_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
}
