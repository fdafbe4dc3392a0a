import { withWords, type RunnerAdapter } from './runner-adapter';

/**
 * AVA reports TAP with `--tap`; test names are `<file title> › <test>`, unique within a run.
 * `--no-fail-fast` wins over `--fail-fast` in the script or `failFast` in its config.
 */
export const avaRunner: RunnerAdapter = {
  framework: 'ava',
  packages: ['ava'],
  invokedBy: (names) => names.includes('ava'),
  withReporter(words) {
    return { command: withWords(words, ['--tap', '--no-fail-fast']), format: 'tap' };
  },
};
