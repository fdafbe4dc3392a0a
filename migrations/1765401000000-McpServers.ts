import type { MigrationInterface, QueryRunner } from 'typeorm';

/** MCP servers registered by organisations, and each organisation's allow-list for remote ones (issue 20, ADR 0029). */
export class McpServers1765401000000 implements MigrationInterface {
  name = 'McpServers1765401000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mcp_remote_allow_lists" ("organisation_id" uuid NOT NULL, "origins" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_cb4d2c147b8c48ac8816c6d3a73" PRIMARY KEY ("organisation_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "mcp_servers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "repository_id" uuid, "name" character varying(32) NOT NULL, "transport" character varying(10) NOT NULL, "package" character varying(214), "args" jsonb NOT NULL DEFAULT '[]', "url" character varying(2000), "read_only_tools" jsonb NOT NULL DEFAULT '[]', "key_provider" character varying(20), "key_id" character varying(2000), "encrypted_data_key" bytea, "iv" bytea, "auth_tag" bytea, "ciphertext" bytea, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c781b3dc7cb2a5d19460b71914d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_mcp_servers_organisation" ON "mcp_servers" ("organisation_id") `);
    await queryRunner.query(
      `ALTER TABLE "mcp_remote_allow_lists" ADD CONSTRAINT "FK_cb4d2c147b8c48ac8816c6d3a73" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mcp_servers" ADD CONSTRAINT "FK_950c3fab423bc5089542fe94f4e" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mcp_servers" ADD CONSTRAINT "FK_1f875d8c7b39493fc4715020840" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mcp_servers" DROP CONSTRAINT "FK_1f875d8c7b39493fc4715020840"`);
    await queryRunner.query(`ALTER TABLE "mcp_servers" DROP CONSTRAINT "FK_950c3fab423bc5089542fe94f4e"`);
    await queryRunner.query(`ALTER TABLE "mcp_remote_allow_lists" DROP CONSTRAINT "FK_cb4d2c147b8c48ac8816c6d3a73"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mcp_servers_organisation"`);
    await queryRunner.query(`DROP TABLE "mcp_servers"`);
    await queryRunner.query(`DROP TABLE "mcp_remote_allow_lists"`);
  }
}
