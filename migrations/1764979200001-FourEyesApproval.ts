import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The four-eyes rule per repository: when on, a task's author cannot approve its own diff and
 * diffs are never approved automatically. Off by default, so existing repositories keep working
 * as before. Generated from the entities.
 */
export class FourEyesApproval1764979200001 implements MigrationInterface {
  name = 'FourEyesApproval1764979200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "repositories" ADD "require_separate_approver" boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "repositories" DROP COLUMN "require_separate_approver"`);
  }
}
