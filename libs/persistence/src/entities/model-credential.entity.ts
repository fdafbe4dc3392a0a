import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/**
 * A provider API key, stored only as envelope-encrypted ciphertext: a per-record data key
 * encrypts the secret (AES-256-GCM) and the key provider (AWS KMS or a local master key)
 * encrypts the data key.
 */
@Entity({ name: 'model_credentials' })
@Index('ix_model_credentials_owner', ['organisationId', 'userId', 'provider'])
export class ModelCredentialEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  /** Null for an organisation-wide key. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 40 })
  provider!: string;

  @Column({ name: 'base_url', type: 'varchar', length: 2000, nullable: true })
  baseUrl!: string | null;

  @Column({ name: 'key_provider', type: 'varchar', length: 20 })
  keyProvider!: string;

  @Column({ name: 'key_id', type: 'varchar', length: 2000 })
  keyId!: string;

  @Column({ name: 'encrypted_data_key', type: 'bytea' })
  encryptedDataKey!: Buffer;

  @Column({ type: 'bytea' })
  iv!: Buffer;

  @Column({ name: 'auth_tag', type: 'bytea' })
  authTag!: Buffer;

  @Column({ type: 'bytea' })
  ciphertext!: Buffer;

  @Column({ name: 'key_last_four', type: 'varchar', length: 4 })
  keyLastFour!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
