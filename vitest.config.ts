import { defineConfig } from 'vitest/config';

/**
 * One project per layer. `npm test` runs unit, infra, int and e2e; `npm run test:system` the
 * system layer. Unit and infra need nothing running (`npm run test:unit` runs the unit layer alone
 * in seconds); the others share one local service (DynamoDB Local, the local SES, the API),
 * started once by their global set-up for the whole run.
 * `npm run test:stress` and `npm run test:browser` have configs of their own.
 */
/** Every project: a TMPDIR of the run's own, removed after it. */
const TEMP = 'test/support/temp-dir-setup.ts';
const SERVICE = [TEMP, 'test/support/global-setup.ts'];

export default defineConfig({
  test: {
    // One DynamoDB Local serves the run; a few files at a time keep it responsive on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.unit.test.ts'], globalSetup: [TEMP] } },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.infra.test.ts'], globalSetup: [TEMP] } },
      { extends: true, test: { name: 'int', include: ['test/int/**/*.int.test.ts'], globalSetup: SERVICE } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.e2e.test.ts'], globalSetup: SERVICE } },
      // Whole processes of their own: every README/docs example against fresh services, the Try
      // lines from source and from the synthesized bundles, sam local invoke's inputs (synthesizes
      // the app). Minutes of work: `npm run test:system`, which CI runs after `npm test`.
      { extends: true, test: { name: 'system', include: ['test/system/**/*.system.test.ts'], globalSetup: SERVICE } },
    ],
  },
});
