import { SPOKEN_SUMMARY_MARKER, withSpokenSummarySection } from './spoken-summary-section';

const TASK = '00000000-0000-4000-8000-0000000000aa';
const AUDIO = {
  durationSeconds: 11.6,
  provider: 'espeak' as const,
  voice: 'en-us',
  text: 'Patchbay finished a task on acme/greeter.',
};

describe('withSpokenSummarySection', () => {
  it('appends links to the player and the file, and the transcript', () => {
    expect(withSpokenSummarySection('## Summary\nFix it.\n', TASK, AUDIO)).toBe(
      `## Summary\nFix it.\n\n${SPOKEN_SUMMARY_MARKER}\n### Spoken summary\n` +
        `[Listen in the task view](/tasks/${TASK}) (12 s, espeak-ng voice en-us) · [audio file](/api/v1/tasks/${TASK}/audio)\n\n` +
        '> Patchbay finished a task on acme/greeter.\n',
    );
  });

  it('replaces its own section when the summary is made again', () => {
    const once = withSpokenSummarySection('Body', TASK, AUDIO);
    const twice = withSpokenSummarySection(once, TASK, {
      ...AUDIO,
      provider: 'polly',
      voice: 'Joanna',
      durationSeconds: null,
    });
    expect(twice.split(SPOKEN_SUMMARY_MARKER)).toHaveLength(2);
    expect(twice).toContain('(Amazon Polly voice Joanna)');
    expect(twice.startsWith('Body\n\n')).toBe(true);
  });
});
