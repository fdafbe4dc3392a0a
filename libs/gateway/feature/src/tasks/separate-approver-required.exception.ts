import { ForbiddenException } from '@nestjs/common';

/**
 * The repository's four-eyes rule (`requireSeparateApprover`) refused an approval. A 403, not a
 * 409: the task is in the right state, the caller (or the request) is the wrong approver.
 */
export class SeparateApproverRequiredException extends ForbiddenException {
  /** The task's author asked to approve its own diff. */
  static authorApprovingDiff(): SeparateApproverRequiredException {
    return new SeparateApproverRequiredException(
      "This repository requires a second person to approve the diff: the task's author cannot approve it",
    );
  }

  /** The task's author asked to let a failed required check of its own change through. */
  static authorWaivingCheck(): SeparateApproverRequiredException {
    return new SeparateApproverRequiredException(
      "This repository requires a second person to approve the diff: the task's author cannot waive its required checks either",
    );
  }

  /** A new task asked for its diff to be approved automatically, which would mean no one approves it. */
  static automaticDiffApproval(): SeparateApproverRequiredException {
    return new SeparateApproverRequiredException(
      'autoApprove.diff: this repository requires a second person to approve the diff, so it cannot be approved automatically',
    );
  }
}
