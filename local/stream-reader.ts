/**
 * The local stand-in for Lambda's DynamoDB stream trigger: reads DynamoDB Local's stream of the
 * table with the DynamoDB Streams API and hands each batch of records to the very code the
 * deployed consumer runs (functions/handlers/stream/publish-changes.ts). A batch that is not
 * wholly published is read again from its first unpublished record: the position only moves past
 * what was published, so nothing is skipped, however long the sink refuses.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { PublishOutcome } from '../functions/handlers/stream/publish-changes';
import type { StreamRecord } from '../functions/store/table-changes';

export interface StreamReaderOptions {
  dynamoDb: DynamoDBClient;
  endpoint: string;
  tableName: string;
  publish(records: StreamRecord[]): Promise<PublishOutcome>;
  /** Pause before retrying a refused batch, and the first pause when the stream goes idle (doubling up to maxIdleMs). */
  pollMs?: number;
  /** The longest pause between polls of an idle stream (DynamoDB Local's GetRecords costs it ~10 ms of CPU). */
  maxIdleMs?: number;
  /** Told once per distinct failure (the sink refusing, a record that does not map). */
  onError?(error: unknown): void;
  /** Where a shard first seen is read from: all it holds (default), or only what comes next. */
  startAt?: 'TRIM_HORIZON' | 'LATEST';
  /**
   * A file that keeps, per shard, the last record published: a reader started again (a table kept
   * with `npm start -- --data-dir`) goes on after it instead of publishing the same records twice.
   */
  checkpointFile?: string;
}

export interface StreamReader {
  stop(): Promise<void>;
}

interface ShardPosition {
  iterator?: string;
  /** Where to start again after a refused batch. */
  retryFrom?: string;
  done: boolean;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The positions a reader kept, or none (no file yet, or not one of ours). */
async function readCheckpoint(file: string): Promise<Record<string, string>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export async function startStreamReader(options: StreamReaderOptions): Promise<StreamReader> {
  const pollMs = options.pollMs ?? 50;
  const maxIdleMs = options.maxIdleMs ?? 400;
  /** Shards are listed again at most this often (DescribeStream costs DynamoDB Local ~15 ms), or when one ends. */
  const LIST_EVERY_MS = 2000;
  const { Table } = await options.dynamoDb.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: process.env.AWS_REGION ?? 'us-east-1' });
  const shards = new Map<string, ShardPosition>();
  const checkpoint: Record<string, string> = options.checkpointFile ? await readCheckpoint(options.checkpointFile) : {};
  let running = true;
  let lastError = '';

  const iteratorFor = async (shardId: string, type: ShardIteratorType, sequenceNumber?: string) =>
    (
      await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequenceNumber }),
      )
    ).ShardIterator;

  async function listShards(): Promise<Shard[]> {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      all.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return all;
  }

  /** One poll of one shard; true when it returned records. */
  async function pollShard(shardId: string, position: ShardPosition): Promise<boolean> {
    if (position.retryFrom) {
      position.iterator = await iteratorFor(shardId, 'AT_SEQUENCE_NUMBER', position.retryFrom);
      position.retryFrom = undefined;
    }
    const after = checkpoint[shardId];
    if (!position.iterator && after) {
      // Gone (trimmed past it, or another table's): read the shard from its start.
      position.iterator = await iteratorFor(shardId, 'AFTER_SEQUENCE_NUMBER', after).catch(() => undefined);
    }
    position.iterator ??= await iteratorFor(shardId, options.startAt ?? 'TRIM_HORIZON');
    // Batches of 250: each GetRecords stays short for DynamoDB Local, which serves the API meanwhile.
    const { Records = [], NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: position.iterator, Limit: 250 }));
    if (Records.length > 0) {
      const outcome = await options.publish(Records as StreamRecord[]);
      if (outcome.failedSequenceNumber) {
        position.retryFrom = outcome.failedSequenceNumber;
        const message = String(outcome.error instanceof Error ? outcome.error.message : outcome.error);
        if (message !== lastError) options.onError?.(outcome.error);
        lastError = message;
        return false;
      }
      lastError = '';
      const last = Records.at(-1)?.dynamodb?.SequenceNumber;
      if (last && options.checkpointFile) {
        checkpoint[shardId] = last;
        await writeFile(options.checkpointFile, `${JSON.stringify(checkpoint)}\n`);
      }
    }
    position.iterator = NextShardIterator;
    if (!NextShardIterator) position.done = true;
    return Records.length > 0;
  }

  // From `LATEST`, the open shards' positions are taken before this returns, so every change
  // committed after startStreamReader resolves is read (closed shards hold nothing new).
  if (options.startAt === 'LATEST') {
    for (const shard of await listShards()) {
      if (!shard.ShardId) continue;
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      shards.set(shard.ShardId, closed ? { done: true } : { done: false, iterator: await iteratorFor(shard.ShardId, 'LATEST') });
    }
  }
  const loop = (async () => {
    let listedAt = shards.size > 0 ? Date.now() : -Infinity;
    let idleMs = 0;
    while (running) {
      let busy = false;
      let refused = false;
      try {
        const openShards = [...shards.values()].filter((position) => !position.done).length;
        if (Date.now() - listedAt >= LIST_EVERY_MS || openShards === 0) {
          listedAt = Date.now();
          for (const shard of await listShards()) {
            if (!shard.ShardId || shards.has(shard.ShardId)) continue;
            // A child shard waits for its parent: records of one item stay in order.
            const parent = shard.ParentShardId ? shards.get(shard.ParentShardId) : undefined;
            if (parent && !parent.done) continue;
            shards.set(shard.ShardId, { done: false });
          }
        }
        for (const [shardId, position] of shards) {
          if (position.done || !running) continue;
          busy = (await pollShard(shardId, position)) || busy;
          refused ||= position.retryFrom !== undefined;
          if (position.done) listedAt = -Infinity; // its children, if any, are read next
        }
      } catch (error) {
        // DynamoDB Local gone (stopping) or a transient failure: the positions are kept; try again.
        if (running) options.onError?.(error);
        refused = true;
      }
      // Busy: at once. Refused: again after pollMs. Idle: pauses that double up to maxIdleMs.
      idleMs = busy ? 0 : refused ? pollMs : Math.min(maxIdleMs, Math.max(pollMs, idleMs * 2));
      if (idleMs > 0) await pause(idleMs);
    }
  })();

  return {
    async stop() {
      running = false;
      await loop;
      streams.destroy();
    },
  };
}
