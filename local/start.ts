/**
 * `npm start`: DynamoDB Local + the table + demo data + every route on http://127.0.0.1:$PORT.
 * Options: --data-dir <dir> keeps the data between runs (in memory otherwise); --no-email (or
 * INVITES_EMAIL=off) starts no local SES and sends no e-mail.
 * Environment: PORT (3000), DYNAMODB_PORT (8000), SES_PORT (8005); DYNAMODB_ENDPOINT uses a
 * DynamoDB that is already running instead of starting one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { JavaMissingError, startDynamoDbLocal } from './dynamodb-local';
import { useLocalDynamoDb } from './environment';
import { clearRunningState, stateDir, statePath, writeRunningState } from './state';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, 'no-email': { type: 'boolean' }, synthesized: { type: 'boolean' } },
});
const port = Number(process.env.PORT ?? 3000);
const dynamoDbPort = Number(process.env.DYNAMODB_PORT ?? 8000);
const sesPort = Number(process.env.SES_PORT ?? 8005);
const emailOn = !values['no-email'] && process.env.INVITES_EMAIL !== 'off';
async function dynamoDbFor(endpoint: string | undefined) {
  if (endpoint) return { endpoint, stop: async () => undefined };
  return startDynamoDbLocal({ port: dynamoDbPort, dataDir: values['data-dir'] });
}

/** The stack's functions that no route triggers, by construct path (infra/stream-consumer.ts, infra/notifier.ts). */
const STREAM_CONSUMER_FUNCTION = 'StreamConsumer/Function';
const NOTIFIER_FUNCTION = 'Notifier/Function';
const WEBHOOK_DELIVERER_FUNCTION = 'Webhooks/Deliverer';

