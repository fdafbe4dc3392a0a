import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

/** The https origins an organisation's admins allow remote MCP servers at (ADR 0029); none by default. */
@Entity({ name: 'mcp_remote_allow_lists' })
export class McpRemoteAllowListEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @OneToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  origins!: string[];
}
