import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every webhook delivery GitHub sent us, keyed by its `X-GitHub-Delivery` id: the primary key is
 * what turns a redelivery into a no-op, and the outcome says what Patchbay did with it.
 *
 * The delivery id is not covered by the signature, so a captured body can be resent under a new
 * id; `body_sha256` lets the webhook edge recognise such a replay within the replay window.
 */
@Entity({ name: 'github_deliveries' })
@Index('ix_github_deliveries_body_sha256', ['bodySha256', 'receivedAt'])
export class GithubDeliveryEntity {
  @PrimaryColumn({ name: 'delivery_id', type: 'varchar', length: 100 })
  deliveryId!: string;

  @Column({ type: 'varchar', length: 100 })
  event!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  action!: string | null;

  @Column({ name: 'installation_id', type: 'bigint', nullable: true })
  installationId!: string | null;

  /** `received` until the worker handled it; then e.g. `task_created`, `ignored: …`, `refused: …`. */
  @Column({ type: 'varchar', length: 300, default: 'received' })
  outcome!: string;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId!: string | null;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  /** SHA-256 (hex) of the raw signed body; NULL for deliveries recorded before replays were checked. */
  @Column({ name: 'body_sha256', type: 'char', length: 64, nullable: true })
  bodySha256!: string | null;

  /** For a replay: the delivery that first brought this body, which is the only one acted on. */
  @Column({ name: 'replay_of', type: 'varchar', length: 100, nullable: true })
  replayOf!: string | null;
}
