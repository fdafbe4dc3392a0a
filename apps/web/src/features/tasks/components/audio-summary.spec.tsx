import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, TASK_ID } from '../../../testing/render-with-app';
import { AudioSummary } from './audio-summary';

const SUMMARY = {
  contentType: 'audio/ogg; codecs=opus',
  bytes: 30_000,
  durationSeconds: 11.6,
  provider: 'espeak' as const,
  voice: 'en-us',
  sha256: 'a'.repeat(64),
  text: 'Patchbay finished a task on acme/greeter. Pull request number 1 is open for review.',
};

describe('AudioSummary', () => {
  it('shows the transcript and length beside the player and plays the fetched file', async () => {
    const user = userEvent.setup();
    Object.defineProperty(URL, 'createObjectURL', {
      value: jest.fn(() => 'blob:summary'),
      configurable: true,
      writable: true,
    });
    Object.defineProperty(URL, 'revokeObjectURL', { value: jest.fn(), configurable: true, writable: true });
    renderWithApp(<AudioSummary taskId={TASK_ID} summary={SUMMARY} />, {
      setup: (fake) => fake.on(`GET /tasks/${TASK_ID}/audio`, { text: 'OggS' }),
    });
    expect(screen.getByTestId('audio-transcript').textContent).toBe(`Spoken summary: “${SUMMARY.text}”`);
    await user.click(screen.getByRole('button', { name: '▶ Load audio summary (12 s)' }));
    expect((await screen.findByLabelText('Spoken summary')).getAttribute('src')).toBe('blob:summary');
    expect(screen.getByTestId('audio-transcript')).toBeTruthy();
  });

  it('shows the API message when the audio cannot be fetched', async () => {
    const user = userEvent.setup();
    renderWithApp(<AudioSummary taskId={TASK_ID} />, {
      setup: (fake) =>
        fake.on(`GET /tasks/${TASK_ID}/audio`, {
          status: 404,
          json: { statusCode: 404, error: 'Not Found', message: 'This task has no audio summary yet' },
        }),
    });
    expect(screen.queryByTestId('audio-transcript')).toBeNull();
    await user.click(screen.getByRole('button', { name: '▶ Load audio summary' }));
    expect(await screen.findByText('This task has no audio summary yet')).toBeTruthy();
  });
});
