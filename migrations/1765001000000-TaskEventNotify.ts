import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every stored task event notifies channel `patchbay_task_events` with `<taskId>:<seq>` (issue 19,
 * ADR 0025). A trigger rather than a call in each writer, so the gateway's and the supervisor's
 * events (and any later writer's) are announced alike; NOTIFY is delivered at commit, so a
 * listener never hears of a row it cannot read, and never of a rolled-back one.
 */
export class TaskEventNotify1765001000000 implements MigrationInterface {
  name = 'TaskEventNotify1765001000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION task_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('patchbay_task_events', NEW.task_id::text || ':' || NEW.seq::text);
        RETURN NULL;
      END;
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER task_events_notify
      AFTER INSERT ON task_events
      FOR EACH ROW EXECUTE FUNCTION task_events_notify()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER task_events_notify ON task_events');
    await queryRunner.query('DROP FUNCTION task_events_notify()');
  }
}
