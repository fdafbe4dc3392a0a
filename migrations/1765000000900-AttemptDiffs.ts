import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The diff of each coding round (issue 15, item 6): a new artifact kind, `attempt_diff`, and the
 * round it was taken after. The presented diff (kind `diff`) stays as it was, with no round.
 */
export class AttemptDiffs1765000000900 implements MigrationInterface {
  name = 'AttemptDiffs1765000000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."artifact_kind" ADD VALUE IF NOT EXISTS 'attempt_diff'`);
    await queryRunner.query(`ALTER TABLE "artifacts" ADD "round" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "artifacts" DROP COLUMN "round"`);
    // Postgres cannot drop an enum value: the rows go, and the type is rebuilt without it.
    await queryRunner.query(`DELETE FROM "artifacts" WHERE "kind" = 'attempt_diff'`);
    await queryRunner.query(`ALTER TYPE "public"."artifact_kind" RENAME TO "artifact_kind_old"`);
    await queryRunner.query(`CREATE TYPE "public"."artifact_kind" AS ENUM('diff', 'log', 'audio', 'test_report')`);
    await queryRunner.query(
      `ALTER TABLE "artifacts" ALTER COLUMN "kind" TYPE "public"."artifact_kind" USING "kind"::"text"::"public"."artifact_kind"`,
    );
    await queryRunner.query(`DROP TYPE "public"."artifact_kind_old"`);
  }
}
