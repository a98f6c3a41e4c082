/**
 * A synthesized stage as one template: the stack with its route groups' nested stacks merged in
 * (local/synthesized/template.ts readFlatTemplate), for CDK assertions over everything it deploys.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { InvitesStack, type InvitesStackProps } from '../../infra/invites-stack';
import { readFlatTemplate } from '../../local/synthesized/template';
import { cdkAppContext } from './cdk-app-context';

/** The app as `cdk synth` builds it (cdk.json's flags, bundling skipped), with its metadata: construct paths name the functions, asset paths the nested templates. */
export function synthesizeStage(stackName: string, props: InvitesStackProps = {}) {
  const app = new App({ context: { ...cdkAppContext(), 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true } });
  const stack = new InvitesStack(app, stackName, props);
  const assembly = app.synth();
  return { stack, assembly, ...readFlatTemplate(assembly.directory, stackName) };
}

export function flatTemplate(stackName: string, props: InvitesStackProps = {}): Template {
  const { resources, outputs } = synthesizeStage(stackName, props);
  return Template.fromJSON({ Resources: resources, Outputs: outputs });
}
