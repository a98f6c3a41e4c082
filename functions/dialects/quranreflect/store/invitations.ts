/** QuranReflect group invitations: one per group and invitee (a user, or an e-mail without an account). */
import { RETRY_NOW, retry } from '../../../lib/retry';
import { retryPolicies } from '../../../policies';
import { deleteIfPresent, putIfAbsent, type TransactItem, transactWriteWithRetry, unexpectedCancellation } from '../../../store/batch';
import type { EventNote, GroupMember } from '../../../model';
import { tableName } from '../../../store/client';
import { eventNotePut } from '../../../store/event-notes';
import { groupCountUpdate } from './groups';
import { groupMemberCodec, invitationCodec, invitationIndexKey, invitationKey, type StoredInvitation } from './items';
import { keys } from './keys';
import { queryByPrefix, queryIndex } from '../../../store/query';
import { tableSchema } from '../../../store/table-schema';

export type UpsertOutcome = 'invited' | 'already-member' | 'group-missing';

/**
 * Creates or renews the one pending invitation of an invitee to a group, in one transaction that
 * also checks the invitee is not (or no longer) a member and, unless `checkGroup` is false, that
 * the group still exists. Renewing keeps who first invited and when, moves the expiry, counts the
 * invite and replaces the token (the old one stops working); racing invites of the same invitee
 * therefore leave exactly one invitation. An invitation that has expired at `nowSeconds` (but that
 * TTL has not removed yet) is not renewed but replaced by `fresh`.
 * Invites of many invitees skip the group check (the caller has just read the group, and groups
 * are never deleted), so their transactions share no item and run concurrently.
 */
export async function upsertInvitation(fresh: StoredInvitation, nowSeconds: number, checkGroup = true): Promise<UpsertOutcome> {
  const key = invitationKey(fresh);
  const isUser = '_id' in fresh.invitee;
  const groupCheck: TransactItem[] = checkGroup
    ? [{ ConditionCheck: { TableName: tableName, Key: keys.group(fresh.groupId), ConditionExpression: 'attribute_exists(pk)' } }]
    : [];
  const checks: TransactItem[] = [
    ...groupCheck,
    ...('_id' in fresh.invitee
      ? [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: keys.groupMember(fresh.groupId, fresh.invitee._id),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]
      : []),
  ];
  const names = { '#expiresAt': tableSchema.ttlAttribute };
  const index = invitationIndexKey(fresh);
  /** A new invitation, or a renewal of the pending one. */
  const createOrRenew: TransactItem = {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression:
        'SET groupId = :groupId, invitee = :invitee, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, ' +
        'invitedBy = if_not_exists(invitedBy, :by), createdAt = if_not_exists(createdAt, :now), ' +
        'lastInvitedBy = :by, lastInvitedAt = :now, #expiresAt = :expiresAt, tokenHash = :tokenHash, tokenNonce = :tokenNonce ADD invitesSent :one',
      ConditionExpression: 'attribute_not_exists(pk) OR #expiresAt > :nowSeconds',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ':groupId': fresh.groupId,
        ':invitee': fresh.invitee,
        ':gsi1pk': index.gsi1pk,
        ':gsi1sk': index.gsi1sk,
        ':by': fresh.invitedBy,
        ':now': fresh.createdAt,
        ':expiresAt': fresh.expiresAt,
        ':nowSeconds': nowSeconds,
        ':tokenHash': fresh.tokenHash,
        ':tokenNonce': fresh.tokenNonce,
        ':one': 1,
      },
    },
  };
  /** Replaces an expired invitation (only while it is still expired). */
  const replaceExpired: TransactItem = {
    Put: {
      TableName: tableName,
      Item: invitationCodec.encode(fresh),
      ConditionExpression: 'attribute_exists(pk) AND #expiresAt <= :nowSeconds',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':nowSeconds': nowSeconds },
    },
  };
  const write = checks.length;
  // The invitation was expired (so replace it) or, while replacing, got renewed (so renew it).
  return retry(retryPolicies.invitationUpsert, async (attempt) => {
    const outcome = await transactWriteWithRetry([...checks, attempt % 2 === 0 ? createOrRenew : replaceExpired], 'invitation');
    if (outcome.committed) return 'invited' as const;
    if (checkGroup && outcome.reasons[0] === 'ConditionalCheckFailed') return 'group-missing' as const;
    if (isUser && outcome.reasons[groupCheck.length] === 'ConditionalCheckFailed') return 'already-member' as const;
    if (outcome.reasons[write] !== 'ConditionalCheckFailed') {
      throw unexpectedCancellation('invitation', outcome.reasons);
    }
    return RETRY_NOW;
  });
}

