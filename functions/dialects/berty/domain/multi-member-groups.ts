/**
 * Berty's multi-member group RPCs: Create makes a group (the caller its first member),
 * InvitationCreate hands a member the group's four fields, Join validates a group as Berty does
 * and adds the caller.
 */
import { ServiceError } from '../../../errors';
import { clock } from '../../../lib/clock';
import { checkGroup, newMultiMemberGroup } from '../../../lib/ed25519-group';
import { eventNote } from '../../../events/catalogue';
import type { BertyGroup, BertyGroupSecrets, EventNote, MembershipOrigin, User, UserRef } from '../../../model';
import { addBertyGroupMembers, readBertyGroupForMember, removeBertyGroupMember } from '../store/berty-groups';

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

export interface BertyGroupStore {
  addBertyGroupMembers(group: BertyGroupSecrets, members: UserRef[], now: string, via: MembershipOrigin): Promise<boolean>;
  readBertyGroupForMember(publicKey: Buffer, userId: string): Promise<BertyGroup | undefined>;
  removeBertyGroupMember(publicKey: Buffer, userId: string, note: EventNote): Promise<boolean>;
}

const dynamoStore: BertyGroupStore = { addBertyGroupMembers, readBertyGroupForMember, removeBertyGroupMember };

const unknownGroup = () => new ServiceError('not_found', 'unknown group or not activated yet', { code: 'ErrGroupMemberUnknownGroupID' });

/** A stored group as grpc-gateway renders the `Group` message (proto field names). */
export const toGroupMessage = (group: Pick<BertyGroup, 'publicKey' | 'secret' | 'secretSig' | 'groupType'>): GroupMessage => ({
  public_key: group.publicKey,
  secret: group.secret,
  secret_sig: group.secretSig,
  group_type: group.groupType,
});

/** A new group (fresh Ed25519 keys) whose first member is `members[0]` (admin CLI, demo data, Create). */
export async function createBertyGroup(members: UserRef[], store: BertyGroupStore = dynamoStore): Promise<Buffer> {
  const group = newMultiMemberGroup();
  await store.addBertyGroupMembers(group, members, clock.iso(), { how: 'created' });
  return group.publicKey;
}

/** In each RPC the store's writes wait for the request's admission (its rate limit); reads do not. */
export async function createMultiMemberGroup(caller: User, store: BertyGroupStore = dynamoStore): Promise<{ group_pk: string }> {
  return { group_pk: (await createBertyGroup([caller], store)).toString('base64') };
}

/** Only members get the group; anyone else, for a known group or not, gets "unknown group". */
export async function createInvitation(
  caller: UserRef,
  groupPk: Buffer,
  store: BertyGroupStore = dynamoStore,
): Promise<{ group: GroupMessage }> {
  if (groupPk.length !== 32) throw unknownGroup();
  const group = await store.readBertyGroupForMember(groupPk, caller._id);
  if (!group) throw unknownGroup();
  return { group: toGroupMessage(group) };
}

export async function joinMultiMemberGroup(
  caller: User,
  input: GroupInput,
  store: BertyGroupStore = dynamoStore,
): Promise<Record<string, never>> {
  const group = {
    publicKey: input.publicKey ?? Buffer.alloc(0),
    secret: input.secret ?? Buffer.alloc(0),
    secretSig: input.secretSig ?? Buffer.alloc(0),
  };
  const check = checkGroup(group);
  if (check === 'bad-public-key') {
    throw new ServiceError('invalid_request', 'expect ed25519 public key data size to be 32', { code: 'ErrDeserialization' });
  }
  if (check === 'bad-signature') throw new ServiceError('invalid_request', '', { code: 'ErrCryptoSignatureVerification' });
  if (!(await store.addBertyGroupMembers(group, [caller], clock.iso(), { how: 'joined' }))) {
    throw new ServiceError('conflict', 'already present in group', { code: 'ErrInvalidInput' });
  }
  return {};
}

/**
 * MultiMemberGroupLeave: the caller leaves (the group's member count follows). A non-member gets
 * what InvitationCreate gives one: "unknown group". The last member leaving keeps the group
 * joinable by its invitation.
 */
export async function leaveMultiMemberGroup(
  caller: UserRef,
  groupPk: Buffer,
  store: BertyGroupStore = dynamoStore,
): Promise<Record<string, never>> {
  if (groupPk.length !== 32) throw unknownGroup();
  const left = eventNote('Member Removed', { dialect: 'berty', roomId: groupPk.toString('base64'), userId: caller._id, how: 'left' });
  if (!(await store.removeBertyGroupMember(groupPk, caller._id, left))) throw unknownGroup();
  return {};
}
