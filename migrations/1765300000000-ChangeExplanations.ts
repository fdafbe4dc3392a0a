import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Explain this change" (issue 20): a reviewer's question about the diff and the reviewer model's
 * streamed answer are kept on the task's log as four new event types.
 */
export class ChangeExplanations1765300000000 implements MigrationInterface {
  name = 'ChangeExplanations1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const type of ['explanation_requested', 'explanation_chunk', 'explanation_answered', 'explanation_failed'])
      await queryRunner.query(`ALTER TYPE "public"."task_event_type" ADD VALUE IF NOT EXISTS '${type}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Postgres cannot drop an enum value: the rows go, and the type is rebuilt without them.
    await queryRunner.query(
      `DELETE FROM "task_events" WHERE "type"::text IN ('explanation_requested', 'explanation_chunk', 'explanation_answered', 'explanation_failed')`,
    );
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" RENAME TO "task_event_type_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."task_event_type" AS ENUM('status_changed', 'agent_thought', 'plan_ready', 'file_modified', 'command_executed', 'test_results', 'checkpoint_reached', 'diff_ready', 'pr_created', 'audio_ready', 'error')`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_events" ALTER COLUMN "type" TYPE "public"."task_event_type" USING "type"::"text"::"public"."task_event_type"`,
    );
    await queryRunner.query(`DROP TYPE "public"."task_event_type_old"`);
  }
}
