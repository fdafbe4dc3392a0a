import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

@Entity({ name: 'github_installations' })
export class GithubInstallationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'installation_id', type: 'bigint', unique: true })
  installationId!: string;

  @Column({ name: 'account_login', type: 'varchar', length: 100 })
  accountLogin!: string;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ name: 'suspended_at', type: 'timestamptz', nullable: true })
  suspendedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
