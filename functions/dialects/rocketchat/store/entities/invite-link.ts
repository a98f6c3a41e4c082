/**
 * Rocket.Chat invite links, stored under their token's SHA-256 (no token in the table), the
 * pointer from a link's public id to that hash, and the slot that lets one user's identical
 * request reuse its live link.
 */
import { hashToken } from '../../../../lib/ids';
import * as z from '../../../../lib/zod';
import type { RoomInvite } from '../../../../model';
import type { Item } from '../../../../store/batch';
import { decoder, key } from '../../../../store/entities/codec';
import { type ChangeRecognizer, type ImageChange, keysOf } from '../../../../store/entities/entity-change';

export const inviteLinkKeys = {
  /**
   * An invite link, by its token's hash (one partition, so listInvites is one query). Links stored
   * before the split sit under their `_id` (their token, in clear) until `invite-links migrate`.
   */
  inviteLink: (tokenHashOrClearId: string) => key('INVITELINKS', `INVITE#${tokenHashOrClearId}`),
  inviteLinkPrefix: () => 'INVITE#',
  /** From a link's public id (removeInvite's path) to its hash. */
  inviteLinkId: (publicId: string) => key('INVITELINKS', `LINKID#${publicId}`),
  /** The live invite link one user made for one room with given days and uses (reused while live). */
  inviteLinkSlot: (roomId: string, userId: string, days: number, maxUses: number) =>
    key(`ROOM#${roomId}`, `INVITELINK#${userId}#${days}#${maxUses}`),
} as const;

/** Where a link is stored: under its hash, or (not yet moved) under its clear `_id`. */
export const inviteLinkKeyOf = (invite: Pick<RoomInvite, '_id' | 'tokenHash' | 'style'>) =>
  inviteLinkKeys.inviteLink(invite.style === 'clear' ? invite._id : invite.tokenHash);

const decodeStored = /* @__PURE__ */ decoder('invite link', () =>
  z.object({
    _id: z.string(),
    tokenHash: z.optional(z.string()),
    tokenNonce: z.optional(z.string()),
    style: z.optional(z.enum(['separate', 'id', 'legacy'])),
    days: z.number(),
    maxUses: z.number(),
    rid: z.string(),
    userId: z.string(),
    createdAt: z.string(),
    expires: z.nullable(z.string()),
    url: z.string(),
    uses: z.number(),
    _updatedAt: z.string(),
    room: z.object({ t: z.enum(['c', 'p', 'd', 'l']), name: z.string(), fname: z.string(), prid: z.optional(z.string()) }),
  }),
);

export const roomInviteCodec = {
  /** A link stored before the split has no style: its `_id` is its token (`clear`). */
  decode(item: Item): RoomInvite {
    const { tokenHash, style, ...stored } = decodeStored(item);
    if (!style || !tokenHash) return { ...stored, style: 'clear', tokenHash: hashToken(stored._id) };
    return { ...stored, style, tokenHash };
  },
  encode(invite: RoomInvite): Item {
    if (invite.style === 'clear') throw new Error('links are no longer stored with their token in clear');
    return { ...inviteLinkKeyOf(invite), ...invite };
  },
};

/**
 * The id a link is known by outside the API (memberships' `via.linkId`, events): its public id;
 * a link not yet moved has none but its token, so the first 16 hex digits of the token's hash.
 */
export const publicLinkId = (invite: { _id: string; style?: string }): string =>
  invite.style && invite.style !== 'clear' ? invite._id : hashToken(invite._id).slice(0, 16);

/** The pointer from a link's public id to its hash (with its style, and its room, read beside the link). */
export const inviteLinkIdItem = (invite: Pick<RoomInvite, '_id' | 'tokenHash' | 'style' | 'rid'>): Item => ({
  ...inviteLinkKeys.inviteLinkId(invite._id),
  tokenHash: invite.tokenHash,
  style: invite.style,
  rid: invite.rid,
});

/** The stream's view of a Rocket.Chat invite link item (pk INVITELINKS, sk INVITE#…): every change counts. */
export interface InviteLinkChange extends ImageChange {
  entity: 'rocketchat:invite-link';
}

export const inviteLinkChange: ChangeRecognizer = ({ change, item, before, after, byTtl }): InviteLinkChange | undefined => {
  const { pk, sk } = keysOf(item);
  if (pk !== inviteLinkKeys.inviteLink('').pk || !sk.startsWith(inviteLinkKeys.inviteLinkPrefix())) return undefined;
  return { entity: 'rocketchat:invite-link', change, byTtl, before, after };
};
