/** The service's events, as the local runtime appends them to EVENTS_OUTBOX (one JSON line each). */
import { existsSync, readFileSync } from 'node:fs';

export interface OutboxEvent {
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

/** The newest `Invitation Created` event for an invitee (Rooms user id or e-mail) of a room. */
export function latestInvitation(roomId: number | string, invitee: { userId?: string | number; email?: string }) {
  const event = outboxEvents()
    .filter((e) => e['detail-type'] === 'Invitation Created' && e.detail.roomId === Number(roomId))
    .filter((e) =>
      invitee.email !== undefined ? e.detail.invitee.email === invitee.email.toLowerCase() : e.detail.invitee.userId === String(invitee.userId),
    )
    .at(-1);
  if (!event) throw new Error(`no Invitation Created event for ${JSON.stringify(invitee)} in room ${roomId}`);
  const token = new URL(event.detail.acceptUrl).searchParams.get('token')!;
  return { event, token };
}
