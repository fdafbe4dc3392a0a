import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp } from '../../../testing/render-with-app';
import { SettingsPage } from './settings-page';

describe('SettingsPage', () => {
  it('does not ask a viewer’s API for credentials it would refuse, and says why', async () => {
    const { api } = renderWithApp(<SettingsPage />, {
      role: 'viewer',
      setup: (fake) =>
        fake.on('GET /credentials', {
          status: 403,
          json: { statusCode: 403, error: 'Forbidden', message: 'This needs the developer role' },
        }),
    });
    await screen.findByText(/your role \(viewer\) cannot see or store them/);
    await waitFor(() => expect(api.calls('GET /auth/me').length).toBeGreaterThan(0));
    expect(api.calls('GET /credentials')).toHaveLength(0);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('form', { name: 'Store a key' })).toBeNull();
  });

  it('shows the API’s field errors at their fields in plain words', async () => {
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />, {
      setup: (fake) => {
        fake.on('GET /credentials', { json: [] });
        fake.on('POST /credentials', {
          status: 400,
          json: {
            statusCode: 400,
            error: 'Bad Request',
            message: 'apiKey: Too small: expected string to have >=1 characters; baseUrl: Invalid URL',
          },
        });
      },
    });
    await screen.findByText(/No stored keys/);
    await user.type(screen.getByLabelText('Base URL (optional)'), 'not a url');
    await user.click(screen.getByRole('button', { name: 'Store key' }));
    await screen.findByText('Required.');
    screen.getByText('Enter a full URL, such as https://example.com.');
    expect(document.body.textContent).not.toContain('Too small');
  });
});
