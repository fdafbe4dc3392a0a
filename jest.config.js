// One Jest run for every Node project: unit specs beside the code and integration specs that talk
// to the machine's real Postgres, RabbitMQ and Docker. The web app is tested by Vitest/Playwright.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const ESM_ONLY_PACKAGES = ['@octokit', 'universal-user-agent', 'before-after-hook', 'json-with-bigint', 'content-type'];

/** @type {import('jest').Config} */
module.exports = {
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
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  resolver: '<rootDir>/tools/jest/esm-fallback-resolver.js',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60_000,
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  reporters: ['default'],
};
