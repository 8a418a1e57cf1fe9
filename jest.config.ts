import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // Each suite opens its own SQLite file; two workers suit the 2-core machines.
  maxWorkers: 2,
  testTimeout: 30000,
};

export default config;
