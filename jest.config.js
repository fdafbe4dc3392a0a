// One Jest run for the whole repository, as two projects:
// - node: every Node project's unit specs beside the code and integration specs that talk to the
//   machine's real Postgres, RabbitMQ and Docker (its globalSetup recreates the test database);
// - web: the dashboard's specs in jsdom: component specs (`apps/web/src/**/*.spec.tsx`) with Testing
//   Library, and the pure-logic specs beside the code they test (`apps/web/src/**/*.spec.ts`).
// The browser e2e (apps/web/e2e) runs outside Jest: it drives Chromium against the built platform.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const ESM_ONLY_PACKAGES = [
  '@octokit',
  'universal-user-agent',
  'before-after-hook',
  'json-with-bigint',
  'content-type',
  'universal-github-app-jwt',
  'toad-cache',
];
// CommonJS that loads `http` with a dynamic import(), which Jest's CommonJS runtime refuses
// without --experimental-vm-modules; transpiled, the import() becomes a require().
const DYNAMIC_IMPORT_PACKAGES = ['@opentelemetry/otlp-exporter-base'];

/** @type {import('jest').Config} */
const nodeProject = {
  displayName: 'node',
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/migrations', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts', '**/*.integration-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
    // Octokit ships ESM only; Jest's CommonJS runtime needs it transpiled (Node itself loads it natively).
    '^.+\\.js$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${[...ESM_ONLY_PACKAGES, ...DYNAMIC_IMPORT_PACKAGES].join('|')})/)`],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  resolver: '<rootDir>/tools/jest/esm-fallback-resolver.js',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // A project's globalSetup runs only when the run selects at least one of its tests, so a
  // web-only run never touches Postgres.
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
};

/** @type {import('jest').Config} */
const webProject = {
  displayName: 'web',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/apps/web/src'],
  testMatch: ['**/*.spec.tsx', '**/*.spec.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/apps/web/tsconfig.spec.json' }],
  },
  moduleNameMapper: {
    // Stylesheets (Tailwind, react-diff-view's) mean nothing to jsdom.
    '\\.css$': '<rootDir>/apps/web/src/testing/style-mock.ts',
    '^@patchbay/contracts$': '<rootDir>/libs/contracts/src/index.ts',
  },
  moduleFileExtensions: ['tsx', 'ts', 'js', 'json'],
  setupFilesAfterEnv: ['<rootDir>/apps/web/src/testing/jest-setup.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [nodeProject, webProject],
  testTimeout: 60_000,
  reporters: ['default'],
};
