/** Berty multi-member groups (keyed by public key) and their memberships. */
import type { BertyGroup, BertyGroupSecrets, EventNote, MembershipOrigin, UserRef } from '../../../model';
import { batchGet, keyId, putIfAbsent, transactWriteWithRetry } from '../../../store/batch';
import { tableName } from '../../../store/client';
import { removeMembership } from '../../../store/memberships';
import { bertyGroupCodec, bertyGroupMemberCodec } from './items';
import { keys } from './keys';
import { queryIndex } from '../../../store/query';

/**
 * Registers a group (if new) and adds members, in one transaction; each membership is
 * conditional on being absent. Returns false if any of them was a member already.
 */
export async function addBertyGroupMembers(
  group: BertyGroupSecrets,
  members: UserRef[],
  now: string,
  via: MembershipOrigin,
): Promise<boolean> {
  const outcome = await transactWriteWithRetry(
    [
      {
        Update: {
          TableName: tableName,
          Key: keys.bertyGroup(group.publicKey),
          UpdateExpression:
            'SET publicKey = if_not_exists(publicKey, :publicKey), secret = if_not_exists(secret, :secret), ' +
            'secretSig = if_not_exists(secretSig, :secretSig), groupType = :groupType, ' +
            'createdAt = if_not_exists(createdAt, :now) ADD membersCount :count',
          ExpressionAttributeValues: {
            ':publicKey': group.publicKey.toString('base64'),
            ':secret': group.secret.toString('base64'),
            ':secretSig': group.secretSig.toString('base64'),
            ':groupType': 'GroupTypeMultiMember',
            ':now': now,
            ':count': members.length,
          },
        },
      },
      ...members.map((member) => putIfAbsent(bertyGroupMemberCodec.encode(group.publicKey, member, now, via))),
    ],
    'Berty join',
  );
  // Only the memberships carry conditions: not committed means a member already.
  return outcome.committed;
}

/** The stored group, but only for one of its members (one BatchGetItem of group and membership). */
export async function readBertyGroupForMember(publicKey: Buffer, userId: string): Promise<BertyGroup | undefined> {
  const groupKey = keys.bertyGroup(publicKey);
  const memberKey = keys.bertyGroupMember(publicKey, userId);
  const items = await batchGet([groupKey, memberKey]);
  const group = items.get(keyId(groupKey));
  return group && items.has(keyId(memberKey)) ? bertyGroupCodec.decode(group) : undefined;
}

/** The public keys of the Berty groups a user belongs to (gsi1). */
export const listBertyGroupsOfUser = async (userId: string): Promise<Buffer[]> =>
  (await queryIndex(keys.userMembershipsIndex(userId), keys.bertyGroupIndexPrefix())).map(bertyGroupMemberCodec.groupOf);

/**
 * Removes a member and uncounts it, in one transaction; false when they were no member. The group
 * item stays, even with no member left, so its invitation still lets anyone join.
 */
export const removeBertyGroupMember = (publicKey: Buffer, userId: string, note: EventNote): Promise<boolean> =>
  removeMembership(
    keys.bertyGroupMember(publicKey, userId),
    (delta) => ({
      Update: {
        TableName: tableName,
        Key: keys.bertyGroup(publicKey),
        UpdateExpression: 'ADD membersCount :delta',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':delta': delta },
      },
    }),
    note,
  );
