import { BLOCKED_EGRESS_CAP, type BlockedEgressAttempt } from '@patchbay/contracts';

/**
 * The refused egress attempts of one sandbox, bounded: a command looping on a blocked host must
 * not grow the service's memory. The first `cap` attempts are kept (the first refusal is usually
 * the one that explains a failure); later ones are only counted.
 */
export class BlockedEgressLog {
  private readonly kept: BlockedEgressAttempt[] = [];
  private droppedCount = 0;

  constructor(private readonly cap = BLOCKED_EGRESS_CAP) {}

  record(attempt: BlockedEgressAttempt): void {
    if (this.kept.length < this.cap) this.kept.push(attempt);
    else this.droppedCount++;
  }

  get attempts(): BlockedEgressAttempt[] {
    return [...this.kept];
  }

  get dropped(): number {
    return this.droppedCount;
  }
}
