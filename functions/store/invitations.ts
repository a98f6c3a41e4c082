import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableSchema } from './table-schema';
import { ServiceError } from '../errors';
import { type Item, putIfAbsent, type TransactItem, transactWrite, transactWriteWithRetry } from './batch';
import { documentClient, tableName } from './client';
import { keys, stripLayout } from './keys';
import { queryByPrefix } from './query';
import type { UserRef } from './users';

export type Invitee = { kind: 'user'; user: UserRef & { userId: number } } | { kind: 'email'; email: string };

export interface Invitation {
  groupId: string;
  invitee: { _id: string; userId: number; username: string } | { email: string };
  invitedBy: UserRef & { userId: number };
  createdAt: string;
  lastInvitedBy: UserRef & { userId: number };
  lastInvitedAt: string;
  /** Epoch seconds; DynamoDB TTL removes the invitation after it. */
  expiresAt: number;
  invitesSent: number;
  status: 'pending' | 'expired';
}

export type InviteOutcome = 'invited' | 'already-member' | 'group-missing';

const invitationKey = (groupId: string, invitee: Invitee) =>
  invitee.kind === 'user' ? keys.groupInvitationForUser(groupId, invitee.user._id) : keys.groupInvitationForEmail(groupId, invitee.email);

const indexKey = (groupId: string, invitee: Invitee) => ({
  gsi1pk: invitee.kind === 'user' ? keys.userMembershipsIndex(invitee.user._id) : keys.emailInvitationsIndex(invitee.email),
  gsi1sk: keys.invitationIndexSort(groupId),
});

/**
 * Creates or renews the one pending invitation of an invitee to a group, in one transaction that
 * also checks the group still exists and the invitee is not (or no longer) a member. Renewing
 * keeps who first invited and when, moves the expiry and counts the invite; racing invites of
 * the same invitee therefore leave exactly one invitation. An invitation that has expired (but
 * that TTL has not removed yet) is not renewed but replaced by a new one.
 */
export async function upsertGroupInvitation(input: {
  groupId: string;
  invitee: Invitee;
  invitedBy: UserRef & { userId: number };
  ttlSeconds: number;
}): Promise<InviteOutcome> {
  const now = new Date();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const by = { _id: input.invitedBy._id, userId: input.invitedBy.userId, username: input.invitedBy.username };
  const key = invitationKey(input.groupId, input.invitee);
  const checks: TransactItem[] = [
    { ConditionCheck: { TableName: tableName, Key: keys.group(input.groupId), ConditionExpression: 'attribute_exists(pk)' } },
    ...(input.invitee.kind === 'user'
      ? [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: keys.groupMember(input.groupId, input.invitee.user._id),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]
      : []),
  ];
  const fresh: Item = {
    ...key,
    ...indexKey(input.groupId, input.invitee),
    groupId: input.groupId,
    invitee:
      input.invitee.kind === 'user'
        ? { _id: input.invitee.user._id, userId: input.invitee.user.userId, username: input.invitee.user.username }
        : { email: input.invitee.email.toLowerCase() },
    invitedBy: by,
    createdAt: now.toISOString(),
    lastInvitedBy: by,
    lastInvitedAt: now.toISOString(),
    [tableSchema.ttlAttribute]: nowSeconds + input.ttlSeconds,
    invitesSent: 1,
  };
  const names = { '#expiresAt': tableSchema.ttlAttribute };
  /** A new invitation, or a renewal of the pending one. */
  const createOrRenew: TransactItem = {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression:
        'SET groupId = :groupId, invitee = :invitee, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, ' +
        'invitedBy = if_not_exists(invitedBy, :by), createdAt = if_not_exists(createdAt, :now), ' +
        'lastInvitedBy = :by, lastInvitedAt = :now, #expiresAt = :expiresAt ADD invitesSent :one',
      ConditionExpression: 'attribute_not_exists(pk) OR #expiresAt > :nowSeconds',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ':groupId': fresh.groupId,
        ':invitee': fresh.invitee,
        ':gsi1pk': fresh.gsi1pk,
        ':gsi1sk': fresh.gsi1sk,
        ':by': by,
        ':now': fresh.createdAt,
        ':expiresAt': fresh[tableSchema.ttlAttribute],
        ':nowSeconds': nowSeconds,
        ':one': 1,
      },
    },
  };
  /** Replaces an expired invitation (only while it is still expired). */
  const replaceExpired: TransactItem = {
    Put: {
      TableName: tableName,
      Item: fresh,
      ConditionExpression: 'attribute_exists(pk) AND #expiresAt <= :nowSeconds',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':nowSeconds': nowSeconds },
    },
  };
  const write = checks.length;
  for (let attempt = 0; attempt < 4; attempt++) {
    // Racing invites of the same invitee conflict on the invitation item: retried, each renews it.
    const outcome = await transactWriteWithRetry([...checks, attempt % 2 === 0 ? createOrRenew : replaceExpired]);
    if (outcome.committed) return 'invited';
    if (outcome.reasons[0] === 'ConditionalCheckFailed') return 'group-missing';
    if (input.invitee.kind === 'user' && outcome.reasons[1] === 'ConditionalCheckFailed') return 'already-member';
    // The invitation was expired (try replacing it) or, while replacing, got renewed (renew it).
    if (outcome.reasons[write] !== 'ConditionalCheckFailed') {
      throw new ServiceError('bad_gateway', `DynamoDB cancelled the invitation transaction: ${outcome.reasons.join(', ')}`);
    }
  }
  throw new ServiceError('unavailable', 'Too many concurrent updates of this invitation, try again');
}

const toInvitation = (item: Item): Invitation => {
  const invitation = stripLayout(item) as unknown as Omit<Invitation, 'status' | 'expiresAt'>;
  const expiresAt = Number(item[tableSchema.ttlAttribute]);
  return { ...invitation, expiresAt, status: expiresAt * 1000 > Date.now() ? 'pending' : 'expired' };
};

export const listGroupInvitations = async (groupId: string): Promise<Invitation[]> =>
  (await queryByPrefix(keys.group(groupId).pk, keys.groupInvitationPrefix(), true)).map(toInvitation);

/**
 * Turns the invitations waiting for an e-mail into invitations of the user who now owns it
 * (called when an account with that e-mail is created). Each one moves in its own transaction.
 */
export async function claimEmailInvitations(user: UserRef & { userId: number; email?: string }): Promise<number> {
  if (!user.email) return 0;
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: tableSchema.globalSecondaryIndexes[0].indexName,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.emailInvitationsIndex(user.email) },
    }),
  );
  let claimed = 0;
  for (const item of result.Items ?? []) {
    const groupId = String(item.groupId);
    const outcome = await transactWrite([
      { Delete: { TableName: tableName, Key: keys.groupInvitationForEmail(groupId, user.email), ConditionExpression: 'attribute_exists(pk)' } },
      putIfAbsent({
        ...item,
        ...keys.groupInvitationForUser(groupId, user._id),
        ...indexKey(groupId, { kind: 'user', user }),
        invitee: { _id: user._id, userId: user.userId, username: user.username },
        claimedEmail: user.email.toLowerCase(),
      }),
    ]);
    if (outcome.committed) claimed += 1;
  }
  return claimed;
}
