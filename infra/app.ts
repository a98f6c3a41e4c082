import { App } from 'aws-cdk-lib';
import { InvitesStack } from './invites-stack';

const app = new App();
/** A context value given as JSON text (`-c`) or as JSON in cdk.json: as text. */
const contextJson = (value: unknown) => (value === undefined || typeof value === 'string' ? value : JSON.stringify(value));
// `npx cdk deploy -c stage=prod -c corsOrigins=https://app.example.com -c alarmEmail=ops@example.com`
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
const corsOrigins = String(app.node.tryGetContext('corsOrigins') ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);
new InvitesStack(app, `InvitesStack-${stage}`, {
  stage,
  // `-c routes=none`: the stage without its routes, the first step of moving a stage deployed before
  // the route groups into them (docs/deploy.md); API Gateway refuses two routes with one key.
  ...(app.node.tryGetContext('routes') === 'none' ? { routes: [] } : {}),
  corsOrigins,
  alarmEmail: app.node.tryGetContext('alarmEmail'),
  // `-c senderEmail=invites@example.com` deploys the notifier (SES); `-c invitationAppUrl=https://app.example.com/invite?group={groupId}&token={token}&action={action}`
  senderEmail: app.node.tryGetContext('senderEmail'),
  invitationAppUrl: app.node.tryGetContext('invitationAppUrl'),
  // `-c trustedIssuers='[{"issuer": "https://…", "audiences": ["…"]}]'` (docs/identity.md); cdk.json may hold it as JSON.
  trustedIssuers: contextJson(app.node.tryGetContext('trustedIssuers')),
  // `-c stageSettings='{"RC_INVITE_TOKENS": "id"}'`: settings the routes read (README, stage settings).
  stageSettings: contextJson(app.node.tryGetContext('stageSettings')),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
