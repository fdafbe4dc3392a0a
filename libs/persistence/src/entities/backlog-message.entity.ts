import type { BacklogPatch } from '@patchbay/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BacklogConversationEntity } from './backlog-conversation.entity';
import { UserEntity } from './user.entity';

export const BACKLOG_MESSAGE_KINDS = ['user', 'proposal', 'failure', 'decision'] as const;
export type BacklogMessageKind = (typeof BACKLOG_MESSAGE_KINDS)[number];

/**
 * A backlog conversation, append-only, one row per turn. Each kind has one writer: the gateway
 * writes the person's messages (`user`) and decisions (`decision`), the supervisor the planner's
 * answers (`proposal` with its patch, or `failure` with the reason).
 */
@Entity({ name: 'backlog_messages' })
@Index('ix_backlog_messages_conversation', ['conversationId', 'createdAt'])
export class BacklogMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  @ManyToOne(() => BacklogConversationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: BacklogConversationEntity;

  @Column({ type: 'varchar', length: 10 })
  kind!: BacklogMessageKind;

  /** The person's message, a failure's reason or a rejection's reason. */
  @Column({ type: 'text', nullable: true })
  text!: string | null;

  /** A proposal's patch; for an accepting decision, the patch as applied (edited or not). */
  @Column({ type: 'jsonb', nullable: true })
  patch!: BacklogPatch | null;

  /** For a proposal or failure: the person's message it answers. */
  @Column({ name: 'reply_to', type: 'uuid', nullable: true })
  replyTo!: string | null;

  /** For a decision: the proposal decided. */
  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  decision!: 'accepted' | 'rejected' | null;

  @Column({ type: 'boolean', default: false })
  edited!: boolean;

  /** For an accepting decision: the version it produced. */
  @Column({ type: 'integer', nullable: true })
  version!: number | null;

  /** For a proposal: the model that made it, as labelled everywhere (`scripted` shows). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  model!: string | null;

  @Column({ type: 'integer', nullable: true })
  attempts!: number | null;

  /** For the person's messages and decisions. */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
