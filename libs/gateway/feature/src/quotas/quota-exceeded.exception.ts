import { HttpException, HttpStatus } from '@nestjs/common';
import type { QuotaKind, QuotaScope } from '@patchbay/contracts';

const DESCRIPTIONS: Record<QuotaKind, string> = {
  tasks_per_day: 'tasks per day',
  concurrent_tasks: 'concurrent tasks',
  pull_requests_per_day: 'pull requests per day',
  candidates_per_task: 'candidates per task',
};

/** 429 naming the limit that was hit, its value, and when it frees up. */
export class QuotaExceededException extends HttpException {
  constructor(kind: QuotaKind, scope: QuotaScope, limit: number, resetsAt: Date | null) {
    const when = resetsAt
      ? `it resets at ${resetsAt.toISOString()}`
      : 'a slot frees up when one of the running tasks finishes';
    super(
      {
        message: `Quota exceeded: ${scope} limit of ${limit} ${DESCRIPTIONS[kind]} reached; ${when}`,
        quota: kind,
        scope,
        limit,
        resetsAt: resetsAt?.toISOString() ?? null,
        retryAfterSeconds: resetsAt ? Math.max(1, Math.ceil((resetsAt.getTime() - Date.now()) / 1000)) : 60,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
