import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The planner may ask the requester a question (ADR 0026): a status to wait in and two event types. */
export class ClarifyingQuestions1765100000000 implements MigrationInterface {
  name = 'ClarifyingQuestions1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TYPE "public"."task_status" ADD VALUE IF NOT EXISTS 'awaiting_clarification' AFTER 'awaiting_plan_approval'`,
    );
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" ADD VALUE IF NOT EXISTS 'clarification_requested'`);
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" ADD VALUE IF NOT EXISTS 'clarification_answered'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Postgres cannot drop an enum value: the rows that use them go (a waiting task fails), and the types are rebuilt without them.
    await queryRunner.query(`UPDATE "tasks" SET "status" = 'failed' WHERE "status" = 'awaiting_clarification'`);
    await queryRunner.query(
      `DELETE FROM "task_events" WHERE "type" IN ('clarification_requested', 'clarification_answered')`,
    );
    await queryRunner.query(`ALTER TABLE "tasks" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(`ALTER TYPE "public"."task_status" RENAME TO "task_status_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."task_status" AS ENUM('queued', 'analysing', 'planning', 'awaiting_plan_approval', 'executing', 'validating', 'paused', 'awaiting_diff_approval', 'publishing', 'completed', 'failed', 'cancelled')`,
    );
    await queryRunner.query(
      `ALTER TABLE "tasks" ALTER COLUMN "status" TYPE "public"."task_status" USING "status"::"text"::"public"."task_status"`,
    );
    await queryRunner.query(`ALTER TABLE "tasks" ALTER COLUMN "status" SET DEFAULT 'queued'`);
    await queryRunner.query(`DROP TYPE "public"."task_status_old"`);
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
