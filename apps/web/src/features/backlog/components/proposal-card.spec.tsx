import type { BacklogProposalMessageView } from '@patchbay/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithApp } from '../../../testing/render-with-app';
import { ProposalCard } from './proposal-card';

const PROJECT = '00000000-0000-4000-8000-0000000000aa';
const KEPT = '00000000-0000-4000-8000-00000000000b';

const PROPOSAL: BacklogProposalMessageView = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'proposal',
  at: '2026-12-06T09:00:00.000Z',
  replyTo: '00000000-0000-4000-8000-000000000002',
  model: 'gpt-4o-mini',
  attempts: 2,
  state: 'pending',
  patch: {
    baseVersion: 1,
    summary: 'Merge and add docs',
    operations: [
      { op: 'update', id: KEPT, title: 'Auth API and login page' },
      {
        op: 'create',
        tempId: 'docs',
        parent: null,
        title: 'Docs',
        description: '',
        acceptanceCriteria: [],
        status: 'todo',
      },
    ],
  },
  preview: {
    valid: true,
    problems: [],
    currentVersion: 1,
    rows: [
      {
        id: KEPT,
        depth: 1,
        change: 'changed',
        title: 'Auth API and login page',
        description: '',
        acceptanceCriteria: [],
        status: 'todo',
        changedFields: ['title'],
        previousTitle: 'Auth API',
      },
      {
        id: '00000000-0000-4000-8000-00000000000c',
        depth: 1,
        change: 'removed',
        title: 'Login page',
        description: '',
        acceptanceCriteria: [],
        status: 'todo',
        changedFields: [],
      },
      {
        id: 'docs',
        depth: 1,
        change: 'added',
        title: 'Docs',
        description: '',
        acceptanceCriteria: [],
        status: 'todo',
        changedFields: [],
      },
    ],
  },
};

const ACCEPT = `POST /backlog/proposals/${PROPOSAL.id}/accept`;

describe('ProposalCard', () => {
  it('shows the patch as a tree diff and accepts it as proposed', async () => {
    const { api } = renderWithApp(<ProposalCard projectId={PROJECT} proposal={PROPOSAL} canDecide />, {
      setup: (api) => api.on(ACCEPT, { json: {} }),
    });
    const rows = screen.getAllByTestId('patch-diff-row');
    expect(
      rows.map((row) => [row.getAttribute('data-change'), within(row).getByTestId('patch-diff-title').textContent]),
    ).toEqual([
      ['changed', 'Auth API and login page'],
      ['removed', 'Login page'],
      ['added', 'Docs'],
    ]);
    expect(screen.getByText('Auth API')).toBeTruthy();
    expect(screen.getByText(/corrected after an invalid answer/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(api.calls(ACCEPT)).toHaveLength(1));
    expect(api.calls(ACCEPT)[0].body).toEqual({});
  });

  it('accepts an edit: an operation dropped and a title reworded', async () => {
    const { api } = renderWithApp(<ProposalCard projectId={PROJECT} proposal={PROPOSAL} canDecide />, {
      setup: (api) => api.on(ACCEPT, { json: {} }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.click(screen.getByLabelText(/Keep operation 2/));
    fireEvent.change(screen.getByLabelText('Title of operation 1'), { target: { value: 'Auth' } });
    fireEvent.click(screen.getByRole('button', { name: 'Accept edited patch' }));
    await waitFor(() => expect(api.calls(ACCEPT)).toHaveLength(1));
    expect(api.calls(ACCEPT)[0].body).toEqual({
      patch: { baseVersion: 1, summary: 'Merge and add docs', operations: [{ op: 'update', id: KEPT, title: 'Auth' }] },
    });
  });

  it('offers no decision to a viewer, and none on a stale proposal', () => {
    const { unmount } = renderWithApp(<ProposalCard projectId={PROJECT} proposal={PROPOSAL} canDecide={false} />);
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
    unmount();
    renderWithApp(
      <ProposalCard projectId={PROJECT} proposal={{ ...PROPOSAL, state: 'stale', preview: null }} canDecide />,
    );
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
    expect(screen.getByTestId('proposal-state').textContent).toBe('stale: the tree changed since');
    expect(screen.queryAllByTestId('patch-diff-row')).toHaveLength(0);
  });
});
