import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Best-of-N attempts (issue 17, ADR 0034): the task's number of candidates, a table of candidates
 * (written by the supervisor), the `candidates_per_task` quota kind and three event types.
 */
export class BestOfNCandidates1765900000000 implements MigrationInterface {
  name = 'BestOfNCandidates1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" ADD VALUE IF NOT EXISTS 'candidate_started'`);
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" ADD VALUE IF NOT EXISTS 'candidate_finished'`);
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" ADD VALUE IF NOT EXISTS 'candidate_selected'`);
    await queryRunner.query(`ALTER TYPE "public"."quota_kind" ADD VALUE IF NOT EXISTS 'candidates_per_task'`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "candidates" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`CREATE TYPE "public"."task_candidate_status" AS ENUM('running', 'finished', 'failed')`);
    await queryRunner.query(
      `CREATE TABLE "task_candidates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "attempt" integer NOT NULL, "candidate_index" integer NOT NULL, "status" "public"."task_candidate_status" NOT NULL DEFAULT 'running', "sandbox_id" character varying(200), "rounds" integer NOT NULL DEFAULT '0', "done" boolean NOT NULL DEFAULT false, "checks_passed" boolean, "validation" jsonb, "new_failures" integer NOT NULL DEFAULT '0', "failing_target_tests" integer NOT NULL DEFAULT '0', "changed_lines" integer NOT NULL DEFAULT '0', "files_changed" jsonb NOT NULL DEFAULT '[]', "diff" text NOT NULL DEFAULT '', "diff_sha256" character varying(64), "selected" boolean NOT NULL DEFAULT false, "error" text, "finished_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_task_candidates_task_attempt_index" UNIQUE ("task_id", "attempt", "candidate_index"), CONSTRAINT "PK_8c7d993780ad4c2007426ec724f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_candidates" ADD CONSTRAINT "FK_fbf65649a7576965fd0ee4480b8" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "task_candidates"`);
    await queryRunner.query(`DROP TYPE "public"."task_candidate_status"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "candidates"`);
    // Postgres cannot drop an enum value: the rows using it go, and the types are rebuilt without them.
    await queryRunner.query(`DELETE FROM "quotas" WHERE "kind" = 'candidates_per_task'`);
    await queryRunner.query(`DELETE FROM "quota_counters" WHERE "kind" = 'candidates_per_task'`);
    await queryRunner.query(`DROP INDEX "public"."uq_quotas_subject_kind"`);
    await queryRunner.query(`ALTER TYPE "public"."quota_kind" RENAME TO "quota_kind_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."quota_kind" AS ENUM('tasks_per_day', 'concurrent_tasks', 'pull_requests_per_day')`,
    );
    await queryRunner.query(
      `ALTER TABLE "quota_counters" ALTER COLUMN "kind" TYPE "public"."quota_kind" USING "kind"::"text"::"public"."quota_kind"`,
    );
    await queryRunner.query(
      `ALTER TABLE "quotas" ALTER COLUMN "kind" TYPE "public"."quota_kind" USING "kind"::"text"::"public"."quota_kind"`,
    );
    await queryRunner.query(`DROP TYPE "public"."quota_kind_old"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_quotas_subject_kind" ON "quotas" ("organisation_id", "subject_key", "kind") `,
    );
    await queryRunner.query(
      `DELETE FROM "task_events" WHERE "type" IN ('candidate_started', 'candidate_finished', 'candidate_selected')`,
    );
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" RENAME TO "task_event_type_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."task_event_type" AS ENUM('status_changed', 'agent_thought', 'plan_ready', 'file_modified', 'command_executed', 'test_results', 'checkpoint_reached', 'diff_ready', 'pr_created', 'audio_ready', 'error', 'clarification_requested', 'clarification_answered', 'constraint_added', 'explanation_requested', 'explanation_chunk', 'explanation_answered', 'explanation_failed', 'mcp_tool_called', 'check_completed', 'check_waived', 'plan_conformance', 'egress_report')`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_events" ALTER COLUMN "type" TYPE "public"."task_event_type" USING "type"::"text"::"public"."task_event_type"`,
    );
    await queryRunner.query(`DROP TYPE "public"."task_event_type_old"`);
  }
}
