/**
 * Records what each function asks of DynamoDB while the local service runs (INVITES_RECORD_AWS_CALLS
 * names the file, one JSON line per IAM check): an SDK middleware on the store's client reads each
 * call as sent, and the function it ran for is the one the local server, stream reader or e-mail
 * feed was invoking (an AsyncLocalStorage context around each invocation).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type IamCheck, iamChecksOf } from './iam-actions';

export interface RecordedAwsCall extends IamCheck {
  /** The function's construct path in the stack (`RocketchatChannelsInvite`, `Notifier/Function`, …). */
  function: string;
}

const invoking = new AsyncLocalStorage<string>();
/** Set once a recorder is installed: until then nothing is attributed, and requests pay nothing for it. */
let recording = false;

/** Runs `work` as the function `functionId`: the calls it makes are recorded as that function's. */
export const asFunction = <T>(functionId: string, work: () => T): T => (recording ? invoking.run(functionId, work) : work());

/** Each distinct check is written once, as it first happens (a run makes thousands of calls, a few hundred kinds). */
export function recordAwsCalls(client: DynamoDBClient, file: string): void {
  recording = true;
  const seen = new Set<string>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const fn = invoking.getStore();
      // Calls outside any function (demo seeding, the admin CLI's work) are no function's.
      if (fn) {
        const lines = [
          ...new Set(
            iamChecksOf(String(context.commandName), args.input as Record<string, unknown>).map((check) =>
              JSON.stringify({ function: fn, ...check }),
            ),
          ),
        ].filter((line) => !seen.has(line));
        for (const line of lines) seen.add(line);
        if (lines.length) appendFileSync(file, `${lines.join('\n')}\n`);
      }
      return next(args);
    },
    { step: 'initialize', name: 'awsCallRecorder', override: true },
  );
}
