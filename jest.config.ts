import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // Once per run: the migrated and demo databases every suite copies (tests/support/templates.ts).
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // Before each test file: cheap password hashes for test users.
  setupFiles: ['<rootDir>/tests/support/cheap-hashes.ts'],
  // Each suite opens its own SQLite file; two workers suit the 2-core machines.
  maxWorkers: 2,
  // Real Chromium (launched, killed and relaunched) and whole-site walks beside each other on 2 cores.
  testTimeout: 60000,
};

export default config;
