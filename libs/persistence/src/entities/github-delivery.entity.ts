import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every webhook delivery GitHub sent us, keyed by its `X-GitHub-Delivery` id: the primary key is
 * what turns a redelivery into a no-op, and the outcome says what Patchbay did with it.
 */
@Entity({ name: 'github_deliveries' })
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
}
