import type { ApprovalRecordView } from '@patchbay/contracts';
import { render, screen, within } from '@testing-library/react';
import { ReviewRecord } from './review-record';

const at = '2026-12-05T10:00:00.000Z';
const APPROVALS: ApprovalRecordView[] = [
  {
    id: 'a1',
    subject: 'plan',
    decision: 'rejected',
    planVersion: 1,
    contentHash: 'a',
    feedback: 'Add a test first',
    comments: [],
    acknowledgedOutOfPlan: [],
    decidedBy: { id: 'u1', login: 'bob' },
    decidedAt: at,
  },
  {
    id: 'a2',
    subject: 'plan',
    decision: 'approved',
    planVersion: 3,
    contentHash: 'b',
    feedback: null,
    comments: [],
    acknowledgedOutOfPlan: [],
    decidedBy: { id: 'u2', login: 'alice' },
    decidedAt: at,
  },
  {
    id: 'a3',
    subject: 'diff',
    decision: 'rejected',
    planVersion: null,
    contentHash: 'c',
    feedback: 'Nearly.\n\nInline comments:\n- src/greet.js:2: Keep the semicolon',
    comments: [
      { path: 'src/greet.js', side: 'new', line: 2, body: 'Keep the semicolon' },
      { path: 'src/old.js', side: 'old', line: 7, body: 'Why remove this?' },
    ],
    acknowledgedOutOfPlan: [],
    decidedBy: { id: 'u1', login: 'bob' },
    decidedAt: at,
  },
  {
    id: 'a4',
    subject: 'diff',
    decision: 'approved',
    planVersion: null,
    contentHash: 'd',
    feedback: 'approved automatically by the task or repository setting',
    comments: [],
    acknowledgedOutOfPlan: [],
    decidedBy: null,
    decidedAt: at,
  },
];

describe('ReviewRecord', () => {
  it('lists every plan decision with its version, who made it and the feedback', () => {
    render(<ReviewRecord approvals={APPROVALS} subject="plan" />);
    const decisions = screen.getAllByTestId('review-decision');
    expect(decisions.map((decision) => decision.querySelector('p')?.firstChild?.textContent)).toEqual([
      'Plan version 1 rejected by bob',
      'Plan version 3 approved by alice',
    ]);
    expect(within(decisions[0]).getByTestId('review-feedback').textContent).toBe('Add a test first');
    expect(within(decisions[1]).queryByTestId('review-feedback')).toBeNull();
  });

  it('keeps requested changes: the reviewer’s words once, each inline comment at its line; an automatic approval says so', () => {
    render(<ReviewRecord approvals={APPROVALS} subject="diff" />);
    const [changes, approved] = screen.getAllByTestId('review-decision');
    expect(changes.textContent).toContain('Changes requested by bob');
    expect(within(changes).getByTestId('review-feedback').textContent).toBe('Nearly.');
    expect(
      within(changes)
        .getAllByTestId('review-comment')
        .map((comment) => comment.textContent),
    ).toEqual(['src/greet.js:2 Keep the semicolon', 'src/old.js:7 (removed line) Why remove this?']);
    expect(approved.textContent).toContain('Diff approved by automatic approval');
    expect(within(approved).queryByTestId('review-feedback')).toBeNull();
  });

  it('shows the files a diff approval acknowledged as changed outside the plan', () => {
    const acknowledged: ApprovalRecordView = {
      ...APPROVALS[3],
      feedback: null,
      acknowledgedOutOfPlan: ['NOTES.md', 'src/extra.js'],
      decidedBy: { id: 'u2', login: 'alice' },
    };
    render(<ReviewRecord approvals={[acknowledged]} subject="diff" />);
    expect(screen.getByTestId('review-acknowledged-out-of-plan').textContent).toBe(
      'Acknowledged outside the plan: NOTES.md, src/extra.js',
    );
  });

  it('shows nothing while there is no decision on the subject', () => {
    const { container } = render(
      <ReviewRecord approvals={APPROVALS.filter((approval) => approval.subject === 'plan')} subject="diff" />,
    );
    expect(container.innerHTML).toBe('');
  });
});
