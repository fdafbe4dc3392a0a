import { runMigrations } from '@patchbay/persistence';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL. */
async function main(): Promise<void> {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is required, e.g. postgres://postgres@127.0.0.1:5432/patchbay');
  const applied = await runMigrations(url);
  console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
