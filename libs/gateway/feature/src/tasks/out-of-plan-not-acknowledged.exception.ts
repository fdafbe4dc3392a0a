import { ConflictException } from '@nestjs/common';

/**
 * A diff approval that does not acknowledge every change outside the approved plan (ADR 0031). A
 * 409: the request is well formed, but the diff under review needs more than a plain approval.
 * The body names the files, so a client can show them and send them back acknowledged.
 */
export class OutOfPlanNotAcknowledgedException extends ConflictException {
  static missing(outOfPlan: readonly string[], unacknowledged: readonly string[]): OutOfPlanNotAcknowledgedException {
    const files = unacknowledged.join(', ');
    return new OutOfPlanNotAcknowledgedException({
      message: `The diff changes ${unacknowledged.length === 1 ? 'a file' : `${unacknowledged.length} files`} outside the approved plan that the approval does not acknowledge: ${files}. Review them and approve with "acknowledgeOutOfPlan": [${unacknowledged.map((path) => JSON.stringify(path)).join(', ')}], or request changes.`,
      outOfPlan,
      unacknowledged,
    });
  }
}
