/**
 * Counts the DynamoDB calls a piece of work makes, and how many of them were sequential, with an
 * AWS SDK middleware on the store's client. Used by the benchmark and by tests of round trips.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface RecordedCall {
  command: string;
  start: number;
  end: number;
}

export interface CallSummary {
  calls: number;
  /** Length of the longest chain of calls each of which started after the previous one ended. */
  sequentialRoundTrips: number;
  byCommand: Record<string, number>;
}

export function summarize(calls: readonly RecordedCall[]): CallSummary {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const depth = new Map<RecordedCall, number>();
  for (const call of sorted) {
    let before = 0;
    for (const other of sorted) if (other.end <= call.start) before = Math.max(before, depth.get(other) ?? 0);
    depth.set(call, before + 1);
  }
  const byCommand: Record<string, number> = {};
  for (const call of calls) byCommand[call.command] = (byCommand[call.command] ?? 0) + 1;
  return { calls: calls.length, sequentialRoundTrips: Math.max(0, ...depth.values()), byCommand };
}

export function recordDynamoDbCalls(client: DynamoDBClient) {
  let calls: RecordedCall[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const call: RecordedCall = { command: String(context.commandName).replace(/Command$/, ''), start: performance.now(), end: 0 };
      try {
        return await next(args);
      } finally {
        call.end = performance.now();
        calls.push(call);
      }
    },
    { step: 'initialize', name: 'dynamoDbCallRecorder', override: true },
  );
  return {
    /** Runs `work` and returns what it called (calls of other work running meanwhile count too). */
    async measure<T>(work: () => Promise<T>): Promise<{ result: T; summary: CallSummary }> {
      calls = [];
      const result = await work();
      return { result, summary: summarize(calls) };
    },
  };
}
