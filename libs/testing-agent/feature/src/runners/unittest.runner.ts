import { indexOfPythonModule, withoutOptions, withWords, type RunnerAdapter } from './runner-adapter';

/**
 * Python's unittest (`python -m unittest …`). It has no report file without extra packages, which
 * a sandbox without network cannot fetch; `-v` makes it name every test with its result, which is
 * read instead. `-v` goes last: `python -m unittest discover` must keep `discover` first.
 * `--failfast` is removed so every test runs.
 */
export const unittestRunner: RunnerAdapter = {
  framework: 'unittest',
  packages: [],
  invokedBy: (_names, words) => indexOfPythonModule(words, 'unittest') >= 0,
  withReporter(words) {
    return {
      command: withWords(withoutOptions(words, ['-f', '--failfast']), ['-v']),
      format: 'unittest',
      env: { PYTHONDONTWRITEBYTECODE: '1' },
    };
  },
};
