import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TaskCandidateEntity } from '../entities';

/** What a finished (or failed) candidate leaves behind. */
export type CandidateResult = Pick<
  TaskCandidateEntity,
  | 'status'
  | 'rounds'
  | 'done'
  | 'checksPassed'
  | 'validation'
  | 'newFailures'
  | 'failingTargetTests'
  | 'changedLines'
  | 'filesChanged'
  | 'diff'
  | 'diffSha256'
  | 'error'
>;

/** Best-of-N candidates (ADR 0034): written by the supervisor, read by the gateway. */
@Injectable()
export class TaskCandidateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The candidates of a task attempt, by index. */
  list(taskId: string, attempt: number): Promise<TaskCandidateEntity[]> {
    return this.dataSource
      .getRepository(TaskCandidateEntity)
      .find({ where: { taskId, attempt }, order: { index: 'ASC' } });
  }

  /** The candidates of the task's latest attempt that has any. */
  async listLatest(taskId: string): Promise<TaskCandidateEntity[]> {
    const latest = await this.dataSource
      .getRepository(TaskCandidateEntity)
      .findOne({ where: { taskId }, order: { attempt: 'DESC' }, select: { attempt: true } });
    return latest ? this.list(taskId, latest.attempt) : [];
  }

  /** (Re)starts a candidate with its new sandbox: a restarted candidate's row is reset, never duplicated. */
  async start(taskId: string, attempt: number, index: number, sandboxId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO task_candidates (task_id, attempt, candidate_index, status, sandbox_id)
       VALUES ($1, $2, $3, 'running', $4)
       ON CONFLICT (task_id, attempt, candidate_index) DO UPDATE SET status = 'running', sandbox_id = $4,
         rounds = 0, done = false, checks_passed = NULL, validation = NULL, new_failures = 0, failing_target_tests = 0,
         changed_lines = 0, files_changed = '[]', diff = '', diff_sha256 = NULL, selected = false, error = NULL,
         finished_at = NULL, updated_at = now()`,
      [taskId, attempt, index, sandboxId],
    );
  }

  async finish(taskId: string, attempt: number, index: number, result: CandidateResult): Promise<void> {
    await this.dataSource
      .getRepository(TaskCandidateEntity)
      .update({ taskId, attempt, index }, { ...result, finishedAt: new Date() });
  }

  /** The candidate's sandbox is gone (removed after the selection, or never usable). */
  async forgetSandbox(taskId: string, attempt: number, index: number): Promise<void> {
    await this.dataSource.getRepository(TaskCandidateEntity).update({ taskId, attempt, index }, { sandboxId: null });
  }

  /** Marks one candidate selected and the others not, in one statement. */
  async select(taskId: string, attempt: number, index: number): Promise<void> {
    await this.dataSource.query(
      'UPDATE task_candidates SET selected = (candidate_index = $3), updated_at = now() WHERE task_id = $1 AND attempt = $2',
      [taskId, attempt, index],
    );
  }
}
