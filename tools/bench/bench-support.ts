/** What the benchmarks share: their own migrated database, command-line numbers and quantiles. */
import { runMigrations } from '@patchbay/persistence';
import { Client } from 'pg';

const DATABASE = 'patchbay_bench';
const ADMIN_URL = process.env['BENCH_ADMIN_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The benchmarks' database, apart from the test database so a benchmark never disturbs a test run. */
export const BENCH_DATABASE_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DATABASE}`);

/** Recreates and migrates the benchmark database, so every run starts from the same empty state. */
export async function freshBenchDatabase(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  await runMigrations(BENCH_DATABASE_URL);
}

/** `--name <number>` from the command line, or the fallback. */
export function numberArgument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** The q-quantile (nearest rank) of a list of numbers. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}
