/**
 * Berty's multi-member group RPCs: Create makes a group (the caller its first member),
 * InvitationCreate hands a member the group's four fields, Join validates a group as Berty does
 * and adds the caller.
 */
import { ServiceError } from '../../errors';
import type { Admission } from '../../http/types';
import { checkGroup } from '../../lib/ed25519-group';
import { addBertyGroupMembers, createBertyGroup, readBertyGroupForMember } from '../../store/berty-groups';
import type { User, UserRef } from '../../store/users';

/** The `berty.types.Group` message in grpc-gateway's JSON (proto names, standard base64). */
export interface GroupMessage {
  public_key: string;
  secret: string;
  secret_sig: string;
  group_type: 'GroupTypeMultiMember';
}

export interface GroupInput {
  publicKey?: Buffer;
  secret?: Buffer;
  secretSig?: Buffer;
}

const unknownGroup = () =>
  new ServiceError('not_found', 'unknown group or not activated yet', { code: 'ErrGroupMemberUnknownGroupID' });

/** In each RPC, `admission` (the rate limit) is awaited before any write and alongside any read. */
export async function createMultiMemberGroup(caller: User, admission: Admission): Promise<{ group_pk: string }> {
  await admission();
  return { group_pk: (await createBertyGroup([caller])).toString('base64') };
}

/** Only members get the group; anyone else, for a known group or not, gets "unknown group". */
export async function createInvitation(caller: UserRef, groupPk: Buffer, admission: Admission): Promise<{ group: GroupMessage }> {
  if (groupPk.length !== 32) throw unknownGroup();
  const [group] = await Promise.all([readBertyGroupForMember(groupPk, caller._id), admission()]);
  if (!group) throw unknownGroup();
  return {
    group: { public_key: group.publicKey, secret: group.secret, secret_sig: group.secretSig, group_type: group.groupType },
  };
}

export async function joinMultiMemberGroup(caller: User, input: GroupInput, admission: Admission): Promise<Record<string, never>> {
  const group = { publicKey: input.publicKey ?? Buffer.alloc(0), secret: input.secret ?? Buffer.alloc(0), secretSig: input.secretSig ?? Buffer.alloc(0) };
  const check = checkGroup(group);
  if (check === 'bad-public-key') {
    throw new ServiceError('invalid_request', 'expect ed25519 public key data size to be 32', { code: 'ErrDeserialization' });
  }
  if (check === 'bad-signature') throw new ServiceError('invalid_request', '', { code: 'ErrCryptoSignatureVerification' });
  await admission();
  if (!(await addBertyGroupMembers(group, [caller]))) {
    throw new ServiceError('conflict', 'already present in group', { code: 'ErrInvalidInput' });
  }
  return {};
}
