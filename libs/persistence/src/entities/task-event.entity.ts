import { AGENT_NAMES, TASK_EVENT_TYPES, type AgentName, type TaskEventType } from '@patchbay/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TaskEntity } from './task.entity';

@Entity({ name: 'task_events' })
@Index('uq_task_events_task_seq', ['taskId', 'seq'], { unique: true })
export class TaskEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'enum', enum: TASK_EVENT_TYPES, enumName: 'task_event_type' })
  type!: TaskEventType;

  @Column({ type: 'enum', enum: AGENT_NAMES, enumName: 'agent_name' })
  agent!: AgentName;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at!: Date;
}
