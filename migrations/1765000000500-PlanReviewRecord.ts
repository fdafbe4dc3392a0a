import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans and reviews as a record (ADR 0017): an approval names the plan version it decided on,
 * and a "Request changes" keeps its inline comments. Rows from before stay as they were (no
 * version, no comments). Generated from the entities.
 */
export class PlanReviewRecord1765000000500 implements MigrationInterface {
  name = 'PlanReviewRecord1765000000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "approvals" ADD "plan_version" integer`);
    await queryRunner.query(`ALTER TABLE "approvals" ADD "comments" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "approvals" DROP COLUMN "comments"`);
    await queryRunner.query(`ALTER TABLE "approvals" DROP COLUMN "plan_version"`);
  }
}
