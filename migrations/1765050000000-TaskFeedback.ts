import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviewers' thumbs up/down per task and per file (issue 20, item 5), and when a pull request was
 * merged, for the organisation report's time to merge. Generated from the entities.
 */
export class TaskFeedback1765050000000 implements MigrationInterface {
  name = 'TaskFeedback1765050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."feedback_rating" AS ENUM('up', 'down')`);
    await queryRunner.query(
      `CREATE TABLE "task_feedback" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "user_id" uuid NOT NULL, "file_path" character varying(1000), "rating" "public"."feedback_rating" NOT NULL, "comment" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5a57783a3ce24e6983087367d78" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_task_feedback_file_vote" ON "task_feedback" ("task_id", "user_id", "file_path") WHERE "file_path" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_task_feedback_task_vote" ON "task_feedback" ("task_id", "user_id") WHERE "file_path" IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "pull_requests" ADD "merged_at" TIMESTAMP WITH TIME ZONE`);
    // Pull requests merged before this migration have no time; their last update is the best guess.
    await queryRunner.query(`UPDATE "pull_requests" SET "merged_at" = "updated_at" WHERE "state" = 'merged'`);
    await queryRunner.query(
      `ALTER TABLE "task_feedback" ADD CONSTRAINT "FK_a74901e7834c93b33c3dde80796" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_feedback" ADD CONSTRAINT "FK_0e598b21dc9c94c932fee906108" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task_feedback" DROP CONSTRAINT "FK_0e598b21dc9c94c932fee906108"`);
    await queryRunner.query(`ALTER TABLE "task_feedback" DROP CONSTRAINT "FK_a74901e7834c93b33c3dde80796"`);
    await queryRunner.query(`ALTER TABLE "pull_requests" DROP COLUMN "merged_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_task_feedback_task_vote"`);
    await queryRunner.query(`DROP INDEX "public"."uq_task_feedback_file_vote"`);
    await queryRunner.query(`DROP TABLE "task_feedback"`);
    await queryRunner.query(`DROP TYPE "public"."feedback_rating"`);
  }
}
