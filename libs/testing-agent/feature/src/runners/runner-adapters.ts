import { baseNames, programIndex, simpleCommandWords, type ShellWord } from '../commands/shell-words';
import { avaRunner } from './ava.runner';
import { goTestRunner } from './go-test.runner';
import { gradleRunner } from './gradle.runner';
import { jestRunner } from './jest.runner';
import { mavenRunner } from './maven.runner';
import { mochaRunner } from './mocha.runner';
import { nodeTapRunner } from './node-tap.runner';
import { nodeTestRunner } from './node-test.runner';
import { pytestRunner } from './pytest.runner';
import type { RunnerAdapter } from './runner-adapter';
import { unittestRunner } from './unittest.runner';
import { uvuRunner } from './uvu.runner';
import { vitestRunner } from './vitest.runner';

/** Every runner the testing agent can read test by test; the first that matches a command wins. */
export const RUNNER_ADAPTERS: readonly RunnerAdapter[] = [
  jestRunner,
  vitestRunner,
  mochaRunner,
  avaRunner,
  uvuRunner,
  nodeTapRunner,
  nodeTestRunner,
  pytestRunner,
  unittestRunner,
  goTestRunner,
  mavenRunner,
  gradleRunner,
];

/** The runner a simple command invokes (wrappers such as `npx`, `cross-env` or `c8` in front are fine). */
export function runnerOf(words: readonly ShellWord[]): RunnerAdapter | undefined {
  const program = words.slice(programIndex(words));
  const names = baseNames(program);
  return RUNNER_ADAPTERS.find((adapter) => adapter.invokedBy(names, program));
}

/** The runner a command invokes, when it is a simple command. */
export function runnerOfCommand(command: string): RunnerAdapter | undefined {
  const words = simpleCommandWords(command);
  return words ? runnerOf(words) : undefined;
}

/** The runner a project uses by its (dev)dependencies, for a package.json without a test script. */
export function runnerOfDependencies(dependencies: Readonly<Record<string, string>>): RunnerAdapter | undefined {
  return RUNNER_ADAPTERS.find((adapter) => adapter.packages.some((name) => name in dependencies));
}
