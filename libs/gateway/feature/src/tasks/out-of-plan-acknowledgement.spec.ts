import { BadRequestException } from '@nestjs/common';
import type { PlanConformanceReport } from '@patchbay/contracts';
import { acknowledgedOutOfPlan } from './out-of-plan-acknowledgement';
import { OutOfPlanNotAcknowledgedException } from './out-of-plan-not-acknowledged.exception';

const report = (outOfPlan: string[]): PlanConformanceReport => ({
  planVersion: 1,
  planContentHash: 'c'.repeat(64),
  diffSha256: 'd'.repeat(64),
  steps: [],
  files: outOfPlan.map((path) => ({ path, change: 'modified', stepIds: [], outOfPlan: true })),
  outOfPlan,
});

function refusal(work: () => unknown): { status: number; body: unknown } {
  try {
    work();
  } catch (error) {
    if (error instanceof OutOfPlanNotAcknowledgedException || error instanceof BadRequestException)
      return { status: error.getStatus(), body: error.getResponse() };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('acknowledgedOutOfPlan', () => {
  it('lets a diff inside the plan (or without a report) be approved without acknowledging anything', () => {
    expect(acknowledgedOutOfPlan(report([]), undefined)).toEqual([]);
    expect(acknowledgedOutOfPlan(report([]), [])).toEqual([]);
    expect(acknowledgedOutOfPlan(null, undefined)).toEqual([]);
  });

  it('refuses with 409 naming each file left unacknowledged, and the body lists them for clients', () => {
    expect(refusal(() => acknowledgedOutOfPlan(report(['notes.md', 'src/x.js']), ['notes.md']))).toEqual({
      status: 409,
      body: {
        message:
          'The diff changes a file outside the approved plan that the approval does not acknowledge: src/x.js. Review them and approve with "acknowledgeOutOfPlan": ["src/x.js"], or request changes.',
        outOfPlan: ['notes.md', 'src/x.js'],
        unacknowledged: ['src/x.js'],
      },
    });
    expect(refusal(() => acknowledgedOutOfPlan(report(['notes.md', 'src/x.js']), undefined))).toMatchObject({
      status: 409,
      body: { unacknowledged: ['notes.md', 'src/x.js'] },
    });
  });

  it('takes an acknowledgement that names every file (in any order, repeats ignored)', () => {
    expect(acknowledgedOutOfPlan(report(['notes.md', 'src/x.js']), ['src/x.js', 'notes.md', 'notes.md'])).toEqual([
      'notes.md',
      'src/x.js',
    ]);
  });

  it('refuses with 400 a path that is not outside the plan, so a stale acknowledgement never passes', () => {
    expect(refusal(() => acknowledgedOutOfPlan(report(['notes.md']), ['notes.md', 'src/greet.js']))).toMatchObject({
      status: 400,
      body: {
        message:
          'acknowledgeOutOfPlan: src/greet.js is not changed outside the approved plan (outside the plan are only notes.md)',
      },
    });
    expect(refusal(() => acknowledgedOutOfPlan(null, ['notes.md']))).toMatchObject({
      status: 400,
      body: {
        message:
          'acknowledgeOutOfPlan: notes.md is not changed outside the approved plan (the diff changes nothing outside the approved plan)',
      },
    });
  });
});
