import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities in libs/persistence (see docs/database.md), then reviewed. */
export class CreateCoreSchema1763726400000 implements MigrationInterface {
  name = 'CreateCoreSchema1763726400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(63) NOT NULL, "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_db67ac918db3917134d0c9edbb3" UNIQUE ("slug"), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "github_installations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "installation_id" bigint NOT NULL, "account_login" character varying(100) NOT NULL, "organisation_id" uuid, "suspended_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_d8cf6fe9f15e1d47483d42f8bc9" UNIQUE ("installation_id"), CONSTRAINT "PK_6c4f96ba219a87cf299f5e01397" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE TYPE "public"."repository_source" AS ENUM(\'github\', \'local\')');
    await queryRunner.query(
      'CREATE TABLE "repositories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "full_name" character varying(201) NOT NULL, "source" "public"."repository_source" NOT NULL, "clone_url" character varying(2000), "default_branch" character varying(255) NOT NULL DEFAULT \'main\', "allowed" boolean NOT NULL DEFAULT true, "github_installation_id" uuid, "test_command" character varying(2000), "lint_command" character varying(2000), "setup_command" character varying(2000), "env" jsonb NOT NULL DEFAULT \'{}\', "auto_approve_plan" boolean NOT NULL DEFAULT false, "auto_approve_diff" boolean NOT NULL DEFAULT false, "trigger_label" character varying(50) NOT NULL DEFAULT \'patchbay\', "draft_pull_requests" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ef0c358c04b4f4d29b8ca68ddff" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_repositories_organisation_full_name" ON "repositories" ("organisation_id", "full_name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "login" character varying(39) NOT NULL, "github_id" bigint, "display_name" character varying(200), "avatar_url" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_2d443082eccd5198f95f2a36e2c" UNIQUE ("login"), CONSTRAINT "UQ_09a2296ade1053a0cc4080bda4a" UNIQUE ("github_id"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query("CREATE TYPE \"public\".\"task_priority\" AS ENUM('low', 'normal', 'high')");
    await queryRunner.query(
      "CREATE TYPE \"public\".\"task_status\" AS ENUM('queued', 'analysing', 'planning', 'awaiting_plan_approval', 'executing', 'validating', 'paused', 'awaiting_diff_approval', 'publishing', 'completed', 'failed', 'cancelled')",
    );
    await queryRunner.query('CREATE TYPE "public"."task_source" AS ENUM(\'dashboard\', \'github\')');
    await queryRunner.query(
      'CREATE TABLE "tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "repository_id" uuid NOT NULL, "created_by" uuid NOT NULL, "base_branch" character varying(255) NOT NULL, "prompt" text NOT NULL, "constraints" jsonb NOT NULL DEFAULT \'{}\', "priority" "public"."task_priority" NOT NULL DEFAULT \'normal\', "status" "public"."task_status" NOT NULL DEFAULT \'queued\', "auto_approve_plan" boolean NOT NULL DEFAULT false, "auto_approve_diff" boolean NOT NULL DEFAULT false, "model" character varying(200), "attempt" integer NOT NULL DEFAULT \'1\', "source" "public"."task_source" NOT NULL DEFAULT \'dashboard\', "last_event_seq" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_tasks_status" ON "tasks" ("status") ');
    await queryRunner.query(
      'CREATE INDEX "ix_tasks_organisation_created" ON "tasks" ("organisation_id", "created_at", "id") ',
    );
    await queryRunner.query('CREATE TYPE "public"."approval_subject" AS ENUM(\'plan\', \'diff\')');
    await queryRunner.query('CREATE TYPE "public"."approval_decision" AS ENUM(\'approved\', \'rejected\')');
    await queryRunner.query(
      'CREATE TABLE "approvals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "subject" "public"."approval_subject" NOT NULL, "decision" "public"."approval_decision" NOT NULL, "content_hash" character(64) NOT NULL, "feedback" text, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_690417aaefa84d18b1a59e2a499" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_approvals_task" ON "approvals" ("task_id") ');
    await queryRunner.query("CREATE TYPE \"public\".\"artifact_kind\" AS ENUM('diff', 'log', 'audio', 'test_report')");
    await queryRunner.query(
      'CREATE TABLE "artifacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "kind" "public"."artifact_kind" NOT NULL, "content_type" character varying(100) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6516bbed3c129918e05c5012edb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_artifacts_task_kind" ON "artifacts" ("task_id", "kind") ');
    await queryRunner.query(
      'CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_login" character varying(100) NOT NULL, "organisation_id" uuid, "action" character varying(100) NOT NULL, "target_type" character varying(50) NOT NULL, "target_id" character varying(200), "request_id" character varying(100), "details" jsonb NOT NULL DEFAULT \'{}\', "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "UQ_8720a34a7f1ebda6f2b3b29f7e3" UNIQUE ("hash"), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query("CREATE TYPE \"public\".\"membership_role\" AS ENUM('viewer', 'developer', 'admin')");
    await queryRunner.query(
      'CREATE TABLE "memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" "public"."membership_role" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_25d28bd932097a9e90495ede7b4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_memberships_organisation_user" ON "memberships" ("organisation_id", "user_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "model_credentials" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "user_id" uuid, "provider" character varying(40) NOT NULL, "base_url" character varying(2000), "key_provider" character varying(20) NOT NULL, "key_id" character varying(2000) NOT NULL, "encrypted_data_key" bytea NOT NULL, "iv" bytea NOT NULL, "auth_tag" bytea NOT NULL, "ciphertext" bytea NOT NULL, "key_last_four" character varying(4) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d9622454f86b7b5393e5953b8db" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_model_credentials_owner" ON "model_credentials" ("organisation_id", "user_id", "provider") ',
    );
    await queryRunner.query(
      'CREATE TABLE "plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "version" integer NOT NULL, "summary" text NOT NULL, "steps" jsonb NOT NULL, "content_hash" character(64) NOT NULL, "edited_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3720521a81c7c24fe9b7202ba61" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_plans_task_version" ON "plans" ("task_id", "version") ');
    await queryRunner.query("CREATE TYPE \"public\".\"pull_request_state\" AS ENUM('open', 'closed', 'merged')");
    await queryRunner.query(
      'CREATE TABLE "pull_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "repository_id" uuid NOT NULL, "number" integer NOT NULL, "url" character varying(2000) NOT NULL, "head_branch" character varying(255) NOT NULL, "base_branch" character varying(255) NOT NULL, "head_sha" character(40), "state" "public"."pull_request_state" NOT NULL DEFAULT \'open\', "draft" boolean NOT NULL DEFAULT true, "body" text NOT NULL DEFAULT \'\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e8a8aa8710c3a9650a19a9c2e7b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_pull_requests_repository_number" ON "pull_requests" ("repository_id", "number") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"quota_kind\" AS ENUM('tasks_per_day', 'concurrent_tasks', 'pull_requests_per_day')",
    );
    await queryRunner.query(
      'CREATE TABLE "quota_counters" ("subject_key" uuid NOT NULL, "kind" "public"."quota_kind" NOT NULL, "window_start" date NOT NULL, "used" integer NOT NULL DEFAULT \'0\', CONSTRAINT "PK_fe28a046f7c0d376a89f60e7521" PRIMARY KEY ("subject_key", "kind", "window_start"))',
    );
    await queryRunner.query('CREATE TYPE "public"."quota_scope" AS ENUM(\'organisation\', \'user\')');
    await queryRunner.query(
      'CREATE TABLE "quotas" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "scope" "public"."quota_scope" NOT NULL, "subject_key" uuid NOT NULL, "kind" "public"."quota_kind" NOT NULL, "limit_value" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5f54877798333ca833245a100d1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_quotas_subject_kind" ON "quotas" ("organisation_id", "subject_key", "kind") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"task_event_type\" AS ENUM('status_changed', 'agent_thought', 'plan_ready', 'file_modified', 'command_executed', 'test_results', 'checkpoint_reached', 'diff_ready', 'pr_created', 'audio_ready', 'error')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"agent_name\" AS ENUM('gateway', 'supervisor', 'coding-agent', 'testing-agent', 'github-agent', 'research-agent', 'sandbox')",
    );
    await queryRunner.query(
      'CREATE TABLE "task_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "seq" integer NOT NULL, "type" "public"."task_event_type" NOT NULL, "agent" "public"."agent_name" NOT NULL, "payload" jsonb NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5ad150da47d65e2346ff40169cd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_task_events_task_seq" ON "task_events" ("task_id", "seq") ');
    await queryRunner.query(
      'CREATE TABLE "usage_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "user_id" uuid, "task_id" uuid, "role" character varying(40) NOT NULL, "model" character varying(200) NOT NULL, "prompt_tokens" integer NOT NULL DEFAULT \'0\', "completion_tokens" integer NOT NULL DEFAULT \'0\', "cost_usd" numeric(12,6) NOT NULL DEFAULT \'0\', "duration_ms" integer NOT NULL DEFAULT \'0\', "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e511cf9f7dc53851569f87467a5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_usage_records_organisation_at" ON "usage_records" ("organisation_id", "at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "github_installations" ADD CONSTRAINT "FK_6547b21ad03efe7d4d842e52b2d" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "repositories" ADD CONSTRAINT "FK_b9260876dd6f179b4704446ba06" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "repositories" ADD CONSTRAINT "FK_703189fc9ab98a1b7f0406f4e48" FOREIGN KEY ("github_installation_id") REFERENCES "github_installations"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "tasks" ADD CONSTRAINT "FK_ea46985a8c7921288fb2cb694f2" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "tasks" ADD CONSTRAINT "FK_de311e0cf1aad146e339b1f0918" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "tasks" ADD CONSTRAINT "FK_9fc727aef9e222ebd09dc8dac08" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "approvals" ADD CONSTRAINT "FK_a58525528c251b82c7372c8229d" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "approvals" ADD CONSTRAINT "FK_ae091301c05940b464b594749c9" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "artifacts" ADD CONSTRAINT "FK_a727f2624a4ff2d1649ae2a9f29" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "memberships" ADD CONSTRAINT "FK_55c59139e9136eb9a76ed30c6dc" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "memberships" ADD CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "model_credentials" ADD CONSTRAINT "FK_f0a370c02515b854cd41c1301b8" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "model_credentials" ADD CONSTRAINT "FK_253f941f34a822081fd3db7f1d3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "plans" ADD CONSTRAINT "FK_25a307fc4466680a44db7eff5aa" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "pull_requests" ADD CONSTRAINT "FK_5ada682dc1e845bdce496b2d8c7" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "pull_requests" ADD CONSTRAINT "FK_afbe4f3c2c7d28d55f9cb55ee72" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "quotas" ADD CONSTRAINT "FK_c910a09300b2a0d37522e34422a" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "task_events" ADD CONSTRAINT "FK_dda9e4deb97e6b0f7693c0f163d" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "usage_records" ADD CONSTRAINT "FK_5a8ce35f3a7e95d053da81c4e41" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "usage_records" ADD CONSTRAINT "FK_4b1ef53fc81bc14217b8c8e88ad" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "usage_records" DROP CONSTRAINT "FK_4b1ef53fc81bc14217b8c8e88ad"');
    await queryRunner.query('ALTER TABLE "usage_records" DROP CONSTRAINT "FK_5a8ce35f3a7e95d053da81c4e41"');
    await queryRunner.query('ALTER TABLE "task_events" DROP CONSTRAINT "FK_dda9e4deb97e6b0f7693c0f163d"');
    await queryRunner.query('ALTER TABLE "quotas" DROP CONSTRAINT "FK_c910a09300b2a0d37522e34422a"');
    await queryRunner.query('ALTER TABLE "pull_requests" DROP CONSTRAINT "FK_afbe4f3c2c7d28d55f9cb55ee72"');
    await queryRunner.query('ALTER TABLE "pull_requests" DROP CONSTRAINT "FK_5ada682dc1e845bdce496b2d8c7"');
    await queryRunner.query('ALTER TABLE "plans" DROP CONSTRAINT "FK_25a307fc4466680a44db7eff5aa"');
    await queryRunner.query('ALTER TABLE "model_credentials" DROP CONSTRAINT "FK_253f941f34a822081fd3db7f1d3"');
    await queryRunner.query('ALTER TABLE "model_credentials" DROP CONSTRAINT "FK_f0a370c02515b854cd41c1301b8"');
    await queryRunner.query('ALTER TABLE "memberships" DROP CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051"');
    await queryRunner.query('ALTER TABLE "memberships" DROP CONSTRAINT "FK_55c59139e9136eb9a76ed30c6dc"');
    await queryRunner.query('ALTER TABLE "artifacts" DROP CONSTRAINT "FK_a727f2624a4ff2d1649ae2a9f29"');
    await queryRunner.query('ALTER TABLE "approvals" DROP CONSTRAINT "FK_ae091301c05940b464b594749c9"');
    await queryRunner.query('ALTER TABLE "approvals" DROP CONSTRAINT "FK_a58525528c251b82c7372c8229d"');
    await queryRunner.query('ALTER TABLE "tasks" DROP CONSTRAINT "FK_9fc727aef9e222ebd09dc8dac08"');
    await queryRunner.query('ALTER TABLE "tasks" DROP CONSTRAINT "FK_de311e0cf1aad146e339b1f0918"');
    await queryRunner.query('ALTER TABLE "tasks" DROP CONSTRAINT "FK_ea46985a8c7921288fb2cb694f2"');
    await queryRunner.query('ALTER TABLE "repositories" DROP CONSTRAINT "FK_703189fc9ab98a1b7f0406f4e48"');
    await queryRunner.query('ALTER TABLE "repositories" DROP CONSTRAINT "FK_b9260876dd6f179b4704446ba06"');
    await queryRunner.query('ALTER TABLE "github_installations" DROP CONSTRAINT "FK_6547b21ad03efe7d4d842e52b2d"');
    await queryRunner.query('DROP INDEX "public"."ix_usage_records_organisation_at"');
    await queryRunner.query('DROP TABLE "usage_records"');
    await queryRunner.query('DROP INDEX "public"."uq_task_events_task_seq"');
    await queryRunner.query('DROP TABLE "task_events"');
    await queryRunner.query('DROP TYPE "public"."agent_name"');
    await queryRunner.query('DROP TYPE "public"."task_event_type"');
    await queryRunner.query('DROP INDEX "public"."uq_quotas_subject_kind"');
    await queryRunner.query('DROP TABLE "quotas"');
    await queryRunner.query('DROP TYPE "public"."quota_scope"');
    await queryRunner.query('DROP TABLE "quota_counters"');
    await queryRunner.query('DROP TYPE "public"."quota_kind"');
    await queryRunner.query('DROP INDEX "public"."uq_pull_requests_repository_number"');
    await queryRunner.query('DROP TABLE "pull_requests"');
    await queryRunner.query('DROP TYPE "public"."pull_request_state"');
    await queryRunner.query('DROP INDEX "public"."uq_plans_task_version"');
    await queryRunner.query('DROP TABLE "plans"');
    await queryRunner.query('DROP INDEX "public"."ix_model_credentials_owner"');
    await queryRunner.query('DROP TABLE "model_credentials"');
    await queryRunner.query('DROP INDEX "public"."uq_memberships_organisation_user"');
    await queryRunner.query('DROP TABLE "memberships"');
    await queryRunner.query('DROP TYPE "public"."membership_role"');
    await queryRunner.query('DROP TABLE "audit_log"');
    await queryRunner.query('DROP INDEX "public"."ix_artifacts_task_kind"');
    await queryRunner.query('DROP TABLE "artifacts"');
    await queryRunner.query('DROP TYPE "public"."artifact_kind"');
    await queryRunner.query('DROP INDEX "public"."ix_approvals_task"');
    await queryRunner.query('DROP TABLE "approvals"');
    await queryRunner.query('DROP TYPE "public"."approval_decision"');
    await queryRunner.query('DROP TYPE "public"."approval_subject"');
    await queryRunner.query('DROP INDEX "public"."ix_tasks_organisation_created"');
    await queryRunner.query('DROP INDEX "public"."ix_tasks_status"');
    await queryRunner.query('DROP TABLE "tasks"');
    await queryRunner.query('DROP TYPE "public"."task_source"');
    await queryRunner.query('DROP TYPE "public"."task_status"');
    await queryRunner.query('DROP TYPE "public"."task_priority"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP INDEX "public"."uq_repositories_organisation_full_name"');
    await queryRunner.query('DROP TABLE "repositories"');
    await queryRunner.query('DROP TYPE "public"."repository_source"');
    await queryRunner.query('DROP TABLE "github_installations"');
    await queryRunner.query('DROP TABLE "organisations"');
  }
}
