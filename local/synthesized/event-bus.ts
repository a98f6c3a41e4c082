/**
 * A local stand-in for the EventBridge bus, for functions run from their bundles: it answers
 * PutEvents (AWS JSON 1.1, `AWSEvents.PutEvents`) at the URL their SDK is pointed at
 * (AWS_ENDPOINT_URL_EVENTBRIDGE) and hands each entry, as the bus would route it, to `deliver`:
 * the envelope the service's events have (its id travels in `detail.eventId`, as on the bus).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An event as an EventBridge rule hands it to its target. */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

interface PutEventsEntry {
  EventBusName?: string;
  Source: string;
  DetailType: string;
  Time?: number | string;
  Detail: string;
}

export async function startEventBusStandIn(deliver: (events: BusEvent[]) => Promise<void>, region: string) {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(body));
      };
      if (request.headers['x-amz-target'] !== 'AWSEvents.PutEvents') return answer(400, { __type: 'UnknownOperationException' });
      const { Entries } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries: PutEventsEntry[] };
      const events: BusEvent[] = Entries.map((entry) => ({
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: '000000000000',
        // The SDK sends Time as epoch seconds.
        time: new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : (entry.Time ?? Date.now())).toISOString(),
        region,
        resources: [],
        detail: JSON.parse(entry.Detail) as Record<string, unknown>,
      }));
      deliver(events).then(
        () => answer(200, { FailedEntryCount: 0, Entries: events.map((event) => ({ EventId: event.id })) }),
        // A sink that refuses: the whole call fails, and the consumer keeps its position.
        (error: unknown) => answer(500, { __type: 'InternalException', message: String(error instanceof Error ? error.message : error) }),
      );
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}
