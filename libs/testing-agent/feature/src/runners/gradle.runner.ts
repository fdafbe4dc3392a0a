import { withWords, type RunnerAdapter } from './runner-adapter';

/** Gradle's test task's JUnit reports, in the root project and in each subproject. */
export const GRADLE_REPORTS = 'build/test-results/test/TEST-*.xml */build/test-results/test/TEST-*.xml';

/**
 * Gradle, read from the JUnit XML its test task writes. `--continue` keeps the other projects'
 * tests running after one project's tests fail. The old reports are removed before each run, so a
 * test task Gradle considers up to date runs again instead of leaving the reports of another run.
 */
export const gradleRunner: RunnerAdapter = {
  framework: 'gradle',
  packages: [],
  invokedBy: (names) => names.includes('gradle') || names.includes('gradlew'),
  withReporter(words) {
    return {
      command: withWords(words, ['--continue']),
      format: 'junit-xml',
      reportPath: GRADLE_REPORTS,
      parseOptions: { junitFlavour: 'generic' },
    };
  },
};
