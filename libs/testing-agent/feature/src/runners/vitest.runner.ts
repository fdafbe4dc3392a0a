import { hasWord, withoutOptions, withWords, type RunnerAdapter } from './runner-adapter';

/**
 * Vitest. `--run` keeps it out of watch mode; its JSON reporter writes Jest's report shape to a
 * file. A `--bail` in the script is dropped (`--bail=0` is only understood by Vitest ≥ 0.29, so it
 * is not added when the script did not ask for bailing).
 */
export const vitestRunner: RunnerAdapter = {
  framework: 'vitest',
  packages: ['vitest'],
  invokedBy: (names) => names.includes('vitest'),
  withReporter(words, context) {
    const reportPath = context.reportFile('json');
    const bails = hasWord(words, '--bail');
    const kept = bails ? withoutOptions(words, ['--bail'], true) : [...words];
    return {
      command: withWords(kept, [
        '--run',
        '--reporter=json',
        `--outputFile=${reportPath}`,
        ...(bails ? ['--bail=0'] : []),
      ]),
      format: 'vitest-json',
      reportPath,
    };
  },
};
