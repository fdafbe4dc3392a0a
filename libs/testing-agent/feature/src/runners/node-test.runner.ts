import { baseNames } from '../commands/shell-words';
import { withoutOptions, withWords, type RunnerAdapter } from './runner-adapter';

/**
 * Node's built-in runner (`node --test`). The reporter flag goes right after `node`: placed after
 * the file arguments it would be handed to the tests. A reporter the script chose is removed,
 * since several reporters would need as many destinations.
 */
export const nodeTestRunner: RunnerAdapter = {
  framework: 'node:test',
  packages: [],
  invokedBy: (names, words) => names.includes('node') && words.some((entry) => entry.value === '--test'),
  withReporter(words) {
    const kept = withoutOptions(words, ['--test-reporter', '--test-reporter-destination'], true);
    return { command: withWords(kept, ['--test-reporter=tap'], baseNames(kept).indexOf('node')), format: 'tap' };
  },
};
