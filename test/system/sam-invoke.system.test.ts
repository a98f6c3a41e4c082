/**
 * `npm run sam-invoke -- <route-id>` prints the `sam local invoke` command the docs describe; SAM
 * and Docker are not on these machines, so what is tested is that every input of the printed
 * command exists and fits: the template, the function's logical id in it (the function of that
 * route), the event file (demo values filled in), and an --env-vars file naming only variables the
 * function declares, pointing at the running DynamoDB Local as SAM's container sees the host.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findRoute, routeFunctionId } from '../../functions/routes';
import { samInvokeInputs } from '../../local/sam-invoke';
import { findRunningService, statePath } from '../../local/state';
import { ensureSynthesized } from '../../local/synthesized/synth';
import { readFlatTemplate } from '../../local/synthesized/template';

const root = resolve(import.meta.dirname, '../..');
const outDir = mkdtempSync(resolve(tmpdir(), 'invites-sam-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the documented sam local invoke command', () => {
  test.each(['rocketchat-channels-invite', 'quranreflect-rooms-invite'])(
    '%s: every input of the printed command exists and fits',
    (routeId) => {
      const cdkOut = resolve(root, 'cdk.out');
      ensureSynthesized(cdkOut, 'InvitesStack-dev');
      const running = findRunningService()!;
      const demoVars = JSON.parse(readFileSync(statePath('demo-vars.json'), 'utf8'));
      const inputs = samInvokeInputs(routeId, {
        cdkOut,
        stackName: 'InvitesStack-dev',
        running,
        demoVars,
        outDir,
        tokenKey: 'a-local-key',
      });
      const route = findRoute(routeId);

      // A route group's function, as SAM names a function of a CDK app's nested stack.
      const group = `${route.dialect.name[0]!.toUpperCase()}${route.dialect.name.slice(1)}Routes`;
      expect(inputs.functionId).toMatch(new RegExp(`^${group}\\d+/${routeFunctionId(route.id)}$`));
      expect(inputs.command).toBe(
        `sam local invoke -t cdk.out/InvitesStack-dev.template.json ${inputs.functionId} -e ${inputs.eventFile} --env-vars ${inputs.envVarsFile}`,
      );
      // The stage's template names that nested stack, whose template is in cdk.out (aws:asset:path, which SAM follows).
      const parent = JSON.parse(readFileSync(inputs.templateFile, 'utf8')) as {
        Resources: Record<string, { Type: string; Metadata?: any }>;
      };
      const nested = Object.values(parent.Resources).find(
        (r) =>
          r.Type === 'AWS::CloudFormation::Stack' &&
          String(r.Metadata?.['aws:cdk:path']).split('/')[1] === `${inputs.functionId.split('/')[0]}.NestedStack`,
      );
      expect(existsSync(resolve(cdkOut, nested!.Metadata['aws:asset:path']))).toBe(true);
      const template = {
        Resources: readFlatTemplate(cdkOut, 'InvitesStack-dev').resources as Record<string, { Type: string; Properties: any }>,
      };
      const fn = template.Resources[inputs.logicalId]!;
      expect(fn.Type).toBe('AWS::Lambda::Function');
      // The logical id is the function of this route: an API route of the template integrates it.
      const integrations = Object.entries(template.Resources).filter(
        ([, r]) => r.Type === 'AWS::ApiGatewayV2::Integration' && r.Properties.IntegrationUri['Fn::GetAtt'][0] === inputs.logicalId,
      );
      const routeKeys = Object.values(template.Resources)
        .filter(
          (r) => r.Type === 'AWS::ApiGatewayV2::Route' && integrations.some(([id]) => JSON.stringify(r.Properties.Target).includes(id)),
        )
        .map((r) => r.Properties.RouteKey);
      expect(routeKeys).toEqual([`${route.method} ${route.path}`]);

      const event = readFileSync(inputs.eventFile, 'utf8');
      expect(event).not.toContain('{{');
      expect(JSON.parse(event).routeKey).toBe(`${route.method} ${route.path}`);

      const envVars = JSON.parse(readFileSync(inputs.envVarsFile, 'utf8'))[inputs.logicalId] as Record<string, string>;
      expect(Object.keys(envVars).every((name) => name in fn.Properties.Environment.Variables)).toBe(true);
      expect(envVars.DYNAMODB_ENDPOINT).toBe(running.dynamoDbEndpoint.replace('127.0.0.1', 'host.docker.internal'));
      // Only the functions that make invitation tokens declare the key.
      expect('INVITATION_TOKEN_KEY' in envVars).toBe(Boolean(route.makesInvitationTokens));
      expect(existsSync(inputs.templateFile)).toBe(true);
    },
    180_000,
  );

  test('docs/operations.md shows the command the script prints', () => {
    const docs = readFileSync(resolve(root, 'docs/operations.md'), 'utf8');
    expect(docs).toContain('npm run --silent sam-invoke -- rocketchat-channels-invite');
    expect(docs).toContain('sam local invoke -t cdk.out/InvitesStack-dev.template.json RocketchatRoutes1/RocketchatChannelsInvite -e ');
  });
});
