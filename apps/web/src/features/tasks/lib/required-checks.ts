import {
  eventsOfType,
  latestRequiredChecks,
  summariseRequiredChecks,
  type RequiredCheckResult,
  type TaskEvent,
  type TaskStatus,
} from '@patchbay/contracts';

/** The required checks of the attempt's latest validation run with their waivers, read from the task's events as the gateway reads them. */
export function requiredChecksOf(events: readonly TaskEvent[], attempt: number): RequiredCheckResult[] {
  return latestRequiredChecks(
    eventsOfType(events, 'check_completed')
      .map((event) => event.payload)
      .filter((payload) => payload.attempt === attempt),
    eventsOfType(events, 'check_waived').map((event) => ({ ...event.payload, at: event.at })),
  );
}

/** A failed check may be waived while it stands between the change and its pull request. */
export function mayWaive(check: RequiredCheckResult, status: TaskStatus): boolean {
  return (
    check.status === 'failed' && check.waiver === null && (status === 'paused' || status === 'awaiting_diff_approval')
  );
}

export { summariseRequiredChecks };
