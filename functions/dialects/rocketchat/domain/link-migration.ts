/**
 * Moves invite links stored before the token split (their token, as `_id`, in clear) to their
 * hash — upstream's migration "Separate legacy invite tokens from record IDs and expire unlimited
 * legacy links after 90 days" (RocketChat/Rocket.Chat#38290): each gets a new public id, keeps its
 * old `_id` as its token (now only hashed), is marked `legacy`, and one that never expired expires
 * `legacyDays` on. Until it has run, such links still work (store/invite-links.ts reads them where
 * they are). `npm run admin -- invite-links migrate`; running it again moves what is left.
 */
import { clock } from '../../../lib/clock';
import type { RoomInvite } from '../../../model';
import * as linkStore from '../store/invite-links';
import { newPublicLinkId } from './link-tokens';

export interface LinkMigrationStore {
  listInviteLinks(): Promise<RoomInvite[]>;
  moveClearLink(clear: RoomInvite, moved: RoomInvite): Promise<boolean>;
}

/** The link a clear one becomes: a public id, its old token's hash, `legacy`, and an expiry. */
export function legacyLink(clear: RoomInvite, cutoffIso: string): RoomInvite {
  const { tokenNonce: _none, ...fields } = clear;
  return { ...fields, _id: newPublicLinkId(), style: 'legacy', expires: clear.expires ?? cutoffIso };
}

export async function migrateClearLinks(
  input: { legacyDays: number },
  store: LinkMigrationStore = linkStore,
): Promise<{ moved: number; left: number; legacyUntil: string }> {
  const cutoff = new Date(clock.now() + input.legacyDays * 86_400_000).toISOString();
  const clear = (await store.listInviteLinks()).filter((invite) => invite.style === 'clear');
  let moved = 0;
  for (const invite of clear) {
    // A link used (or removed) while being moved is tried again once from what it is then.
    if ((await store.moveClearLink(invite, legacyLink(invite, cutoff))) || (await store.moveClearLink(invite, legacyLink(invite, cutoff))))
      moved += 1;
  }
  return { moved, left: clear.length - moved, legacyUntil: cutoff };
}
