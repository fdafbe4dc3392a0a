import type { BudgetOverview } from '@patchbay/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FakeFetch } from '../../../testing/fake-fetch';
import { renderWithApp } from '../../../testing/render-with-app';
import { BudgetsPanel } from './budgets-panel';

const DEV = '00000000-0000-4000-8000-0000000000d1';

const OVERVIEW: BudgetOverview = {
  defaults: {
    task: { usd: 1, tokens: null },
    user_day: { usd: null, tokens: null },
    organisation_month: { usd: null, tokens: null },
  },
  settings: [
    { scope: 'organisation_month', userId: null, usd: 250, tokens: null, updatedAt: '2026-12-05T10:00:00.000Z' },
  ],
  organisationMonth: {
    scope: 'organisation_month',
    limit: { usd: 250, tokens: null },
    source: { usd: 'organisation', tokens: 'none' },
    spent: { usd: 260, tokens: 9_000_000 },
    window: { start: '2026-12-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' },
  },
  usersToday: [
    {
      userId: DEV,
      login: 'dana',
      scope: 'user_day',
      limit: { usd: null, tokens: null },
      source: { usd: 'none', tokens: 'none' },
      spent: { usd: 0.0123, tokens: 4_000 },
      window: null,
    },
  ],
};

function serve(api: FakeFetch) {
  api.on('GET /admin/budgets', { json: OVERVIEW });
  api.on('GET /admin/members', {
    json: [{ userId: DEV, login: 'dana', role: 'developer', joinedAt: '2026-12-01T00:00:00.000Z' }],
  });
  api.on('PUT /admin/budgets', { json: OVERVIEW });
}

describe('admin console budgets', () => {
  it('shows spend against the limits and sets a user’s daily budget', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<BudgetsPanel />, { role: 'admin', setup: serve });
    const month = await screen.findByTestId('budget-organisation-month');
    expect(month.textContent).toBe('This month: $260.00 of $250.00');
    expect(month.className).toContain('text-amber-300');
    screen.getByText('Today, dana: $0.0123 · 4,000 tokens, no limit');
    expect(screen.getByText("organisation's monthly budget", { selector: 'dt' }).nextElementSibling?.textContent).toBe(
      'organisation: $250.00 (default: no limit)',
    );
    expect(screen.getByText('task budget', { selector: 'dt' }).nextElementSibling?.textContent).toBe(
      'not set (default: $1.00)',
    );

    const form = screen.getByRole('form', { name: 'Set a budget' });
    await user.selectOptions(within(form).getByLabelText('Budget'), 'user_day');
    await user.selectOptions(await within(form).findByLabelText('User'), 'dana');
    await user.type(within(form).getByLabelText('US dollars'), '$2.50');
    await user.click(within(form).getByRole('button', { name: 'Set budget' }));
    await waitFor(() => expect(api.calls('PUT /admin/budgets')).toHaveLength(1));
    expect(api.calls('PUT /admin/budgets')[0]?.body).toEqual({
      scope: 'user_day',
      userId: DEV,
      usd: 2.5,
      tokens: null,
    });
  });

  it('will not send an amount it cannot read', async () => {
    const user = userEvent.setup();
    renderWithApp(<BudgetsPanel />, { role: 'admin', setup: serve });
    const form = await screen.findByRole('form', { name: 'Set a budget' });
    await user.type(within(form).getByLabelText('Tokens'), '1.5');
    expect(within(form).getByRole<HTMLButtonElement>('button', { name: 'Set budget' }).disabled).toBe(true);
  });
});
