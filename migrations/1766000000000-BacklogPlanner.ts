import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The backlog planner's projects, task trees, versions and conversations (issue 18, ADR 0035). */
export class BacklogPlanner1766000000000 implements MigrationInterface {
  name = 'BacklogPlanner1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "backlog_projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "goal" text NOT NULL, "version" integer NOT NULL DEFAULT '0', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_70604d6e73bf81181c36a4bf85f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_backlog_projects_organisation" ON "backlog_projects" ("organisation_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "backlog_items" ("id" uuid NOT NULL, "project_id" uuid NOT NULL, "parent_id" uuid, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "acceptance_criteria" jsonb NOT NULL DEFAULT '[]', "status" character varying(20) NOT NULL DEFAULT 'todo', "position" integer NOT NULL DEFAULT '0', "task_id" uuid, CONSTRAINT "PK_138e648fdf1be228b8d1fbb2ad5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_backlog_items_task" ON "backlog_items" ("task_id") WHERE "task_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_backlog_items_project" ON "backlog_items" ("project_id")`);
    await queryRunner.query(
      `CREATE TABLE "backlog_versions" ("project_id" uuid NOT NULL, "version" integer NOT NULL, "patch" jsonb NOT NULL, "proposal_id" uuid, "accepted_by" uuid NOT NULL, "items" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cf702286882213a56014cab0221" PRIMARY KEY ("project_id", "version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "backlog_conversations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "mode" character varying(10) NOT NULL, "item_id" uuid, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0cd9c433112af2c99f37eef3c73" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_backlog_conversations_project" ON "backlog_conversations" ("project_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "backlog_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conversation_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "text" text, "patch" jsonb, "reply_to" uuid, "proposal_id" uuid, "decision" character varying(10), "edited" boolean NOT NULL DEFAULT false, "version" integer, "model" character varying(200), "attempts" integer, "author_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d13b06fcf8e038c0b043f93854d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_backlog_messages_conversation" ON "backlog_messages" ("conversation_id", "created_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "backlog_projects" ADD CONSTRAINT "FK_e52473d9230f2986a6c90be8208" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "backlog_projects" ADD CONSTRAINT "FK_f5a5b0bc22e65b8ec580ecead59" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "backlog_items" ADD CONSTRAINT "FK_ebd0f9a5c7e0df77694a45cb419" FOREIGN KEY ("project_id") REFERENCES "backlog_projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "backlog_items" ADD CONSTRAINT "FK_55c29c40b385e90640f24f7c043" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "backlog_versions" ADD CONSTRAINT "FK_fc88640cf14d381023a1dc5febc" FOREIGN KEY ("project_id") REFERENCES "backlog_projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "backlog_versions" ADD CONSTRAINT "FK_275bdaf5741605a15c930fbacc2" FOREIGN KEY ("accepted_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "backlog_conversations" ADD CONSTRAINT "FK_2a2f02c874ee9badc3b37d6dcd0" FOREIGN KEY ("project_id") REFERENCES "backlog_projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "backlog_conversations" ADD CONSTRAINT "FK_dde9adaf0f2c195a94b3517e25a" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "backlog_messages" ADD CONSTRAINT "FK_26396b5a3f2bea0d6ee6af8aa93" FOREIGN KEY ("conversation_id") REFERENCES "backlog_conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "backlog_messages" ADD CONSTRAINT "FK_04461981cc51f8b2109fbc1cfc1" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "backlog_messages" DROP CONSTRAINT "FK_04461981cc51f8b2109fbc1cfc1"`);
    await queryRunner.query(`ALTER TABLE "backlog_messages" DROP CONSTRAINT "FK_26396b5a3f2bea0d6ee6af8aa93"`);
    await queryRunner.query(`ALTER TABLE "backlog_conversations" DROP CONSTRAINT "FK_dde9adaf0f2c195a94b3517e25a"`);
    await queryRunner.query(`ALTER TABLE "backlog_conversations" DROP CONSTRAINT "FK_2a2f02c874ee9badc3b37d6dcd0"`);
    await queryRunner.query(`ALTER TABLE "backlog_versions" DROP CONSTRAINT "FK_275bdaf5741605a15c930fbacc2"`);
    await queryRunner.query(`ALTER TABLE "backlog_versions" DROP CONSTRAINT "FK_fc88640cf14d381023a1dc5febc"`);
    await queryRunner.query(`ALTER TABLE "backlog_items" DROP CONSTRAINT "FK_55c29c40b385e90640f24f7c043"`);
    await queryRunner.query(`ALTER TABLE "backlog_items" DROP CONSTRAINT "FK_ebd0f9a5c7e0df77694a45cb419"`);
    await queryRunner.query(`ALTER TABLE "backlog_projects" DROP CONSTRAINT "FK_f5a5b0bc22e65b8ec580ecead59"`);
    await queryRunner.query(`ALTER TABLE "backlog_projects" DROP CONSTRAINT "FK_e52473d9230f2986a6c90be8208"`);
    await queryRunner.query(`DROP INDEX "public"."ix_backlog_messages_conversation"`);
    await queryRunner.query(`DROP TABLE "backlog_messages"`);
    await queryRunner.query(`DROP INDEX "public"."ix_backlog_conversations_project"`);
    await queryRunner.query(`DROP TABLE "backlog_conversations"`);
    await queryRunner.query(`DROP TABLE "backlog_versions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_backlog_items_project"`);
    await queryRunner.query(`DROP INDEX "public"."uq_backlog_items_task"`);
    await queryRunner.query(`DROP TABLE "backlog_items"`);
    await queryRunner.query(`DROP INDEX "public"."ix_backlog_projects_organisation"`);
    await queryRunner.query(`DROP TABLE "backlog_projects"`);
  }
}
