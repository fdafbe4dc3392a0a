import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The append-only audit log. `hash` = SHA-256(prevHash + canonical JSON of the row), so editing
 * or deleting any row breaks the chain from that row on; the database refuses UPDATE, DELETE
 * and TRUNCATE with a trigger (see the migration), whatever role the application connects as.
 *
 * Each organisation has its own chain, and entries without an organisation form the system's
 * chain (ADR 0009): an admin verifies and pages through their organisation's entries alone, and
 * positions in that chain are all they see, never the global `id`.
 */
@Entity({ name: 'audit_log' })
@Index('uq_audit_log_organisation_chain', ['organisationId', 'chainSeq'], {
  unique: true,
  where: '"organisation_id" IS NOT NULL AND "chain_seq" IS NOT NULL',
})
@Index('uq_audit_log_system_chain', ['chainSeq'], {
  unique: true,
  where: '"organisation_id" IS NULL AND "chain_seq" IS NOT NULL',
})
export class AuditEntryEntity {
  /** Global insertion order: internal only, since its gaps would reveal other organisations' activity. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /**
   * Position in the entry's chain, from 1. NULL for rows written before per-organisation chains
   * (migration 1764979200000): they stay as they were, verifiable as the legacy global chain.
   */
  @Column({ name: 'chain_seq', type: 'bigint', nullable: true })
  chainSeq!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_login', type: 'varchar', length: 100 })
  actorLogin!: string;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 50 })
  targetType!: string;

  @Column({ name: 'target_id', type: 'varchar', length: 200, nullable: true })
  targetId!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64, unique: true })
  hash!: string;
}
