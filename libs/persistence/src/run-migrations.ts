import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import { DataSource } from 'typeorm';

/** The schema holding LangGraph's checkpoint tables, apart from ours. */
export const CHECKPOINT_SCHEMA = 'langgraph';
import { createDataSourceOptions } from './data-source-options';

/** Applies pending migrations and returns their names; used by `npm run db:migrate` and at start-up. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(createDataSourceOptions(databaseUrl, 'patchbay-migrate'));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    // LangGraph's checkpointer keeps its own tables (own schema); its setup is idempotent.
    const checkpointer = PostgresSaver.fromConnString(databaseUrl, { schema: CHECKPOINT_SCHEMA });
    try {
      await checkpointer.setup();
    } finally {
      await checkpointer.end();
    }
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** SQL that would bring the schema in line with the entities: empty when migrations and entities agree. */
export async function pendingSchemaChanges(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(createDataSourceOptions(databaseUrl, 'patchbay-drift-check'));
  await dataSource.initialize();
  try {
    const log = await dataSource.driver.createSchemaBuilder().log();
    return log.upQueries.map((query) => query.query);
  } finally {
    await dataSource.destroy();
  }
}
