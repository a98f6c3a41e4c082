/**
 * The house Lambda function: Node 22 on arm64, esbuild-bundled with the AWS SDK bundled and
 * tree-shaken (ESM entry points first), minified, with source maps and its own log group.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** The modules not bundled (see `bundling.externalModules`): loaded on first use from the Lambda runtime's SDK. */
export const EVENTBRIDGE_CLIENT = '@aws-sdk/client-eventbridge';
export const SECRETS_MANAGER_CLIENT = '@aws-sdk/client-secrets-manager';
export const SESV2_CLIENT = '@aws-sdk/client-sesv2';
export const SQS_CLIENT = '@aws-sdk/client-sqs';

/** Above the DynamoDB client's own deadlines (3 s a call, 3 attempts) so those surface as 504s. */
export const FUNCTION_TIMEOUT = Duration.seconds(15);

export interface InvitesFunctionProps extends NodejsFunctionProps {
  entry: string;
}

export class InvitesFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: InvitesFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      // 256 MB: the smallest size meeting the warm and cold goals for every route (npm run bench:sizing, docs/benchmarks.md).
      memorySize: 256,
      timeout: FUNCTION_TIMEOUT,
      // Active X-Ray tracing: every invocation is traced as the function's segment (its SDK calls are not
      // instrumented: no Powertools Tracer, see docs/operations.md).
      tracing: Tracing.ACTIVE,
      logGroup,
      ...props,
      // DYNAMODB_ENDPOINT is declared empty so that `sam local invoke --env-vars` may point it at DynamoDB Local.
      environment: { NODE_OPTIONS: '--enable-source-maps', DYNAMODB_ENDPOINT: '', ...props.environment },
      bundling: {
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: 'node22',
        format: OutputFormat.CJS,
        mainFields: ['module', 'main'],
        bundleAwsSDK: true,
        // Loaded on first use only, from the SDK the Lambda runtime ships: neither costs anything at
        // cold start and no bundle carries the EventBridge, Secrets Manager, SES or SQS client (~60 KB each).
        externalModules: [EVENTBRIDGE_CLIENT, SECRETS_MANAGER_CLIENT, SESV2_CLIENT, SQS_CLIENT],
        ...props.bundling,
      },
    });
  }
}
