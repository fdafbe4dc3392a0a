import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { RepositoryEntity } from './repository.entity';

/**
 * An MCP server an organisation registered (ADR 0029), for all its repositories or one. A remote
 * server's credential is sealed like a model key (envelope encryption, bound to the row's owner).
 */
@Entity({ name: 'mcp_servers' })
@Index('ix_mcp_servers_organisation', ['organisationId'])
export class McpServerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  /** Null for an organisation-wide server. */
  @Column({ name: 'repository_id', type: 'uuid', nullable: true })
  repositoryId!: string | null;

  @ManyToOne(() => RepositoryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'repository_id' })
  repository?: RepositoryEntity;

  @Column({ type: 'varchar', length: 32 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  transport!: 'stdio' | 'http';

  @Column({ type: 'varchar', length: 214, nullable: true })
  package!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  args!: string[];

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url!: string | null;

  @Column({ name: 'read_only_tools', type: 'jsonb', default: () => "'[]'" })
  readOnlyTools!: string[];

  @Column({ name: 'key_provider', type: 'varchar', length: 20, nullable: true })
  keyProvider!: string | null;

  @Column({ name: 'key_id', type: 'varchar', length: 2000, nullable: true })
  keyId!: string | null;

  @Column({ name: 'encrypted_data_key', type: 'bytea', nullable: true })
  encryptedDataKey!: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  iv!: Buffer | null;

  @Column({ name: 'auth_tag', type: 'bytea', nullable: true })
  authTag!: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  ciphertext!: Buffer | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
