import { defineConfig } from 'vitest/config';

/** `npm run test:browser`: pages in headless Chromium (Debian's `chromium`, driven by playwright-core); `.ci/run` installs Chromium when missing. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
