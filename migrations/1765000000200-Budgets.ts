import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Budgets in money and tokens: admins' limits per scope (a task default, every user's or one
 * user's daily limit, the organisation's monthly limit) and a task's own budget. Generated from
 * the entities.
 */
export class Budgets1765000000200 implements MigrationInterface {
  name = 'Budgets1765000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."budget_scope" AS ENUM('task', 'user_day', 'organisation_month')`);
    await queryRunner.query(
      `CREATE TABLE "budgets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "scope" "public"."budget_scope" NOT NULL, "subject_key" uuid NOT NULL, "limit_usd" numeric(12,6), "limit_tokens" bigint, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9c8a51748f82387644b773da482" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_budgets_scope_subject" ON "budgets" ("organisation_id", "scope", "subject_key") `,
    );
    await queryRunner.query(`ALTER TABLE "tasks" ADD "budget_usd" numeric(12,6)`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "budget_tokens" bigint`);
    await queryRunner.query(
      `ALTER TABLE "budgets" ADD CONSTRAINT "FK_40dbdbe3d3270b0c6604d1a454f" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "budgets" DROP CONSTRAINT "FK_40dbdbe3d3270b0c6604d1a454f"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "budget_tokens"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "budget_usd"`);
    await queryRunner.query(`DROP INDEX "public"."uq_budgets_scope_subject"`);
    await queryRunner.query(`DROP TABLE "budgets"`);
    await queryRunner.query(`DROP TYPE "public"."budget_scope"`);
  }
}
