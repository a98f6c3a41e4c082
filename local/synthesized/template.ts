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
  /**
   * How `sam local invoke` names it: its logical id in the stage's stack, or `<nested stack
   * construct id>/<construct id>` in a route group (SAM's form for nested stacks of a CDK app).
   */
  samFunctionId: string;
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

interface TemplateJson {
  Parameters?: Record<string, unknown>;
  Resources: TemplateResources;
  Outputs?: Record<string, { Value: unknown }>;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as TemplateJson;

/** Replaces, anywhere in `value`, each object for which `replace` returns something. */
function substitute(value: unknown, replace: (object: Record<string, unknown>) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => substitute(item, replace));
  if (!value || typeof value !== 'object') return value;
  const replaced = replace(value as Record<string, unknown>);
  if (replaced !== undefined) return replaced;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, replace)]));
}

/**
 * A stack's resources with its nested stacks' resources merged in, as if they were one stack (the
 * route groups, infra/route-group.ts): a nested template's parameters become the values its parent
 * passes, the parent's `Outputs.*` attributes of a nested stack become the nested output's value,
 * and a nested resource's construct path loses the nested stack's name (`RocketchatRoutes1/
 * RocketchatChannelsInvite` → `RocketchatChannelsInvite`), so a function is found by its route
 * wherever it is deployed.
 */
export interface FlatTemplate {
  templateFile: string;
  resources: TemplateResources;
  outputs: Record<string, unknown>;
  /** For each resource of a nested stack: that nested stack's construct id (`RocketchatRoutes1`). */
  nestedStackOf: Map<string, string>;
}

const stackTemplateFile = (assemblyDir: string, stackName: string) => {
  const templateFile = resolve(assemblyDir, `${stackName}.template.json`);
  if (!existsSync(templateFile)) throw new TemplateError(`${templateFile} does not exist: run \`npx cdk synth\` first`);
  return templateFile;
};

export interface NestedStack {
  /** Its `AWS::CloudFormation::Stack` resource in the parent. */
  logicalId: string;
  /** Its construct id (`RocketchatRoutes1`): what `sam local invoke` names it by. */
  constructId: string;
  /** Its template in the cloud assembly (the resource's `aws:asset:path`, which SAM follows too). */
  templateFile: string;
}

/** The nested stacks a synthesized stack deploys (the route groups), read from its template. */
export function nestedStacksOf(
  assemblyDir: string,
  stackName: string,
  parent = readJson(stackTemplateFile(assemblyDir, stackName)),
): NestedStack[] {
  return Object.entries(parent.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::CloudFormation::Stack')
    .map(([logicalId, resource]) => {
      const nestedFile = resource.Metadata?.['aws:asset:path'];
      if (typeof nestedFile !== 'string') throw new TemplateError(`${logicalId}: a nested stack without its template (aws:asset:path)`);
      // `<stack>/<id>.NestedStack/<id>.NestedStackResource`.
      const constructId =
        String(resource.Metadata?.['aws:cdk:path'] ?? '')
          .split('/')[1]
          ?.replace(/\.NestedStack$/, '') ?? logicalId;
      return { logicalId, constructId, templateFile: resolve(assemblyDir, nestedFile) };
    });
}

export function readFlatTemplate(assemblyDir: string, stackName: string): FlatTemplate {
  const templateFile = stackTemplateFile(assemblyDir, stackName);
  const parent = readJson(templateFile);
  const merged: TemplateResources = {};
  const nestedStackOf = new Map<string, string>();
  const nestedOutputs = new Map<string, Record<string, unknown>>();
  for (const { logicalId: stackId, constructId: nestedStackId, templateFile: nestedFile } of nestedStacksOf(
    assemblyDir,
    stackName,
    parent,
  )) {
    const resource = parent.Resources[stackId]!;
    const nested = readJson(nestedFile);
    const passed = (resource.Properties?.Parameters ?? {}) as Record<string, unknown>;
    const inParent = (value: unknown) =>
      substitute(value, (object) => (typeof object.Ref === 'string' && object.Ref in passed ? passed[object.Ref] : undefined));
    for (const [logicalId, nestedResource] of Object.entries(nested.Resources)) {
      // Each stack reports the CDK version it was made with; the parent's report stands for all.
      if (nestedResource.Type === 'AWS::CDK::Metadata') continue;
      if (logicalId in parent.Resources || logicalId in merged) throw new TemplateError(`${logicalId} is in two stacks of ${stackName}`);
      const path = nestedResource.Metadata?.['aws:cdk:path'];
      nestedStackOf.set(logicalId, nestedStackId);
      merged[logicalId] = {
        ...(inParent(nestedResource) as TemplateResources[string]),
        // `<stack>/<nested stack>/<construct path>/Resource` → `<stack>/<construct path>/Resource`.
        ...(typeof path === 'string'
          ? { Metadata: { ...nestedResource.Metadata, 'aws:cdk:path': path.split('/').toSpliced(1, 1).join('/') } }
          : {}),
      };
    }
    nestedOutputs.set(
      stackId,
      Object.fromEntries(Object.entries(nested.Outputs ?? {}).map(([name, output]) => [name, inParent(output.Value)])),
    );
  }
  for (const [logicalId, resource] of Object.entries(parent.Resources)) {
    if (resource.Type === 'AWS::CloudFormation::Stack') continue;
    merged[logicalId] = substitute(resource, (object) => {
      const getAtt = object['Fn::GetAtt'];
      if (!Array.isArray(getAtt) || !nestedOutputs.has(getAtt[0]) || !String(getAtt[1]).startsWith('Outputs.')) return undefined;
      return nestedOutputs.get(getAtt[0])![String(getAtt[1]).slice('Outputs.'.length)];
    }) as TemplateResources[string];
  }
  return { templateFile, resources: merged, outputs: parent.Outputs ?? {}, nestedStackOf };
}

export function readSynthesizedStack(cdkOut: string, stackName: string): SynthesizedStack {
  const { templateFile, resources, nestedStackOf } = readFlatTemplate(cdkOut, stackName);
  const functions = new Map<string, SynthesizedFunction>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const properties = resource.Properties ?? {};
    const objectKey = String(properties.Code?.S3Key ?? '');
    const assetDir = resolve(cdkOut, `asset.${objectKey.replace(/\.zip$/, '')}`);
    if (!objectKey || !existsSync(assetDir)) throw new TemplateError(`${logicalId}: its bundle (${assetDir}) is not in ${cdkOut}`);
    const [file, handlerExport] = String(properties.Handler).split(/\.(?=[^.]+$)/) as [string, string];
    const constructId = constructPathOf(resource, logicalId);
    const nestedStack = nestedStackOf.get(logicalId);
    functions.set(logicalId, {
      logicalId,
      constructId,
      samFunctionId: nestedStack ? `${nestedStack}/${constructId}` : logicalId,
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
    if (!functionLogicalId || !functions.has(functionLogicalId))
      throw new TemplateError(`route ${method} ${path} invokes no function of the template`);
    routes.push({ method, path, functionLogicalId });
  }
  const streamConsumers = Object.values(resources)
    .filter(
      (resource) =>
        resource.Type === 'AWS::Lambda::EventSourceMapping' && resource.Properties?.EventSourceArn?.['Fn::GetAtt']?.[1] === 'StreamArn',
    )
    .map((resource) => String(resource.Properties?.FunctionName?.Ref));
  return { templateFile, resources, functions, routes, streamConsumers };
}
