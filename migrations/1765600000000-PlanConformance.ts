import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plan conformance (issue 17, ADR 0031): the report on each prepared diff, the `plan_conformance`
 * event type, and the paths a diff approval acknowledged as changed outside the plan.
 */
export class PlanConformance1765600000000 implements MigrationInterface {
  name = 'PlanConformance1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" ADD VALUE IF NOT EXISTS 'plan_conformance'`);
    await queryRunner.query(
      `CREATE TABLE "plan_conformance_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "diff_sha256" character(64) NOT NULL, "plan_version" integer, "report" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_498930d3ca342266543988c46b2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_plan_conformance_task_diff" ON "plan_conformance_reports" ("task_id", "diff_sha256") `,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_conformance_reports" ADD CONSTRAINT "FK_52bb004746725f4257a85ee3f85" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "approvals" ADD "acknowledged_out_of_plan" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "approvals" DROP COLUMN "acknowledged_out_of_plan"`);
    await queryRunner.query(`DROP TABLE "plan_conformance_reports"`);
    // Postgres cannot drop an enum value: the events go, and the type is rebuilt without it.
    await queryRunner.query(`DELETE FROM "task_events" WHERE "type" = 'plan_conformance'`);
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" RENAME TO "task_event_type_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."task_event_type" AS ENUM('status_changed', 'agent_thought', 'plan_ready', 'file_modified', 'command_executed', 'test_results', 'checkpoint_reached', 'diff_ready', 'pr_created', 'audio_ready', 'error', 'clarification_requested', 'clarification_answered', 'constraint_added', 'explanation_requested', 'explanation_chunk', 'explanation_answered', 'explanation_failed', 'mcp_tool_called', 'check_completed', 'check_waived')`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_events" ALTER COLUMN "type" TYPE "public"."task_event_type" USING "type"::"text"::"public"."task_event_type"`,
    );
    await queryRunner.query(`DROP TYPE "public"."task_event_type_old"`);
  }
}
