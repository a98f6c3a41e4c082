/**
 * The synthesized runner fails here what would fail in production: a bundle that cannot load, a
 * module neither the bundle nor the Lambda runtime provides, an environment variable that refers
 * to something with no stand-in. Each function gets the template's environment and only its own.
 * A small template of four functions is written to a temporary cdk.out.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { functionEnvironment, type LocalStandIns } from '../../local/synthesized/environment';
import { FunctionWorkers } from '../../local/synthesized/function-workers';
import { readSynthesizedStack, TemplateError } from '../../local/synthesized/template';

const cdkOut = mkdtempSync(resolve(tmpdir(), 'invites-cdk-out-'));
afterAll(() => rmSync(cdkOut, { recursive: true, force: true }));

const bundles: Record<string, string> = {
  echo: `exports.handler = async (event, context) => ({ statusCode: 200, body: JSON.stringify({ table: process.env.TABLE_NAME, api: process.env.PUBLIC_BASE_URL, endpoint: process.env.DYNAMODB_ENDPOINT, only: process.env.ONLY_ECHO ?? null, name: context.functionName, event }) });`,
  missingModule: `const pad = require('left-pad'); exports.handler = async () => ({ statusCode: 200, body: pad('x', 3) });`,
  throwsAtLoad: `throw new Error('boom at init'); exports.handler = async () => ({});`,
  usesSdk: `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb'); exports.handler = async () => ({ statusCode: 200, body: typeof DynamoDBClient });`,
};

const fn = (name: string, variables: Record<string, unknown>) => ({
  Type: 'AWS::Lambda::Function',
  Properties: {
    Code: { S3Key: `${name}hash.zip` },
    Handler: 'index.handler',
    MemorySize: 256,
    Timeout: 15,
    Environment: { Variables: variables },
  },
  Metadata: { 'aws:cdk:path': `Test/${name[0]!.toUpperCase()}${name.slice(1)}/Resource` },
});

for (const [name, code] of Object.entries(bundles)) {
  mkdirSync(resolve(cdkOut, `asset.${name}hash`));
  writeFileSync(resolve(cdkOut, `asset.${name}hash/index.js`), code);
}
writeFileSync(
  resolve(cdkOut, 'Test.template.json'),
  JSON.stringify({
    Resources: {
      Table: { Type: 'AWS::DynamoDB::Table' },
      Api: { Type: 'AWS::ApiGatewayV2::Api' },
      Queue: { Type: 'AWS::SQS::Queue' },
      echo: fn('echo', {
        TABLE_NAME: { Ref: 'Table' },
        PUBLIC_BASE_URL: { 'Fn::GetAtt': ['Api', 'ApiEndpoint'] },
        DYNAMODB_ENDPOINT: '',
        ONLY_ECHO: 'yes',
      }),
      missingModule: fn('missingModule', {}),
      throwsAtLoad: fn('throwsAtLoad', {}),
      usesSdk: fn('usesSdk', { QUEUE_URL: { Ref: 'Queue' } }),
      Route: {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: { RouteKey: 'GET /echo', Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] } },
      },
      Integration: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { IntegrationUri: { 'Fn::GetAtt': ['echo', 'Arn'] } } },
    },
  }),
);

const standIns: LocalStandIns = {
  tableName: 'local-table',
  apiUrl: 'http://127.0.0.1:1234',
  eventBusName: 'bus',
  region: 'us-east-1',
  overrides: { DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', NOT_DECLARED: 'x' },
  settings: {},
};

describe('the synthesized runner', () => {
  const stack = readSynthesizedStack(cdkOut, 'Test');
  const workers = new FunctionWorkers(
    stack.functions,
    (f) => functionEnvironment(stack, f, standIns),
    () => undefined,
  );
  afterAll(() => workers.stop());

  test('reads the routes and the function each invokes', () => {
    expect(stack.routes).toEqual([{ method: 'GET', path: '/echo', functionLogicalId: 'echo' }]);
    expect(stack.functions.get('echo')?.constructId).toBe('Echo');
  });

  test("a function runs from its bundle with the template's environment, references resolved, overrides only where declared", async () => {
    const result = (await workers.invoke('echo', { hello: 1 })) as { body: string };
    expect(JSON.parse(result.body)).toEqual({
      table: 'local-table',
      api: 'http://127.0.0.1:1234',
      endpoint: 'http://127.0.0.1:9',
      only: 'yes',
      name: 'Echo',
      event: { hello: 1 },
    });
    expect(functionEnvironment(stack, stack.functions.get('echo')!, standIns)).not.toHaveProperty('NOT_DECLARED');
  });

  test('a module neither in the bundle nor in the Lambda runtime fails the invocation, naming it', async () => {
    await expect(workers.invoke('missingModule', {})).rejects.toThrow(/MissingModule \(init\).*'left-pad'.*does not provide it/);
  });

  test('a bundle that throws while loading fails every invocation with its init error', async () => {
    await expect(workers.invoke('throwsAtLoad', {})).rejects.toThrow('ThrowsAtLoad (init): Error: boom at init');
    await expect(workers.invoke('throwsAtLoad', {})).rejects.toThrow('boom at init');
  });

  test('an environment variable referring to something the runner has no stand-in for names the function and the variable', () => {
    expect(() => functionEnvironment(stack, stack.functions.get('usesSdk')!, standIns)).toThrow(TemplateError);
    expect(() => functionEnvironment(stack, stack.functions.get('usesSdk')!, standIns)).toThrow(
      /UsesSdk: environment variable QUEUE_URL refers to .*AWS::SQS::Queue/,
    );
  });

  test('the AWS SDK is what the runtime provides: a bundle may leave it out', async () => {
    const sdkOnly = new FunctionWorkers(
      stack.functions,
      () => ({}),
      () => undefined,
    );
    try {
      expect(await sdkOnly.invoke('usesSdk', {})).toEqual({ statusCode: 200, body: 'function' });
    } finally {
      await sdkOnly.stop();
    }
  });

  test('a template without its bundle is refused before anything runs', () => {
    rmSync(resolve(cdkOut, 'asset.usesSdkhash'), { recursive: true });
    expect(() => readSynthesizedStack(cdkOut, 'Test')).toThrow(/UsesSdk|usesSdk: its bundle .* is not in/);
  });
});
