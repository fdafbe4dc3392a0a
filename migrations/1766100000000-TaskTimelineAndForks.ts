import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18 (ADR 0036): the supervisor's record of each task's LangGraph checkpoints, and the link
 * from a forked task to its parent and the checkpoint it started from.
 */
export class TaskTimelineAndForks1766100000000 implements MigrationInterface {
  name = 'TaskTimelineAndForks1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "task_checkpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "attempt" integer NOT NULL, "thread_id" character varying(100) NOT NULL, "checkpoint_id" character varying(100) NOT NULL, "node" character varying(60), "next_node" character varying(60), "step" integer NOT NULL, "round" integer NOT NULL DEFAULT '0', "has_plan" boolean NOT NULL DEFAULT false, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_71dc5c78db9c8aed7f0e5d46921" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_task_checkpoints_task_at" ON "task_checkpoints" ("task_id", "at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_task_checkpoints_thread_checkpoint" ON "task_checkpoints" ("thread_id", "checkpoint_id") `,
    );
    await queryRunner.query(`ALTER TABLE "tasks" ADD "parent_task_id" uuid`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "forked_from_checkpoint" character varying(100)`);
    await queryRunner.query(`CREATE INDEX "ix_tasks_parent" ON "tasks" ("parent_task_id") `);
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "FK_54fc42a253a8338488ec1f960ad" FOREIGN KEY ("parent_task_id") REFERENCES "tasks"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_checkpoints" ADD CONSTRAINT "FK_b64699f46ea8c329b4df4b405c4" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task_checkpoints" DROP CONSTRAINT "FK_b64699f46ea8c329b4df4b405c4"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_54fc42a253a8338488ec1f960ad"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_parent"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "forked_from_checkpoint"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "parent_task_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_task_checkpoints_thread_checkpoint"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_checkpoints_task_at"`);
    await queryRunner.query(`DROP TABLE "task_checkpoints"`);
  }
}
