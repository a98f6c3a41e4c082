/** Rocket.Chat invite links and the slot that lets one user's identical request reuse its live link. */
import * as z from '../../../../lib/zod';
import type { RoomInvite } from '../../../../model';
import { type Codec, codec, key } from '../../../../store/entities/codec';
import { type ChangeRecognizer, type ImageChange, keysOf } from '../../../../store/entities/entity-change';

export const inviteLinkKeys = {
  /** Rocket.Chat invite links: one partition, so listInvites is one query. */
  inviteLink: (id: string) => key('INVITELINKS', `INVITE#${id}`),
  inviteLinkPrefix: () => 'INVITE#',
  /** The live invite link one user made for one room with given days and uses (reused while live). */
  inviteLinkSlot: (roomId: string, userId: string, days: number, maxUses: number) =>
    key(`ROOM#${roomId}`, `INVITELINK#${userId}#${days}#${maxUses}`),
} as const;

export const roomInviteCodec: Codec<RoomInvite> = /* @__PURE__ */ codec(
  'invite link',
  () =>
    z.object({
      _id: z.string(),
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
  (invite) => ({ ...inviteLinkKeys.inviteLink(invite._id), ...invite }),
);

/** The stream's view of a Rocket.Chat invite link item (pk INVITELINKS, sk INVITE#<id>): every change counts. */
export interface InviteLinkChange extends ImageChange {
  entity: 'rocketchat:invite-link';
}

export const inviteLinkChange: ChangeRecognizer = ({ change, item, before, after, byTtl }): InviteLinkChange | undefined => {
  const { pk, sk } = keysOf(item);
  if (pk !== inviteLinkKeys.inviteLink('').pk || !sk.startsWith(inviteLinkKeys.inviteLinkPrefix())) return undefined;
  return { entity: 'rocketchat:invite-link', change, byTtl, before, after };
};
