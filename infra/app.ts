import { App } from 'aws-cdk-lib';
import { InvitesStack } from './invites-stack';

const app = new App();
new InvitesStack(app, 'InvitesStack', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
