import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Makes the audit log append-only in the database itself: any UPDATE, DELETE or TRUNCATE fails
 * whatever role the application connects as. Only an operator who can disable triggers (the
 * table owner or a superuser) can alter history — and the hash chain then reveals it.
 */
export class ProtectAuditLog1763726400001 implements MigrationInterface {
  name = 'ProtectAuditLog1763726400001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END;
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only
      BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_truncate
      BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_log_no_truncate ON audit_log');
    await queryRunner.query('DROP TRIGGER audit_log_append_only ON audit_log');
    await queryRunner.query('DROP FUNCTION audit_log_refuse_change()');
  }
}
