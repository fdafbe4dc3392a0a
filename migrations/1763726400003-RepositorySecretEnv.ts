import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Write-only secret environment variables per repository, sealed by the key provider. Generated from the entities. */
export class RepositorySecretEnv1763726400003 implements MigrationInterface {
  name = 'RepositorySecretEnv1763726400003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "repositories" ADD "secret_env" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "repositories" DROP COLUMN "secret_env"`);
  }
}
