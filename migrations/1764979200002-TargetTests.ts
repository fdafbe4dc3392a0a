import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Target tests: a plan version records the tests the task must make pass, and a repository says
 * whether failures its base commit already had may stay in a finished change. Plans written
 * before have no target tests; repositories keep today's behaviour (pre-existing failures may
 * stay, listed in the pull request). Generated from the entities.
 */
export class TargetTests1764979200002 implements MigrationInterface {
  name = 'TargetTests1764979200002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plans" ADD "target_tests" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(
      `ALTER TABLE "repositories" ADD "allow_preexisting_failures" boolean NOT NULL DEFAULT true`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "repositories" DROP COLUMN "allow_preexisting_failures"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "target_tests"`);
  }
}
