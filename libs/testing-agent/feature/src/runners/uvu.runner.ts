import { withoutOptions, withWords, type RunnerAdapter } from './runner-adapter';

/**
 * uvu has no machine-readable reporter: its output names the failing tests (with their suite)
 * and counts the rest, so results are counts plus named failures. `--bail` is removed because a
 * later `--no-bail` does not undo it. NO_COLOR keeps its colour codes out of the output.
 */
export const uvuRunner: RunnerAdapter = {
  framework: 'uvu',
  packages: ['uvu'],
  invokedBy: (names) => names.includes('uvu'),
  withReporter(words) {
    return { command: withWords(withoutOptions(words, ['-b', '--bail']), []), format: 'uvu', env: { NO_COLOR: '1' } };
  },
};
