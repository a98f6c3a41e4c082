/** The app's context as `cdk synth` builds it (cdk.json's feature flags), bundling skipped: tests synthesize in-process. */
import { readFileSync } from 'node:fs';

export const cdkAppContext = (): Record<string, unknown> => ({
  ...JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context,
  'aws:cdk:bundling-stacks': [],
});
