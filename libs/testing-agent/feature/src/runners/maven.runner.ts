import { withWords, type RunnerAdapter } from './runner-adapter';

/** Surefire's reports, where Maven writes them (one file per test class, in each module). */
export const MAVEN_REPORTS = 'target/surefire-reports/TEST-*.xml */target/surefire-reports/TEST-*.xml';

/** Maven, read from Surefire's JUnit reports. `-fae` (fail at end) keeps the other modules' tests running after one module fails. */
export const mavenRunner: RunnerAdapter = {
  framework: 'maven',
  packages: [],
  invokedBy: (names) => names.includes('mvn') || names.includes('mvnw'),
  withReporter(words) {
    return {
      command: withWords(words, ['-fae']),
      format: 'junit-xml',
      reportPath: MAVEN_REPORTS,
      parseOptions: { junitFlavour: 'generic' },
    };
  },
};
