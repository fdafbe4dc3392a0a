import type { MigrationInterface, QueryRunner } from 'typeorm';

/** GitHub App: webhook deliveries (de-duplication and outcome) and the link from a task to its GitHub thread. Generated from the entities. */
export class GithubApp1763726400002 implements MigrationInterface {
  name = 'GithubApp1763726400002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "github_deliveries" ("delivery_id" character varying(100) NOT NULL, "event" character varying(100) NOT NULL, "action" character varying(100), "installation_id" bigint, "outcome" character varying(300) NOT NULL DEFAULT 'received', "task_id" uuid, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4a24edd8093948723b6eb5ff606" PRIMARY KEY ("delivery_id"))`,
    );
    await queryRunner.query(`CREATE TYPE "public"."github_thread_kind" AS ENUM('issue', 'pull_request')`);
    await queryRunner.query(
      `CREATE TABLE "task_github_links" ("task_id" uuid NOT NULL, "installation_id" bigint NOT NULL, "repository" character varying(201) NOT NULL, "thread_number" integer NOT NULL, "thread_kind" "public"."github_thread_kind" NOT NULL, "trigger_comment_id" bigint, "follow_up_pull_request" integer, "follow_up_branch" character varying(255), "review_comment_ids" jsonb NOT NULL DEFAULT '[]', "triggered_by_login" character varying(39) NOT NULL, "triggered_by_github_id" bigint NOT NULL, "delivery_id" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_364d4e50f8f5f8fb5db18fa44e2" PRIMARY KEY ("task_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_task_github_links_thread" ON "task_github_links" ("repository", "thread_number") `,
    );
    await queryRunner.query(
      `ALTER TABLE "task_github_links" ADD CONSTRAINT "FK_364d4e50f8f5f8fb5db18fa44e2" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task_github_links" DROP CONSTRAINT "FK_364d4e50f8f5f8fb5db18fa44e2"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_github_links_thread"`);
    await queryRunner.query(`DROP TABLE "task_github_links"`);
    await queryRunner.query(`DROP TYPE "public"."github_thread_kind"`);
    await queryRunner.query(`DROP TABLE "github_deliveries"`);
  }
}
