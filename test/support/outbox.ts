/**
 * The service's events, as the local runtime appends them to EVENTS_OUTBOX (one JSON line each)
 * from the table's stream. They arrive shortly after the request that made them (the stream
 * reader polls every 50 ms): the helpers that expect an event wait for it, within a deadline.
 */
import { existsSync, readFileSync } from 'node:fs';

export interface OutboxEvent {
  id: string;
  time: string;
  source: string;
  'detail-type': string;
  detail: Record<string, any>;
}

export function outboxEvents(file = process.env.EVENTS_OUTBOX): OutboxEvent[] {
  if (!file) throw new Error('EVENTS_OUTBOX is not set: run the tests through vitest (global setup sets it)');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxEvent);
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The outbox's events once `ready` holds for them (polled every 25 ms), or an error naming what
 * was awaited after `timeoutMs`. A test that expects no further event waits for a later marker event instead.
 */
export async function waitForEvents(ready: (events: OutboxEvent[]) => boolean, what: string, timeoutMs = 10_000): Promise<OutboxEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = outboxEvents();
    if (ready(events)) return events;
    if (Date.now() > deadline) throw new Error(`no ${what} in the outbox after ${timeoutMs} ms`);
    await pause(25);
  }
}

/** The events of one type about one room (as its dialect names it). */
export const eventsOf = (events: OutboxEvent[], type: string, roomId?: string | number) =>
  events.filter((e) => e['detail-type'] === type && (roomId === undefined || e.detail.roomId === roomId));

const inviteeMatches = (e: OutboxEvent, invitee: { userId?: string | number; email?: string }) =>
  invitee.email !== undefined ? e.detail.invitee.email === invitee.email.toLowerCase() : e.detail.invitee.userId === String(invitee.userId);

/**
 * The newest `Invitation Created` event for an invitee (Rooms user id or e-mail) of a room, with
 * its token; `after`: only events past that many of the room's invitations to this invitee (a renewal).
 */
export async function latestInvitation(roomId: number | string, invitee: { userId?: string | number; email?: string }, after = 0) {
  const matching = (events: OutboxEvent[]) =>
    eventsOf(events, 'Invitation Created', Number(roomId)).filter((e) => inviteeMatches(e, invitee));
  const events = await waitForEvents(
    (all) => matching(all).length > after,
    `Invitation Created for ${JSON.stringify(invitee)} in room ${roomId}`,
  );
  const event = matching(events).at(-1)!;
  const token: string = event.detail.token;
  // The links carry the same token the event names.
  if (new URL(event.detail.acceptUrl).searchParams.get('token') !== token)
    throw new Error(`acceptUrl does not carry the event's token: ${JSON.stringify(event.detail)}`);
  return { event, token };
}

/** How many `Invitation Created` events an invitee of a room has had so far. */
export const invitationCount = (roomId: number | string, invitee: { userId?: string | number; email?: string }) =>
  eventsOf(outboxEvents(), 'Invitation Created', Number(roomId)).filter((e) => inviteeMatches(e, invitee)).length;
