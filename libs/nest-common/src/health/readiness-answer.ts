import { HttpStatus } from '@nestjs/common';
import { errorBody, type ErrorBody } from '../errors/error-body';
import type { ReadinessCheck, ReadinessResult } from './readiness-check';

export type CheckState = 'up' | 'down';

/** 200: every check is up. */
export interface Ready {
  status: 'ready';
  checks: Record<string, 'up'>;
}

/** 503, in the `{ statusCode, error, message }` error shape, with each check's state. */
export interface NotReady extends ErrorBody {
  checks: Record<string, CheckState>;
}

export type ReadinessAnswer = Ready | NotReady;

export function isReady(answer: ReadinessAnswer): answer is Ready {
  return !('statusCode' in answer);
}

/**
 * Runs every check at once and answers /readyz: `{ status: 'ready', checks }`, or a 503 body whose
 * message names each check that is down and why ("Not ready: sandbox: …; bus: does not answer").
 * A check that throws counts as down, with its error as the reason.
 */
export async function answerReadiness(checks: readonly ReadinessCheck[]): Promise<ReadinessAnswer> {
  const results = await Promise.all(
    checks.map((check) =>
      check.check().catch((error: unknown): ReadinessResult => ({
        up: false,
        reason: error instanceof Error ? error.message : String(error),
      })),
    ),
  );
  const states: Record<string, CheckState> = {};
  const problems: string[] = [];
  checks.forEach((check, index) => {
    const result = results[index];
    states[check.name] = result?.up ? 'up' : 'down';
    if (result && !result.up) problems.push(`${check.name}: ${result.reason}`);
  });
  if (problems.length > 0)
    return { ...errorBody(HttpStatus.SERVICE_UNAVAILABLE, `Not ready: ${problems.join('; ')}`), checks: states };
  return { status: 'ready', checks: states as Record<string, 'up'> };
}
