import { withWords, type RunnerAdapter } from './runner-adapter';

/**
 * Jest, also as Create React App's `react-scripts test`. `--json --outputFile` writes the report
 * to a file, so console output of the tests cannot corrupt it. `--bail=0` wins over `--bail` in
 * the script or `bail` in the config: a run that stops at the first failing file reports fewer
 * tests than a full one, and a failure the baseline never reached would later look new.
 */
export const jestRunner: RunnerAdapter = {
  framework: 'jest',
  packages: ['jest'],
  invokedBy: (names) => names.includes('jest') || (names.includes('react-scripts') && names.includes('test')),
  withReporter(words, context) {
    const reportPath = context.reportFile('json');
    const reactScripts = words.some((entry) => entry.value.endsWith('react-scripts'));
    const extra = ['--json', `--outputFile=${reportPath}`, '--bail=0', ...(reactScripts ? ['--watchAll=false'] : [])];
    return {
      command: withWords(words, extra),
      format: 'jest-json',
      reportPath,
      ...(reactScripts ? { env: { CI: 'true' } } : {}),
    };
  },
};
