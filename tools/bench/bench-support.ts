/** What the benchmarks share: their own migrated database, command-line numbers, quantiles and their blocks in docs/performance.md. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { runMigrations } from '@patchbay/persistence';
import { Client } from 'pg';

const DATABASE = 'patchbay_bench';
const ADMIN_URL = process.env['BENCH_ADMIN_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A benchmark database's URL on the benchmarks' server. */
export function benchDatabaseUrl(database: string): string {
  return ADMIN_URL.replace(/\/[^/]*$/, `/${database}`);
}

/** The benchmarks' database, apart from the test database so a benchmark never disturbs a test run. */
export const BENCH_DATABASE_URL = benchDatabaseUrl(DATABASE);

/**
 * Recreates and migrates a benchmark database, so every run starts from the same empty state. A
 * benchmark that may run beside another passes its own name, since a recreate drops the other's.
 */
export async function freshBenchDatabase(database = DATABASE): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`not a plain database name: ${database}`);
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  await runMigrations(benchDatabaseUrl(database));
}

/** `--name <text>` from the command line, or undefined. */
export function stringArgument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
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

/** A benchmark's measured block: when and how it was measured, its summary line, its table. */
export interface MeasuredBlock {
  measured: string;
  summary: string;
  table: string;
}

/**
 * Rewrites the block between `<!-- marker:begin -->` and `<!-- marker:end -->` in
 * docs/performance.md, or appends it under `heading` when the document has no such block yet.
 * The prose around a block is maintained by hand.
 */
export async function writeMeasuredBlock(
  marker: string,
  heading: string,
  { measured, summary, table }: MeasuredBlock,
): Promise<void> {
  const docPath = resolve(__dirname, '../../docs/performance.md');
  const [begin, end] = [`<!-- ${marker}:begin -->`, `<!-- ${marker}:end -->`];
  const block = [begin, measured, '', summary, '', table, end].join('\n');
  const doc = await readFile(docPath, 'utf8');
  const at = doc.indexOf(begin);
  const until = doc.indexOf(end, at);
  const next =
    at >= 0 && until >= 0
      ? `${doc.slice(0, at)}${block}${doc.slice(until + end.length)}`
      : `${doc.trimEnd()}\n\n${heading}\n\n${block}\n`;
  await writeFile(docPath, next);
}

/** Writes a benchmark's JSON report (its folder created when missing). */
export async function writeJsonReport(path: string, report: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}
