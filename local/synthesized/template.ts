/**
 * What a synthesized CloudFormation template (cdk.out/<stack>.template.json) deploys, read the way
 * `sam local start-api` reads it: the HTTP API's routes and the function each one invokes, and each
 * function's bundle (its asset directory in cdk.out), handler, environment, memory and timeout.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A CloudFormation value: a string, or an intrinsic function (`Ref`, `Fn::GetAtt`, …). */
export type TemplateValue = string | number | Record<string, unknown>;

export interface SynthesizedFunction {
  logicalId: string;
  /** The function's construct path in the stack: the route id in PascalCase for route functions, `StreamConsumer/Function`, `Notifier/Function`, … */
  constructId: string;
  /** The bundle's directory in cdk.out, and the file and export the handler names. */
  assetDir: string;
  handlerFile: string;
  handlerExport: string;
  environment: Record<string, TemplateValue>;
  memorySize: number;
  timeoutSeconds: number;
  /** The function's role, whose policies say what it may do. */
  roleLogicalId: string | undefined;
}

export interface SynthesizedRoute {
  method: string;
  path: string;
  functionLogicalId: string;
}

/** A template's resources by logical id. */
export type TemplateResources = Record<string, { Type: string; Properties?: Record<string, any>; Metadata?: Record<string, any> }>;

export interface SynthesizedStack {
  templateFile: string;
  resources: TemplateResources;
  functions: Map<string, SynthesizedFunction>;
  routes: SynthesizedRoute[];
  /** Functions triggered by the table's stream (event source mappings). */
  streamConsumers: string[];
}

export class TemplateError extends Error {}

/** The logical id a `Ref` or `Fn::GetAtt` names. */
export const refOf = (value: unknown): string | undefined => {
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.Ref === 'string') return object.Ref;
    const getAtt = object['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  }
  return undefined;
};

/** `integrations/<ref>` as the template writes it (`Fn::Join` of the prefix and a `Ref`). */
const integrationIdOf = (target: unknown): string | undefined => {
  const join = (target as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  return join ? join[1].map(refOf).find(Boolean) : undefined;
};

/** A resource's construct path in its stack (`aws:cdk:path` is `<stack>/<construct path>/Resource`). */
export const constructPathOf = (resource: TemplateResources[string], logicalId: string): string =>
  String(resource.Metadata?.['aws:cdk:path'] ?? `stack/${logicalId}/Resource`)
    .split('/')
    .slice(1, -1)
    .join('/');

/** The function whose construct path is `constructId` (`RocketchatChannelsInvite`, `Notifier/Function`), if the template has it. */
export const functionByConstructId = (stack: SynthesizedStack, constructId: string): SynthesizedFunction | undefined =>
  [...stack.functions.values()].find((fn) => fn.constructId === constructId);

export function readSynthesizedStack(cdkOut: string, stackName: string): SynthesizedStack {
  const templateFile = resolve(cdkOut, `${stackName}.template.json`);
  if (!existsSync(templateFile)) throw new TemplateError(`${templateFile} does not exist: run \`npx cdk synth\` first`);
  const template = JSON.parse(readFileSync(templateFile, 'utf8')) as { Resources: TemplateResources };
  const resources = template.Resources;
  const functions = new Map<string, SynthesizedFunction>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const properties = resource.Properties ?? {};
    const objectKey = String(properties.Code?.S3Key ?? '');
    const assetDir = resolve(cdkOut, `asset.${objectKey.replace(/\.zip$/, '')}`);
    if (!objectKey || !existsSync(assetDir)) throw new TemplateError(`${logicalId}: its bundle (${assetDir}) is not in ${cdkOut}`);
    const [file, handlerExport] = String(properties.Handler).split(/\.(?=[^.]+$)/) as [string, string];
    functions.set(logicalId, {
      logicalId,
      constructId: constructPathOf(resource, logicalId),
      assetDir,
      handlerFile: resolve(assetDir, `${file}.js`),
      handlerExport,
      environment: (properties.Environment?.Variables ?? {}) as Record<string, TemplateValue>,
      memorySize: Number(properties.MemorySize ?? 128),
      timeoutSeconds: Number(properties.Timeout ?? 3),
      roleLogicalId: refOf(properties.Role),
    });
  }
  const routes: SynthesizedRoute[] = [];
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Route') continue;
    const [method, path] = String(resource.Properties?.RouteKey).split(' ') as [string, string];
    const integration = resources[integrationIdOf(resource.Properties?.Target) ?? ''];
    const functionLogicalId = refOf(integration?.Properties?.IntegrationUri);
    if (!functionLogicalId || !functions.has(functionLogicalId)) throw new TemplateError(`route ${method} ${path} invokes no function of the template`);
    routes.push({ method, path, functionLogicalId });
  }
  const streamConsumers = Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::Lambda::EventSourceMapping' && resource.Properties?.EventSourceArn?.['Fn::GetAtt']?.[1] === 'StreamArn')
    .map((resource) => String(resource.Properties?.FunctionName?.Ref));
  return { templateFile, resources, functions, routes, streamConsumers };
}
