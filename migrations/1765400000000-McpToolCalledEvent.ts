import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Calls of MCP servers' tools in the task's event log (issue 20, ADR 0029): a new event type, `mcp_tool_called`. */
export class McpToolCalledEvent1765400000000 implements MigrationInterface {
  name = 'McpToolCalledEvent1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."task_event_type" ADD VALUE IF NOT EXISTS 'mcp_tool_called'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Postgres cannot drop an enum value: the rows go, and the type is rebuilt without it.
    await queryRunner.query(`DELETE FROM "task_events" WHERE "type" = 'mcp_tool_called'`);
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
