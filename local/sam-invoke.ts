/**
 * `npm run --silent sam-invoke -- <route-id>`: the exact `sam local invoke` command for one
 * route's function, with its inputs written from the synthesized template and the running
 * `npm start`: the function as SAM names it in the template (`<route group>/<construct id>`), the route's sample event with the demo
 * values filled in, and an --env-vars file that points the function's declared variables at the
 * running DynamoDB Local (through host.docker.internal, as SAM's container sees the host) and the
 * local invitation token key. SAM applies --env-vars only to variables the template declares, so
 * only those are written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { findRoute, routeFunctionId } from '../functions/routes';
import { fill, type Placeholders } from './placeholders';
import { requireRunningService, type RunningService, statePath } from './state';
import { ensureSynthesized } from './synthesized/synth';
import { functionByConstructId, readSynthesizedStack } from './synthesized/template';

const root = resolve(import.meta.dirname, '..');

export interface SamInvokeInputs {
  templateFile: string;
  logicalId: string;
  /** What the command names: `RocketchatRoutes1/RocketchatChannelsInvite` (a route group's function). */
  functionId: string;
  eventFile: string;
  envVarsFile: string;
  command: string;
}

export function samInvokeInputs(
  routeId: string,
  options: { cdkOut: string; stackName: string; running: RunningService; demoVars: Placeholders; outDir: string; tokenKey?: string },
): SamInvokeInputs {
  const route = findRoute(routeId);
  const stack = readSynthesizedStack(options.cdkOut, options.stackName);
  const fn = functionByConstructId(stack, routeFunctionId(route.id));
  if (!fn) throw new Error(`${routeId}: no function ${routeFunctionId(route.id)} in ${stack.templateFile}`);
  mkdirSync(options.outDir, { recursive: true });
  const eventFile = resolve(options.outDir, `${route.id}.event.json`);
  const sample = JSON.parse(readFileSync(resolve(root, 'events', `${route.id}.json`), 'utf8'));
  writeFileSync(eventFile, `${JSON.stringify(fill(sample, options.demoVars), null, 2)}\n`);
  const hostEndpoint = options.running.dynamoDbEndpoint.replace(/\/\/(127\.0\.0\.1|localhost)/, '//host.docker.internal');
  const local: Record<string, string> = {
    DYNAMODB_ENDPOINT: hostEndpoint,
    TABLE_NAME: options.running.tableName,
    PUBLIC_BASE_URL: options.running.apiUrl,
    ...(options.tokenKey ? { INVITATION_TOKEN_KEY: options.tokenKey } : {}),
  };
  const declared = Object.fromEntries(Object.entries(local).filter(([name]) => name in fn.environment));
  const envVarsFile = resolve(options.outDir, 'env-vars.json');
  const existing = existsSync(envVarsFile) ? (JSON.parse(readFileSync(envVarsFile, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(envVarsFile, `${JSON.stringify({ ...existing, [fn.logicalId]: declared }, null, 2)}\n`);
  const shown = (file: string) => (file.startsWith(root) ? relative(root, file) : file);
  return {
    templateFile: stack.templateFile,
    logicalId: fn.logicalId,
    functionId: fn.samFunctionId,
    eventFile,
    envVarsFile,
    command: `sam local invoke -t ${shown(stack.templateFile)} ${fn.samFunctionId} -e ${shown(eventFile)} --env-vars ${shown(envVarsFile)}`,
  };
}

async function main() {
  const [routeId] = process.argv.slice(2);
  if (!routeId) throw new Error('usage: npm run --silent sam-invoke -- <route-id>');
  const running = requireRunningService('sam-invoke');
  const cdkOut = resolve(root, 'cdk.out');
  const stackName = 'InvitesStack-dev';
  ensureSynthesized(cdkOut, stackName);
  const demoVarsFile = statePath('demo-vars.json');
  const tokenKeyFile = statePath('invitation-token-key');
  const inputs = samInvokeInputs(routeId, {
    cdkOut,
    stackName,
    running,
    demoVars: existsSync(demoVarsFile) ? JSON.parse(readFileSync(demoVarsFile, 'utf8')) : {},
    outDir: statePath('sam'),
    tokenKey: process.env.INVITATION_TOKEN_KEY || (existsSync(tokenKeyFile) ? readFileSync(tokenKeyFile, 'utf8').trim() : undefined),
  });
  console.log(inputs.command);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error((error as Error).message ?? error);
    process.exit(1);
  });
}
