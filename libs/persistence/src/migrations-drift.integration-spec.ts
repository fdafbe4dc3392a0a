import { adminDatabaseUrl } from '@patchbay/testing';
import { pendingSchemaChanges } from './run-migrations';

/**
 * The committed migrations must produce exactly the schema the entities describe. When this
 * fails, generate a migration from the entities (docs/database.md) instead of editing by hand.
 */
describe('entities and migrations', () => {
  it('do not drift apart', async () => {
    await expect(pendingSchemaChanges(adminDatabaseUrl())).resolves.toEqual([]);
  });
});
