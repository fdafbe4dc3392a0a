import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface TaskOutcomeCounts {
  created: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export interface DecisionCounts {
  subject: 'plan' | 'diff';
  approved: number;
  rejected: number;
}

export interface MergeTimes {
  merged: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface FeedbackCounts {
  scope: 'task' | 'file';
  up: number;
  down: number;
}

export interface FileFeedbackCounts {
  repository: string;
  path: string;
  up: number;
  down: number;
}

/**
 * The organisation report's figures, each one aggregate query over the period, computed by
 * Postgres rather than by loading rows (an organisation may have thousands of tasks).
 */
@Injectable()
export class OrganisationReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async taskOutcomes(organisationId: string, since: Date): Promise<TaskOutcomeCounts> {
    const [row]: Array<Record<keyof TaskOutcomeCounts, string>> = await this.dataSource.query(
      `SELECT COUNT(*) AS created,
              COUNT(*) FILTER (WHERE status = 'completed') AS completed,
              COUNT(*) FILTER (WHERE status = 'failed') AS failed,
              COUNT(*) FILTER (WHERE status = 'cancelled') AS cancelled
         FROM tasks WHERE organisation_id = $1 AND created_at >= $2`,
      [organisationId, since],
    );
    return {
      created: Number(row.created),
      completed: Number(row.completed),
      failed: Number(row.failed),
      cancelled: Number(row.cancelled),
    };
  }

  /** Human decisions only: an automatic approval (decided_by null) is a setting, not a verdict. */
  async decisions(organisationId: string, since: Date): Promise<DecisionCounts[]> {
    const rows: Array<{ subject: 'plan' | 'diff'; approved: string; rejected: string }> = await this.dataSource.query(
      `SELECT a.subject,
              COUNT(*) FILTER (WHERE a.decision = 'approved') AS approved,
              COUNT(*) FILTER (WHERE a.decision = 'rejected') AS rejected
         FROM approvals a JOIN tasks t ON t.id = a.task_id
        WHERE t.organisation_id = $1 AND a.decided_at >= $2 AND a.decided_by IS NOT NULL
        GROUP BY a.subject`,
      [organisationId, since],
    );
    return rows.map((row) => ({
      subject: row.subject,
      approved: Number(row.approved),
      rejected: Number(row.rejected),
    }));
  }

  async mergeTimes(organisationId: string, since: Date): Promise<MergeTimes> {
    const [row]: Array<{ merged: string; median: number | null; p90: number | null }> = await this.dataSource.query(
      `SELECT COUNT(*) AS merged,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM p.merged_at - p.created_at)) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM p.merged_at - p.created_at)) AS p90
         FROM pull_requests p JOIN tasks t ON t.id = p.task_id
        WHERE t.organisation_id = $1 AND p.merged_at >= $2`,
      [organisationId, since],
    );
    return {
      merged: Number(row.merged),
      medianSeconds: row.median === null ? null : Math.round(Number(row.median)),
      p90Seconds: row.p90 === null ? null : Math.round(Number(row.p90)),
    };
  }

  async feedback(organisationId: string, since: Date): Promise<FeedbackCounts[]> {
    const rows: Array<{ scope: 'task' | 'file'; up: string; down: string }> = await this.dataSource.query(
      `SELECT CASE WHEN f.file_path IS NULL THEN 'task' ELSE 'file' END AS scope,
              COUNT(*) FILTER (WHERE f.rating = 'up') AS up,
              COUNT(*) FILTER (WHERE f.rating = 'down') AS down
         FROM task_feedback f JOIN tasks t ON t.id = f.task_id
        WHERE t.organisation_id = $1 AND f.updated_at >= $2
        GROUP BY 1`,
      [organisationId, since],
    );
    return rows.map((row) => ({ scope: row.scope, up: Number(row.up), down: Number(row.down) }));
  }

  async mostDownvotedFiles(organisationId: string, since: Date, limit: number): Promise<FileFeedbackCounts[]> {
    const rows: Array<{ repository: string; path: string; up: string; down: string }> = await this.dataSource.query(
      `SELECT r.full_name AS repository, f.file_path AS path,
              COUNT(*) FILTER (WHERE f.rating = 'up') AS up,
              COUNT(*) FILTER (WHERE f.rating = 'down') AS down
         FROM task_feedback f JOIN tasks t ON t.id = f.task_id JOIN repositories r ON r.id = t.repository_id
        WHERE t.organisation_id = $1 AND f.updated_at >= $2 AND f.file_path IS NOT NULL
        GROUP BY r.full_name, f.file_path
       HAVING COUNT(*) FILTER (WHERE f.rating = 'down') > 0
        ORDER BY down DESC, up ASC, repository, path
        LIMIT $3`,
      [organisationId, since, limit],
    );
    return rows.map((row) => ({
      repository: row.repository,
      path: row.path,
      up: Number(row.up),
      down: Number(row.down),
    }));
  }
}