export const listGroupInvitations = async (groupId: string): Promise<StoredInvitation[]> =>
  (await queryByPrefix(keys.group(groupId).pk, keys.groupInvitationPrefix())).map(invitationCodec.decode);

/** The invitations waiting for an e-mail address that has no account yet (gsi1, eventually consistent). */
export const listEmailInvitations = async (email: string): Promise<StoredInvitation[]> =>
  (await queryIndex(keys.emailInvitationsIndex(email))).map(invitationCodec.decode);

/** Deletes an invitation (admin revoke), with the note that tells of it; false when there was none. */
export async function deleteInvitation(invitation: Pick<StoredInvitation, 'groupId' | 'invitee'>, note: EventNote): Promise<boolean> {
  const outcome = await transactWriteWithRetry([deleteIfPresent(invitationKey(invitation)), eventNotePut(note)], 'revoke invitation');
  return outcome.committed;
}

export type AcceptOutcome = 'accepted' | 'invalid-token' | 'already-member' | 'group-missing';

/**
 * Accepts an invitation in one transaction: the invitation (and so its token) goes, on condition
 * that it still holds this token and has not expired; the membership is added and counted.
 * Racing accepts of one token: exactly one commits, the others find the invitation gone.
 */
export async function acceptInvitation(
  invitation: StoredInvitation,
  tokenHash: string,
  member: GroupMember,
  nowSeconds: number,
  note: EventNote,
): Promise<AcceptOutcome> {
  const outcome = await transactWriteWithRetry(
    [
      invitationDelete(invitation, tokenHash, nowSeconds),
      putIfAbsent(groupMemberCodec.encode(member)),
      groupCountUpdate(member.groupId, 1),
      eventNotePut(note),
    ],
    'accept invitation',
  );
  if (outcome.committed) return 'accepted';
  if (outcome.reasons[0] === 'ConditionalCheckFailed') return 'invalid-token';
  if (outcome.reasons[1] === 'ConditionalCheckFailed') return 'already-member';
  return 'group-missing';
}

/**
 * Deletes an invitation, on condition that it still holds this token and has not expired, with
 * the note that tells why (rejected), if any (an accepted invitation whose invitee had joined meanwhile has none).
 */
export async function deleteInvitationWithToken(
  invitation: StoredInvitation,
  tokenHash: string,
  nowSeconds: number,
  note?: EventNote,
): Promise<boolean> {
  const outcome = await transactWriteWithRetry(
    [invitationDelete(invitation, tokenHash, nowSeconds), ...(note ? [eventNotePut(note)] : [])],
    'delete invitation',
  );
  return outcome.committed;
}

const invitationDelete = (invitation: StoredInvitation, tokenHash: string, nowSeconds: number): TransactItem => ({
  Delete: {
    TableName: tableName,
    Key: invitationKey(invitation),
    ConditionExpression: 'tokenHash = :tokenHash AND #expiresAt > :now',
    ExpressionAttributeNames: { '#expiresAt': tableSchema.ttlAttribute },
    ExpressionAttributeValues: { ':tokenHash': tokenHash, ':now': nowSeconds },
  },
});
