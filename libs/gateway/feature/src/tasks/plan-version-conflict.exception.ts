import { ConflictException } from '@nestjs/common';

/**
 * A reviewer decided on a plan version that is no longer the task's latest (ADR 0017). A 409
 * naming the newer version and who made it, so the dashboard can say what happened instead of
 * applying (or silently dropping) edits made to an older version.
 */
export class PlanVersionConflictException extends ConflictException {
  static changedSince(openedVersion: number, current: { version: number; by: string }): PlanVersionConflictException {
    return new PlanVersionConflictException({
      message: `The plan changed since you opened it (version ${current.version} by ${current.by}); you opened version ${openedVersion}. Review the current plan and decide again.`,
      currentVersion: current.version,
      changedBy: current.by,
    });
  }

  static alreadyDecided(
    decision: 'approved' | 'rejected',
    version: number | null,
    by: string,
    status: string,
  ): PlanVersionConflictException {
    const which = version === null ? 'The plan' : `The plan (version ${version})`;
    return new PlanVersionConflictException({
      message: `${which} was already ${decision} by ${by}; the task is ${status} and no plan awaits approval, so your decision was not applied.`,
      ...(version === null ? {} : { currentVersion: version }),
      changedBy: by,
    });
  }
}
