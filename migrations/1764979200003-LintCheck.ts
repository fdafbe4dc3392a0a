import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lint as a check of its own: a repository says whether its linter runs (`off`), is found in the
 * repository (`auto`, the default) or is its lint command (`command`). Repositories that already
 * had a lint command keep running it. Generated from the entities.
 */
export class LintCheck1764979200003 implements MigrationInterface {
  name = 'LintCheck1764979200003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."repository_lint_mode" AS ENUM('off', 'auto', 'command')`);
    await queryRunner.query(
      `ALTER TABLE "repositories" ADD "lint_mode" "public"."repository_lint_mode" NOT NULL DEFAULT 'auto'`,
    );
    await queryRunner.query(`UPDATE "repositories" SET "lint_mode" = 'command' WHERE "lint_command" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "repositories" DROP COLUMN "lint_mode"`);
    await queryRunner.query(`DROP TYPE "public"."repository_lint_mode"`);
  }
}
