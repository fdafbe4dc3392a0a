import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The egress report (issue 17, ADR 0032): a repository's allowed hosts, the `egress_report`
 * artifact kind and the `egress_report` task-event type.
 */
export class EgressReport1765700000000 implements MigrationInterface {
  name = 'EgressReport1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "repositories" ADD "egress_allowed_hosts" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TYPE "public"."artifact_kind" ADD VALUE IF NOT EXISTS 'egress_report'`);
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" ADD VALUE IF NOT EXISTS 'egress_report'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Postgres cannot drop an enum value: the rows go, and each type is rebuilt without it.
    await queryRunner.query(`DELETE FROM "task_events" WHERE "type" = 'egress_report'`);
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" RENAME TO "task_event_type_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."task_event_type" AS ENUM('status_changed', 'agent_thought', 'plan_ready', 'file_modified', 'command_executed', 'test_results', 'checkpoint_reached', 'diff_ready', 'pr_created', 'audio_ready', 'error', 'clarification_requested', 'clarification_answered', 'constraint_added', 'explanation_requested', 'explanation_chunk', 'explanation_answered', 'explanation_failed', 'mcp_tool_called', 'check_completed', 'check_waived', 'plan_conformance')`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_events" ALTER COLUMN "type" TYPE "public"."task_event_type" USING "type"::"text"::"public"."task_event_type"`,
    );
    await queryRunner.query(`DROP TYPE "public"."task_event_type_old"`);
    await queryRunner.query(`DELETE FROM "artifacts" WHERE "kind" = 'egress_report'`);
    await queryRunner.query(`ALTER TYPE "public"."artifact_kind" RENAME TO "artifact_kind_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."artifact_kind" AS ENUM('diff', 'log', 'audio', 'test_report', 'attempt_diff')`,
    );
    await queryRunner.query(
      `ALTER TABLE "artifacts" ALTER COLUMN "kind" TYPE "public"."artifact_kind" USING "kind"::"text"::"public"."artifact_kind"`,
    );
    await queryRunner.query(`DROP TYPE "public"."artifact_kind_old"`);
    await queryRunner.query(`ALTER TABLE "repositories" DROP COLUMN "egress_allowed_hosts"`);
  }
}
