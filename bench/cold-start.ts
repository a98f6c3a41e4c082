/**
 * Section 3: each function bundled as the CDK stack bundles it (esbuild, minified, SDK bundled
 * and tree-shaken with ESM entry points first), its size, and its module init time in fresh Node
 * processes, next to a reference bundle holding only a DynamoDB document client.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { routes } from '../functions/routes';
import { step } from './progress';
import { median, printTable, round, verdict } from './stats';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'bench/.out');

async function bundle(entry: string, name: string): Promise<string> {
  const outfile = resolve(outDir, `${name}.js`);
  await build({
    entryPoints: [resolve(root, entry)],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    sourcemap: 'external',
    sourcesContent: false,
    mainFields: ['module', 'main'],
    // As deployed (infra/invites-function.ts, externalModules): loaded from the Lambda runtime's SDK on first use.
    external: ['@aws-sdk/client-eventbridge', '@aws-sdk/client-secrets-manager', '@aws-sdk/client-sesv2', '@aws-sdk/client-sqs'],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** Milliseconds to require the bundle in a fresh process (module init, as a Lambda cold start does). */
function initMillis(file: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const out = execFileSync(process.execPath, ['-e', script], {
    env: { ...process.env, TABLE_NAME: 'invites', AWS_REGION: 'us-east-1', NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  return Number(out);
}

export async function measureColdStart(runs = 15) {
  mkdirSync(outDir, { recursive: true });
  const bundles = [{ name: 'reference (document client only)', file: await bundle('bench/reference-entry.ts', 'reference') }];
  step('bundling every function');
  for (const route of routes) bundles.push({ name: route.id, file: await bundle(route.entry, route.id) });
  // The webhook deliverer: no route, its own bundle (its SQS client external, as every AWS client but DynamoDB's).
  bundles.push({ name: 'webhook-deliverer', file: await bundle('functions/handlers/webhooks/deliver-webhooks.ts', 'webhook-deliverer') });
  const samples = new Map<string, number[]>(bundles.map((b) => [b.name, []]));
  step(`${runs} interleaved cold starts of ${bundles.length} bundles`);
  for (let i = 0; i < runs; i++) for (const b of bundles) samples.get(b.name)!.push(initMillis(b.file)); // interleaved
  const referenceMs = median(samples.get(bundles[0]!.name)!);
  const rows = bundles.map((b, i) => {
    const kb = statSync(b.file).size / 1024;
    const ms = median(samples.get(b.name)!);
    const isReference = i === 0;
    return {
      bundle: b.name,
      'size KB': round(kb),
      'init ms (median)': round(ms, 2),
      'vs reference': round(ms / referenceMs, 2),
      target: isReference ? '' : '≤ 400 KB, ≤ 1.25×',
      verdict: isReference ? '' : verdict(kb <= 400 && ms / referenceMs <= 1.25),
    };
  });
  console.log(`\n## 3. Cold start: bundle size and module init in a fresh process (median of ${runs}, interleaved)\n`);
  printTable(rows);
  return rows;
}
