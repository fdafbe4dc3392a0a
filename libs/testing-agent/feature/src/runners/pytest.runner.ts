import { indexOfPythonModule, withWords, type RunnerAdapter } from './runner-adapter';

/**
 * pytest, read from a JUnit report outside the workspace. xunit1 adds each test's file to the
 * report; no cache provider and no bytecode keep .pytest_cache and __pycache__ out of the task's
 * diff. `--maxfail=0` (no limit) wins over `-x` / `--maxfail` in the command or in `addopts`,
 * which pytest reads before the command line.
 */
export const pytestRunner: RunnerAdapter = {
  framework: 'pytest',
  packages: [],
  invokedBy: (names, words) =>
    names.includes('pytest') || names.includes('py.test') || indexOfPythonModule(words, 'pytest') >= 0,
  withReporter(words, context) {
    const reportPath = context.reportFile('xml');
    return {
      command: withWords(words, [
        '-p',
        'no:cacheprovider',
        '-o',
        'junit_family=xunit1',
        `--junitxml=${reportPath}`,
        '--maxfail=0',
      ]),
      format: 'junit-xml',
      reportPath,
      env: { PYTHONDONTWRITEBYTECODE: '1' },
      parseOptions: { junitFlavour: 'pytest' },
    };
  },
};
