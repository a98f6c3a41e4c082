/**
 * The rules that turn committed table changes into the service's events. The core's own entity is
 * the event note (written with deletions and answers: its events as they were written); every other
 * entity is a dialect's, whose registered rule (functions/registry) says what its changes mean.
 * An entity recognized but that no rule takes is a bug: its record is retried, then dead-lettered.
 */
import type { DerivedEvent, EventDetail, ServiceEvent } from '../../events/catalogue';
import type { EntityChange, MembershipChange, RegisteredEntityChange } from '../../store/table-changes';

export interface DeriveDependencies {
  /** The clear token of the invitation stored under pk/sk with this nonce. */
  invitationToken(pk: string, sk: string, nonce: string): Promise<string>;
  /** The API's public base URL (accept and reject links point there). */
  publicBaseUrl: string;
}

/**
 * A dialect's rule for the entities it registered: its events from a change of one of them, or
 * undefined for an entity of another dialect.
 */
export type EventRule = (change: RegisteredEntityChange, deps: DeriveDependencies) => Promise<DerivedEvent[] | undefined>;

export async function deriveEvents(change: EntityChange, deps: DeriveDependencies, rules: readonly EventRule[]): Promise<DerivedEvent[]> {
  if (change.entity === 'ignored') return [];
  if (change.entity === 'event-note') return change.notes.map((note) => ({ type: note.type, detail: note.detail }) as ServiceEvent);
  for (const rule of rules) {
    const events = await rule(change, deps);
    if (events) return events;
  }
  throw new Error(`no event rule for ${change.entity}`);
}

/** `Member Added` for a membership created (its room and user as the dialect names them); nothing for one removed (a note tells). */
export function memberAdded(
  change: MembershipChange,
  named: Pick<EventDetail<'Member Added'>, 'dialect' | 'roomId' | 'userId' | 'by'>,
): ServiceEvent[] {
  if (change.change !== 'insert') return [];
  const via = change.member.via;
  const detail: EventDetail<'Member Added'> = {
    ...named,
    username: change.member.username,
    how: via?.how ?? 'created',
    ...(via?.linkId ? { linkId: via.linkId } : {}),
  };
  return [{ type: 'Member Added', detail }];
}
