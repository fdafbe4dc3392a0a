import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task remembers the trace context of the request that created it, so every later run of the
 * task joins that one trace (ADR 0014). Tasks created before have none. Generated from the
 * entities.
 */
export class TaskTraceparent1765000000300 implements MigrationInterface {
  name = 'TaskTraceparent1765000000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" ADD "traceparent" character varying(64)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "traceparent"`);
  }
}
