import { BadRequestException } from '@nestjs/common';
import type { PlanConformanceReport } from '@patchbay/contracts';
import { OutOfPlanNotAcknowledgedException } from './out-of-plan-not-acknowledged.exception';

/**
 * The paths a diff approval acknowledges as changed outside the approved plan (ADR 0031). Every
 * out-of-plan path must be named: an acknowledgement is a statement about those files, so a
 * blanket "yes" is not taken. Naming a path that is not outside the plan is a 400, because the
 * reviewer was looking at something other than this diff's report. Without a report (a diff
 * prepared before reports existed) there is nothing to acknowledge and a list is refused the same way.
 */
export function acknowledgedOutOfPlan(
  report: PlanConformanceReport | null,
  acknowledged: readonly string[] | undefined,
): string[] {
  const outOfPlan = report?.outOfPlan ?? [];
  const given = [...new Set(acknowledged ?? [])];
  const strays = given.filter((path) => !outOfPlan.includes(path));
  if (strays.length > 0) {
    const none =
      outOfPlan.length === 0
        ? 'the diff changes nothing outside the approved plan'
        : `outside the plan are only ${outOfPlan.join(', ')}`;
    throw new BadRequestException(
      `acknowledgeOutOfPlan: ${strays.join(', ')} ${strays.length === 1 ? 'is' : 'are'} not changed outside the approved plan (${none})`,
    );
  }
  const unacknowledged = outOfPlan.filter((path) => !given.includes(path));
  if (unacknowledged.length > 0) throw OutOfPlanNotAcknowledgedException.missing(outOfPlan, unacknowledged);
  return outOfPlan;
}
