import { baseNames } from '../commands/shell-words';
import { hasWord, withoutOptions, withWords, type RunnerAdapter } from './runner-adapter';

/** `go test` with `-json` (right after `test`, before any `-args`); `-failfast` is removed so every test runs. */
export const goTestRunner: RunnerAdapter = {
  framework: 'go',
  packages: [],
  invokedBy: (names) => names.some((name, index) => name === 'go' && names[index + 1] === 'test'),
  withReporter(words, context) {
    const kept = withoutOptions(words, ['-failfast', '--failfast']);
    const names = baseNames(kept);
    const testIndex = names.findIndex((name, index) => name === 'go' && names[index + 1] === 'test') + 1;
    const command = hasWord(kept, '-json') ? withWords(kept, []) : withWords(kept, ['-json'], testIndex);
    return {
      command,
      format: 'go-test-json',
      parseOptions: context.goModulePath ? { goModulePath: context.goModulePath } : undefined,
    };
  },
};
