import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closes three tenancy edges and a webhook replay (issue 14, items 6 and 7). Generated from the
 * entities, with the data steps written by hand:
 *
 * - audit_log: `chain_seq`, the entry's position in its organisation's chain (ADR 0009). Existing
 *   rows keep NULL — the table refuses UPDATE, and rewriting history to re-chain it would defeat
 *   the log — so they remain the legacy global chain, verifiable by an operator.
 * - quota_counters: keyed by organisation as well. A per-user counter did not record which
 *   organisation spent it, so it is carried into every organisation the user belongs to: nobody
 *   gains a fresh allowance for the rest of the day from the migration.
 * - github_deliveries: the SHA-256 of the signed body, to recognise a body replayed under a new
 *   delivery id, and which delivery a replay repeated.
 */
export class TenancyEdges1764979200000 implements MigrationInterface {
  name = 'TenancyEdges1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "chain_seq" bigint`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_audit_log_system_chain" ON "audit_log" ("chain_seq") WHERE "organisation_id" IS NULL AND "chain_seq" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_audit_log_organisation_chain" ON "audit_log" ("organisation_id", "chain_seq") WHERE "organisation_id" IS NOT NULL AND "chain_seq" IS NOT NULL`,
    );

    await queryRunner.query(`ALTER TABLE "quota_counters" ADD "organisation_id" uuid`);
    await queryRunner.query(
      `UPDATE "quota_counters" SET "organisation_id" = "subject_key" WHERE "subject_key" IN (SELECT "id" FROM "organisations")`,
    );
    await queryRunner.query(`ALTER TABLE "quota_counters" DROP CONSTRAINT "PK_fe28a046f7c0d376a89f60e7521"`);
    await queryRunner.query(`
      INSERT INTO "quota_counters" ("organisation_id", "subject_key", "kind", "window_start", "used")
      SELECT m."organisation_id", c."subject_key", c."kind", c."window_start", c."used"
      FROM "quota_counters" c JOIN "memberships" m ON m."user_id" = c."subject_key"
      WHERE c."organisation_id" IS NULL`);
    // Left: counters of users who belong to no organisation any more, which nothing can read.
    await queryRunner.query(`DELETE FROM "quota_counters" WHERE "organisation_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "quota_counters" ALTER COLUMN "organisation_id" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "quota_counters" ADD CONSTRAINT "PK_e29649f64071ed7b62f909ae950" PRIMARY KEY ("organisation_id", "subject_key", "kind", "window_start")`,
    );
    await queryRunner.query(
      `ALTER TABLE "quota_counters" ADD CONSTRAINT "FK_0480d4a35008c1c10dac317adf8" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`ALTER TABLE "github_deliveries" ADD "body_sha256" character(64)`);
    await queryRunner.query(`ALTER TABLE "github_deliveries" ADD "replay_of" character varying(100)`);
    await queryRunner.query(
      `CREATE INDEX "ix_github_deliveries_body_sha256" ON "github_deliveries" ("body_sha256", "received_at") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Without their positions, entries chained per organisation verify as nothing at all.
    const chained: Array<{ n: number }> = await queryRunner.query(
      `SELECT count(*)::int AS n FROM "audit_log" WHERE "chain_seq" IS NOT NULL`,
    );
    if ((chained[0]?.n ?? 0) > 0) {
      throw new Error(
        `audit_log holds ${chained[0].n} entries chained per organisation; reverting TenancyEdges would make them unverifiable (ADR 0009)`,
      );
    }

    await queryRunner.query(`DROP INDEX "public"."ix_github_deliveries_body_sha256"`);
    await queryRunner.query(`ALTER TABLE "github_deliveries" DROP COLUMN "replay_of"`);
    await queryRunner.query(`ALTER TABLE "github_deliveries" DROP COLUMN "body_sha256"`);

    await queryRunner.query(`ALTER TABLE "quota_counters" DROP CONSTRAINT "FK_0480d4a35008c1c10dac317adf8"`);
    await queryRunner.query(`ALTER TABLE "quota_counters" DROP CONSTRAINT "PK_e29649f64071ed7b62f909ae950"`);
    // One counter per subject again: a user's usage in all organisations adds up, as it did before.
    await queryRunner.query(
      `CREATE TEMPORARY TABLE "quota_counters_merged" AS SELECT "subject_key", "kind", "window_start", sum("used")::int AS "used" FROM "quota_counters" GROUP BY 1, 2, 3`,
    );
    await queryRunner.query(`DELETE FROM "quota_counters"`);
    await queryRunner.query(`ALTER TABLE "quota_counters" DROP COLUMN "organisation_id"`);
    await queryRunner.query(
      `INSERT INTO "quota_counters" ("subject_key", "kind", "window_start", "used") SELECT "subject_key", "kind", "window_start", "used" FROM "quota_counters_merged"`,
    );
    await queryRunner.query(`DROP TABLE "quota_counters_merged"`);
    await queryRunner.query(
      `ALTER TABLE "quota_counters" ADD CONSTRAINT "PK_fe28a046f7c0d376a89f60e7521" PRIMARY KEY ("subject_key", "kind", "window_start")`,
    );

    await queryRunner.query(`DROP INDEX "public"."uq_audit_log_organisation_chain"`);
    await queryRunner.query(`DROP INDEX "public"."uq_audit_log_system_chain"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "chain_seq"`);
  }
}
