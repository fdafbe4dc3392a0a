import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Required checks (issue 17, ADR 0030): a repository's named checks in its settings, and two event
 * types, `check_completed` (a check's result on a validation run) and `check_waived` (a person let a
 * failed one through).
 */
export class RequiredChecks1765500000000 implements MigrationInterface {
  name = 'RequiredChecks1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "repositories" ADD "required_checks" jsonb`);
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" ADD VALUE IF NOT EXISTS 'check_completed'`);
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" ADD VALUE IF NOT EXISTS 'check_waived'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Postgres cannot drop an enum value: the rows go, and the type is rebuilt without them.
    await queryRunner.query(`DELETE FROM "task_events" WHERE "type" IN ('check_completed', 'check_waived')`);
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" RENAME TO "task_event_type_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."task_event_type" AS ENUM('status_changed', 'agent_thought', 'plan_ready', 'file_modified', 'command_executed', 'test_results', 'checkpoint_reached', 'diff_ready', 'pr_created', 'audio_ready', 'error', 'clarification_requested', 'clarification_answered', 'constraint_added', 'explanation_requested', 'explanation_chunk', 'explanation_answered', 'explanation_failed', 'mcp_tool_called')`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_events" ALTER COLUMN "type" TYPE "public"."task_event_type" USING "type"::"text"::"public"."task_event_type"`,
    );
    await queryRunner.query(`DROP TYPE "public"."task_event_type_old"`);
    await queryRunner.query(`ALTER TABLE "repositories" DROP COLUMN "required_checks"`);
  }
}
