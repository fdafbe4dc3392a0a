import { withWords, type RunnerAdapter } from './runner-adapter';

/**
 * node-tap (`tap`). `--reporter=tap` prints raw TAP, where each test file is the top-level
 * subtest (the file becomes the failure's file); `--no-bail` wins over `--bail`. tap ≥ 18 keeps
 * run data in `.tap/` in the workspace, which must not end up in the task's diff.
 */
export const nodeTapRunner: RunnerAdapter = {
  framework: 'tap',
  packages: ['tap'],
  invokedBy: (names) => names.includes('tap'),
  withReporter(words) {
    return {
      command: withWords(words, ['--reporter=tap', '--no-bail']),
      format: 'tap',
      parseOptions: { tapFileSubtests: true },
      gitExcludes: ['.tap/'],
    };
  },
};
