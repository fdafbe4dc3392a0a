import { withWords, type RunnerAdapter } from './runner-adapter';

/**
 * Mocha (and ts-mocha, which hands its arguments to mocha). Options given later win over earlier
 * ones and over `.mocharc`, so the JSON reporter and `--no-bail` are appended: with `--bail` a
 * baseline records only the first failure, and every failure after it would later look new.
 * `--reporter-option output=` (mocha ≥ 9.2) writes the report to a file; older versions ignore
 * it and print the report on stdout, where the parser looks next.
 */
export const mochaRunner: RunnerAdapter = {
  framework: 'mocha',
  packages: ['mocha'],
  invokedBy: (names) => names.some((name) => name === 'mocha' || name === '_mocha' || name === 'ts-mocha'),
  withReporter(words, context) {
    const reportPath = context.reportFile('json');
    return {
      command: withWords(words, ['--reporter', 'json', '--reporter-option', `output=${reportPath}`, '--no-bail']),
      format: 'mocha-json',
      reportPath,
    };
  },
};
