import { selectCandidate, type CandidateStanding } from './select-candidate';

const candidate = (index: number, overrides: Partial<CandidateStanding> = {}): CandidateStanding => ({
  index,
  finished: true,
  done: false,
  newFailures: 0,
  changedLines: 10,
  changed: true,
  ...overrides,
});

describe('selectCandidate (best-of-N, ADR 0034)', () => {
  it('takes the only candidate that passes the tests over smaller failing ones', () => {
    const choice = selectCandidate([
      candidate(1, { changedLines: 2 }),
      candidate(2, { done: true, changedLines: 8 }),
      candidate(3, { changedLines: 1 }),
    ]);
    expect(choice).toEqual({
      index: 2,
      reason: 'the only candidate that passes the tests (target tests met, nothing new fails)',
    });
  });

  it('puts required checks first: a done candidate whose checks failed loses to one that passed them', () => {
    const choice = selectCandidate([
      candidate(1, { done: true, checksPassed: false, changedLines: 1 }),
      candidate(2, { done: false, checksPassed: true, newFailures: 1 }),
    ]);
    expect(choice?.index).toBe(2);
    expect(choice?.reason).toBe('the only candidate whose required checks passed');
  });

  it('treats checks that did not run (undefined) as passed', () => {
    expect(
      selectCandidate([candidate(1, { checksPassed: false, done: true }), candidate(2, { done: true })])?.index,
    ).toBe(2);
  });

  it('among done candidates prefers the smaller change, ties going to the lower index', () => {
    expect(
      selectCandidate([
        candidate(1, { done: true, changedLines: 9 }),
        candidate(2, { done: true, changedLines: 4 }),
        candidate(3, { done: true, changedLines: 4 }),
      ]),
    ).toEqual({ index: 2, reason: 'passes the tests; as small as another, and the lowest-numbered (4 changed lines)' });
    expect(
      selectCandidate([candidate(1, { done: true, changedLines: 9 }), candidate(2, { done: true, changedLines: 3 })]),
    ).toEqual({ index: 2, reason: 'passes the tests with the smallest change (3 changed lines)' });
  });

  it('when none is done, prefers fewer new failures before a smaller change', () => {
    const choice = selectCandidate([
      candidate(1, { newFailures: 2, changedLines: 1 }),
      candidate(2, { newFailures: 0, changedLines: 30 }),
      candidate(3, { newFailures: 1, changedLines: 2 }),
    ]);
    expect(choice?.index).toBe(2);
    expect(choice?.reason).toMatch(/^no candidate passes the tests; fewest new failures \(0\)/);
  });

  it('never picks a candidate that failed or changed nothing, and answers null when none is left', () => {
    expect(
      selectCandidate([
        candidate(1, { finished: false, done: true, changedLines: 1 }),
        candidate(2, { changed: false, changedLines: 0, done: true }),
        candidate(3, { newFailures: 3 }),
      ]),
    ).toEqual({ index: 3, reason: 'the only candidate that finished with a change' });
    expect(selectCandidate([candidate(1, { finished: false }), candidate(2, { changed: false })])).toBeNull();
    expect(selectCandidate([])).toBeNull();
  });
});
