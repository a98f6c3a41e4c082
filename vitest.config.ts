import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/stress/**', 'test/browser/**', 'node_modules/**'], // `npm run test:stress`, `npm run test:browser` (needs Chromium)
    globalSetup: ['test/support/global-setup.ts'],
    // One DynamoDB Local serves the run; a few files at a time keep it responsive on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
