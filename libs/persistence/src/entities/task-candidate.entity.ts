import { TASK_CANDIDATE_STATUSES, type TaskCandidateStatus, type ValidationResult } from '@patchbay/contracts';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { TaskEntity } from './task.entity';

/**
 * One best-of-N coding attempt of a task attempt (ADR 0034). Written only by the supervisor (it
 * runs the candidates and applies the selection; ADR 0020), read by the gateway. A row exists
 * from the moment its sandbox does, so a restarted supervisor finds and removes a candidate's
 * sandbox that was left half-way, and reuses the results of candidates that had finished.
 */
@Entity({ name: 'task_candidates' })
@Unique('uq_task_candidates_task_attempt_index', ['taskId', 'attempt', 'index'])
export class TaskCandidateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  /** The task attempt (a retry runs its own candidates). */
  @Column({ type: 'int' })
  attempt!: number;

  /** 1-based. */
  @Column({ name: 'candidate_index', type: 'int' })
  index!: number;

  @Column({ type: 'enum', enum: TASK_CANDIDATE_STATUSES, enumName: 'task_candidate_status', default: 'running' })
  status!: TaskCandidateStatus;

  /** The candidate's own sandbox while it exists; null once removed (after the selection, or a failure). */
  @Column({ name: 'sandbox_id', type: 'varchar', length: 200, nullable: true })
  sandboxId!: string | null;

  @Column({ type: 'int', default: 0 })
  rounds!: number;

  @Column({ type: 'boolean', default: false })
  done!: boolean;

  /** Required checks on the change; null when none ran. */
  @Column({ name: 'checks_passed', type: 'boolean', nullable: true })
  checksPassed!: boolean | null;

  /** The last validation's result, as the testing agent reported it. */
  @Column({ type: 'jsonb', nullable: true })
  validation!: ValidationResult | null;

  @Column({ name: 'new_failures', type: 'int', default: 0 })
  newFailures!: number;

  @Column({ name: 'failing_target_tests', type: 'int', default: 0 })
  failingTargetTests!: number;

  @Column({ name: 'changed_lines', type: 'int', default: 0 })
  changedLines!: number;

  @Column({ name: 'files_changed', type: 'jsonb', default: () => "'[]'" })
  filesChanged!: string[];

  /** The change against the base commit: kept so a reviewer can switch to it after the sandbox is gone. */
  @Column({ type: 'text', default: '' })
  diff!: string;

  @Column({ name: 'diff_sha256', type: 'varchar', length: 64, nullable: true })
  diffSha256!: string | null;

  @Column({ type: 'boolean', default: false })
  selected!: boolean;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
