import { defineConfig } from 'vitest/config';

/** `npm run test:stress`: load, faults, fuzzing and auth sweeps (minutes, not seconds). */
export default defineConfig({
  test: {
    include: ['test/stress/**/*.stress.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
