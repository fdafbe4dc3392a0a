import type { PlanConformanceReport } from '@patchbay/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TaskEntity } from './task.entity';

/**
 * A diff read against the approved plan (ADR 0031), one row per prepared diff. Written only by the
 * supervisor when it prepares the diff; the gateway reads it to show it and to hold back a diff
 * approval that does not acknowledge the changes outside the plan.
 */
@Entity({ name: 'plan_conformance_reports' })
@Index('uq_plan_conformance_task_diff', ['taskId', 'diffSha256'], { unique: true })
export class PlanConformanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ name: 'diff_sha256', type: 'char', length: 64 })
  diffSha256!: string;

  /** The approved plan version the diff was read against; null when the approval named none. */
  @Column({ name: 'plan_version', type: 'int', nullable: true })
  planVersion!: number | null;

  @Column({ type: 'jsonb' })
  report!: PlanConformanceReport;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
