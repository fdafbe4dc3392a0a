import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Constraints added while a task runs (issue 20): a table of additions, and the `constraint_added`
 * event type that records each one in the task's timeline.
 */
export class TaskConstraintAdditions1765200000000 implements MigrationInterface {
  name = 'TaskConstraintAdditions1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" ADD VALUE IF NOT EXISTS 'constraint_added'`);
    await queryRunner.query(
      `CREATE TABLE "task_constraint_additions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "note" text, "avoid_files" jsonb NOT NULL DEFAULT '[]', "max_files_changed" integer, "added_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_153d8a919c9fafa836a30afc925" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_task_constraint_additions_task_created" ON "task_constraint_additions" ("task_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "task_constraint_additions" ADD CONSTRAINT "FK_67b358d23dc52e976f8d4306a6f" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_constraint_additions" ADD CONSTRAINT "FK_71f63381b9560205d506a8160f4" FOREIGN KEY ("added_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "task_constraint_additions"`);
    // Postgres cannot drop an enum value: the events go, and the type is rebuilt without it.
    await queryRunner.query(`DELETE FROM "task_events" WHERE "type" = 'constraint_added'`);
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