/** `bobInvitationToken` → `BOB_INVITATION_TOKEN`. */
const envName = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** A shell file of `export NAME='value'` lines (values are ids, tokens and URLs: no quote in them). */
const demoEnv = (values: Record<string, string>) =>
  `# Written by npm start: demo values for the README's examples (source it).\n${Object.entries(values)
    .map(([name, value]) => `export ${/^[A-Z_]+$/.test(name) ? name : envName(name)}='${value.replace(/'/g, "'\\''")}'`)
    .join('\n')}\n`;

/**
 * The functions as `cdk deploy` ships them (--synthesized): the template's routes, each function's
 * bundle and environment, synthesized first when cdk.out is missing or older than the sources (with
 * the notifier, `-c senderEmail`, when e-mail is on). `awsEndpoints` are read when a function first
 * starts: the bus and SES stand-ins are running by then.
 */
async function synthesizedFunctions(dynamoDbEndpoint: string, tableName: string, awsEndpoints: Record<string, string>) {
  const { ensureSynthesized } = await import('./synthesized/synth');
  const { synthesizedTarget } = await import('./synthesized/synthesized-target');
  const { passedSettings } = await import('./synthesized/environment');
  const cdkOut = process.env.CDK_OUT_DIR || resolve(import.meta.dirname, '../cdk.out');
  const stackName = process.env.STACK_NAME || 'InvitesStack-dev';
  const withNotifier = (template: string) => !emailOn || template.includes(`${stackName}/${NOTIFIER_FUNCTION}/Resource`);
  ensureSynthesized(cdkOut, stackName, emailOn ? { senderEmail: process.env.SENDER_EMAIL || 'invites@example.com' } : {}, withNotifier);
  return synthesizedTarget(cdkOut, stackName, () => ({
    tableName,
    apiUrl: String(process.env.PUBLIC_BASE_URL),
    eventBusName: 'invites-local',
    region: process.env.AWS_REGION || 'us-east-1',
    webhookQueueUrl: process.env.WEBHOOK_RETRY_QUEUE_URL,
    // As `sam local --env-vars` would: values for variables the template declares.
    overrides: {
      DYNAMODB_ENDPOINT: dynamoDbEndpoint,
      INVITATION_TOKEN_KEY: String(process.env.INVITATION_TOKEN_KEY ?? ''),
      // The local OIDC issuer, trusted as a stage deployed with `-c trustedIssuers` trusts its issuers.
      ...(process.env.TRUSTED_ISSUERS ? { TRUSTED_ISSUERS: process.env.TRUSTED_ISSUERS } : {}),
      // Webhook endpoints at http://127.0.0.1 (npm run webhook-listen): a local-only flag the template declares empty.
      WEBHOOKS_ALLOW_LOCAL_HTTP: String(process.env.WEBHOOKS_ALLOW_LOCAL_HTTP ?? '1'),
      ...(process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {}),
    },
    settings: passedSettings(),
    awsEndpoints,
  }));
}

async function main() {
  const dynamoDb = await dynamoDbFor(process.env.DYNAMODB_ENDPOINT || undefined);
  const stopAll: (() => Promise<void>)[] = [dynamoDb.stop];
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the API and DynamoDB Local`);
    clearRunningState();
    for (const stopOne of stopAll.reverse()) await stopOne().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    useLocalDynamoDb({ endpoint: dynamoDb.endpoint });
    // A local OIDC issuer the API trusts (with any issuers TRUSTED_ISSUERS already names): demo
    // users act through its access tokens too (docs/identity.md).
    const { startLocalIssuer } = await import('./oidc-issuer');
    const issuer = await startLocalIssuer(Number(process.env.ISSUER_PORT ?? 0));
    stopAll.push(issuer.stop);
    process.env.TRUSTED_ISSUERS = JSON.stringify([...JSON.parse(process.env.TRUSTED_ISSUERS?.trim() || '[]'), issuer.trusted]);
    // Invitation links point at this server; events go to the outbox file (there is no bus here).
    process.env.PUBLIC_BASE_URL ??= `http://127.0.0.1:${port}`;
    process.env.EVENTS_OUTBOX ??= statePath('outbox.jsonl');
    process.env.EVENTS_OUTBOX_ECHO ??= '1';
    // Request log lines as deployed (LOG_LEVEL); metrics (EMF) only where CloudWatch reads them.
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
    // Imported only now: the store reads its endpoint from the environment at module load.
    const { dynamoDbClient, tableName } = await import('../functions/store/client');
    const { ensureTable } = await import('./table');
    const { seedDemoData } = await import('../demo/demo-data');
    const { startHttpServer } = await import('./http-server');
    const { demoCurlLines } = await import('./demo-requests');
    const { startStreamReader } = await import('./stream-reader');
    const { environmentDependencies, publishChanges } = await import('../functions/handlers/stream/publish-changes');
    const { sinkFromEnvironment } = await import('../functions/events/sinks');
    const { functionByConstructId } = await import('./synthesized/template');

    await ensureTable(dynamoDbClient, tableName);
    // What each function asks of DynamoDB, for the grants check (test/support/global-setup.ts).
    const { asFunction, recordAwsCalls } = await import('./grants/call-recorder');
    if (process.env.INVITES_RECORD_AWS_CALLS) recordAwsCalls(dynamoDbClient, process.env.INVITES_RECORD_AWS_CALLS);
    // --synthesized: the functions from their bundles; the bus and SES stand-ins they call are filled in below.
    const awsEndpoints: Record<string, string> = {};
    const target = values.synthesized ? await synthesizedFunctions(dynamoDb.endpoint, tableName, awsEndpoints) : undefined;
    if (target) stopAll.push(target.stop);
    const region = process.env.AWS_REGION || 'us-east-1';
    const { envelopeOf, notifierFromBundle, streamConsumerFromBundle, webhookDelivererFromBundle } = await import(
      './synthesized/event-functions'
    );
    const bundled = (functionId: string) => (target ? functionByConstructId(target.stack, functionId)?.logicalId : undefined);
    // Invitation e-mails go to the local SES through the deployed notifier's own code, fed from the outbox.
    let sink = sinkFromEnvironment();
    let inbox: string | undefined;
    if (emailOn) {
      const { startLocalSes } = await import('./local-ses');
      const { withEmailDelivery } = await import('./email-sink');
      const { notifier } = await import('../functions/handlers/notifier/deliver-emails');
      const ses = await startLocalSes(sesPort);
      stopAll.push(ses.stop);
      inbox = ses.endpoint;
      process.env.SES_ENDPOINT = ses.endpoint;
      process.env.SENDER_EMAIL ??= 'invites@example.com';
      awsEndpoints.SESV2 = ses.endpoint;
      const notifierBundle = bundled(NOTIFIER_FUNCTION);
      const fromSource = () => {
        const deployedNotifier = notifier();
        return {
          deliver: (event: Parameters<typeof deployedNotifier.deliver>[0]) =>
            asFunction(NOTIFIER_FUNCTION, () => deployedNotifier.deliver(event)),
        };
      };
      const emails = notifierBundle ? notifierFromBundle(target!.workers, notifierBundle, region) : fromSource();
      sink = withEmailDelivery(sink, emails, process.env.EVENTS_OUTBOX_ECHO === '1' ? console.log : () => undefined);
    }
    // Webhooks (docs/webhooks.md): every event to the deliverer, its retries and the API's re-sends
    // through a local queue that speaks SQS; endpoints may be http://127.0.0.1 here (never deployed).
    process.env.WEBHOOKS_ALLOW_LOCAL_HTTP ??= '1';
    const { startLocalQueue } = await import('./webhook-queue');
    const { webhookDeliverer } = await import('../functions/handlers/webhooks/webhook-deliverer');
    const { withWebhookDelivery } = await import('./webhook-sink');
    let deliverer:
      | { handle(body: Record<string, unknown>): Promise<unknown>; handleBatch(bodies: Record<string, unknown>[]): Promise<unknown>[] }
      | undefined;
    const webhookQueue = await startLocalQueue(
      (body) => asFunction(WEBHOOK_DELIVERER_FUNCTION, () => deliverer!.handle(JSON.parse(body))).then(() => undefined),
      (error) => console.error(`[webhooks] delivery failed, will retry: ${error instanceof Error ? error.message : String(error)}`),
    );
    stopAll.push(webhookQueue.stop);
    process.env.WEBHOOK_RETRY_QUEUE_URL = webhookQueue.url;
    process.env.SQS_ENDPOINT = new URL(webhookQueue.url).origin;
    awsEndpoints.SQS = process.env.SQS_ENDPOINT;
    // --synthesized: the deliverer's bundle, fed as its two queues would feed it.
    const delivererBundle = bundled(WEBHOOK_DELIVERER_FUNCTION);
    deliverer = delivererBundle ? webhookDelivererFromBundle(target!.workers, delivererBundle, region) : webhookDeliverer();
    webhookQueue.poll(250);
    const liveDeliverer = deliverer;
    sink = withWebhookDelivery(
      sink,
      {
        // The events of one stream batch together, as the events queue hands them over: one read of the endpoints.
        handleBatch: (bodies) => {
          const settled = asFunction(WEBHOOK_DELIVERER_FUNCTION, () => Promise.allSettled(liveDeliverer.handleBatch(bodies)));
          return bodies.map((_, index) =>
            settled.then((results) => {
              const result = results[index]!;
              if (result.status === 'rejected') throw result.reason;
              return result.value;
            }),
          );
        },
      },
      process.env.EVENTS_OUTBOX_ECHO === '1' ? console.log : () => undefined,
    );
    // Events come from the table's stream, through the deployed consumer's own code (its bundle, with
    // --synthesized, putting them on a stand-in for the bus that hands them to the same sink).
    const deps = environmentDependencies();
    const consumerBundle = bundled(STREAM_CONSUMER_FUNCTION);
    if (consumerBundle) {
      const { startEventBusStandIn } = await import('./synthesized/event-bus');
      const eventSink = sink;
      const bus = await startEventBusStandIn((events) => eventSink.put(events.map(envelopeOf)), region);
      stopAll.push(bus.stop);
      awsEndpoints.EVENTBRIDGE = bus.url;
    }
    const publish = consumerBundle
      ? streamConsumerFromBundle(target!.workers, consumerBundle, region)
      : (records: Parameters<typeof publishChanges>[0]) => asFunction(STREAM_CONSUMER_FUNCTION, () => publishChanges(records, sink, deps));
    const streamReader = await startStreamReader({
      dynamoDb: dynamoDbClient,
      endpoint: dynamoDb.endpoint,
      tableName,
      publish,
      // A table kept between runs: its stream too; go on where the last run stopped.
      ...(values['data-dir'] ? { checkpointFile: resolve(values['data-dir'], 'stream-position.json') } : {}),
      onError: (error) =>
        console.error(`[events] not published yet, will retry: ${error instanceof Error ? error.message : String(error)}`),
    });
    stopAll.push(streamReader.stop);
    const demo = await seedDemoData();
    // Each demo user's identity at the local issuer (subject `demo-<name>`) is linked to its account,
    // and gets an access token for the README's examples (`ALICE_JWT`, …; valid 12 hours).
    const { linkDemoIdentities } = await import('./demo-identities');
    Object.assign(demo.placeholders, await linkDemoIdentities(issuer, demo.users));
    const server = await startHttpServer({ port, target });
    stopAll.push(server.close);

    const { placeholders } = demo;
    // `npm run invoke` fills the sample events' placeholders from this file; the admin CLI and
    // invoke find this service (its DynamoDB and table) from the running state.
    mkdirSync(stateDir(), { recursive: true });
    writeFileSync(statePath('demo-vars.json'), `${JSON.stringify(placeholders, null, 2)}\n`);
    // The README's examples `source` this: one name per value (BOB_ID is bob's Rocket.Chat _id, BOB_NUMBER his Rooms id).
    writeFileSync(statePath('demo.env'), demoEnv({ API_URL: server.url, ...(inbox ? { SES_URL: inbox } : {}), ...placeholders }));
    writeRunningState({
      pid: process.pid,
      apiUrl: server.url,
      dynamoDbEndpoint: dynamoDb.endpoint,
      tableName,
      ...(inbox ? { sesUrl: inbox } : {}),
      outbox: String(process.env.EVENTS_OUTBOX),
      webhookQueueUrl: webhookQueue.url,
      startedAt: new Date().toISOString(),
    });
    if (target) {
      console.log(
        `Serving the synthesized template ${target.stack.templateFile}: ${target.routes.length} routes, each function from its bundle in a worker of its own`,
      );
      console.log(
        `  the stream consumer${emailOn ? ' and the notifier' : ''} from their bundles too, fed as the stream and the queue would feed them`,
      );
    }
    console.log(`invites API listening on ${server.url} (OpenAPI: ${server.url}/openapi.json, docs: ${server.url}/docs)`);
    console.log(
      `DynamoDB Local on ${dynamoDb.endpoint} (table "${tableName}", ${values['data-dir'] ? `data in ${values['data-dir']}` : 'in memory'})`,
    );
    console.log(`Demo values for the README's examples: source ${statePath('demo.env')}`);
    console.log(`Local OIDC issuer ${issuer.issuer} (trusted; each demo user's access token: ALICE_JWT, BOB_JWT, … in demo.env)`);
    console.log('\nDemo users (tokens are new on every start):');
    for (const [name, { user, authToken }] of Object.entries(demo.users)) {
      console.log(`  ${name.padEnd(6)} _id=${user._id} userId=${user.userId} roles=${user.roles.join(',')} authToken=${authToken}`);
    }
    for (const line of demo.summary) console.log(line);
    console.log(`Events (from the table's stream: invitation created, member added, …) are appended to ${process.env.EVENTS_OUTBOX}`);
    console.log(
      inbox
        ? `Invitation e-mails: local SES inbox at ${inbox} (every message as JSON: ${inbox}/store)`
        : 'Invitation e-mails: off (--no-email)',
    );
    console.log(
      `Webhooks: every event to the registered endpoints (OPERATOR_TOKEN in demo.env manages them: docs/webhooks.md); npm run webhook-listen receives and verifies them`,
    );
    console.log('\nTry:');
    for (const { route, curl } of demoCurlLines(server.url, placeholders)) console.log(`  # ${route.summary}\n  ${curl}\n`);
    console.log('Ctrl-C stops everything.');
  } catch (error) {
    console.error(error instanceof JavaMissingError ? error.message : error);
    await stop('error').catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof JavaMissingError ? error.message : error);
  process.exit(1);
});
