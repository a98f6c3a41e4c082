/** QuranReflect invitations: one per group and invitee (an account, or an e-mail address without one yet), found again by the invitee through gsi1. */
import * as z from '../../../../lib/zod';
import type { Invitation } from '../../../../model';
import { tableSchema } from '../../../../store/table-schema';
import { type Codec, codec, key, numberedUserRef } from '../../../../store/entities/codec';
import { type ChangeRecognizer, type ImageChange, keysOf } from '../../../../store/entities/entity-change';
import { userKeys } from '../../../../store/entities/user';

export const invitationKeys = {
  /** One pending invitation per group and invitee: a user, or an e-mail that matches no user yet. */
  groupInvitationForUser: (groupId: string, userId: string) => key(`GROUP#${groupId}`, `INVITE#USER#${userId}`),
  groupInvitationForEmail: (groupId: string, email: string) => key(`GROUP#${groupId}`, `INVITE#EMAIL#${email.toLowerCase()}`),
  groupInvitationPrefix: () => 'INVITE#',
  /** gsi1: the invitations waiting for an e-mail address, claimed when its account is created. */
  emailInvitationsIndex: (email: string) => `INVITEE#EMAIL#${email.toLowerCase()}`,
  invitationIndexSort: (groupId: string) => `INVITE#GROUP#${groupId}`,
} as const;

const invitationSchema = () =>
  z.object({
    groupId: z.string(),
    invitee: z.union([numberedUserRef(), z.object({ email: z.string() })]),
    invitedBy: numberedUserRef(),
    createdAt: z.string(),
    lastInvitedBy: numberedUserRef(),
    lastInvitedAt: z.string(),
    [tableSchema.ttlAttribute]: z.number(),
    invitesSent: z.number(),
    claimedEmail: z.optional(z.string()),
    tokenHash: z.optional(z.string()),
    tokenNonce: z.optional(z.string()),
  });

/** The stored part of an invitation; `status` is worked out from the expiry when read. */
export type StoredInvitation = Omit<Invitation, 'status'>;

/** An invitation's key: per user, or per e-mail address that has no account yet. */
export const invitationKey = (invitation: Pick<StoredInvitation, 'groupId' | 'invitee'>) =>
  '_id' in invitation.invitee
    ? invitationKeys.groupInvitationForUser(invitation.groupId, invitation.invitee._id)
    : invitationKeys.groupInvitationForEmail(invitation.groupId, invitation.invitee.email);

/** gsi1: a user's invitations sit with their memberships; an e-mail's wait under the address. */
export const invitationIndexKey = (invitation: Pick<StoredInvitation, 'groupId' | 'invitee'>) => ({
  gsi1pk:
    '_id' in invitation.invitee
      ? userKeys.userMembershipsIndex(invitation.invitee._id)
      : invitationKeys.emailInvitationsIndex(invitation.invitee.email),
  gsi1sk: invitationKeys.invitationIndexSort(invitation.groupId),
});

export const invitationCodec: Codec<StoredInvitation> = /* @__PURE__ */ codec('invitation', invitationSchema, (invitation) => ({
  ...invitationKey(invitation),
  ...invitationIndexKey(invitation),
  ...invitation,
}));

/** The stream's view of a QuranReflect invitation item (pk GROUP#<group>, sk INVITE#…): every change counts. */
export interface InvitationChange extends ImageChange {
  entity: 'quranreflect:invitation';
}

export const invitationChange: ChangeRecognizer = ({ change, item, before, after, byTtl }): InvitationChange | undefined => {
  const { pk, sk } = keysOf(item);
  if (!pk.startsWith('GROUP#') || !sk.startsWith(invitationKeys.groupInvitationPrefix())) return undefined;
  return { entity: 'quranreflect:invitation', change, byTtl, before, after };
};
