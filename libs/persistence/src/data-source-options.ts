import { MIGRATIONS } from '@patchbay/migrations';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

/** The single place that describes how Patchbay talks to Postgres; the schema comes only from migrations. */
export function createDataSourceOptions(databaseUrl: string, applicationName = 'patchbay'): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    applicationName,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+, so the app role needs no CREATE EXTENSION right.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    extra: { max: 10 },
  };
}
