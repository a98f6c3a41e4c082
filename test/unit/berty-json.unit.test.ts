/** Berty's grpc-gateway JSON: the Group message rendering, request decoding and error mapping. */
import { describe, expect, test } from 'vitest';
import { berty } from '../../functions/dialects/berty/dialect';
import {
  type BertyGroupStore,
  createInvitation,
  joinMultiMemberGroup,
  leaveMultiMemberGroup,
  toGroupMessage,
} from '../../functions/dialects/berty/domain/multi-member-groups';
import { groupJoinRequest, invitationCreateRequest } from '../../functions/dialects/berty/handlers/schemas';
import { newMultiMemberGroup } from '../../functions/lib/ed25519-group';
import { safeParse } from '../../functions/lib/zod';
import type { BertyGroup, User } from '../../functions/model';

const caller: User = { _id: 'U', userId: 1, username: 'u', roles: ['user'], active: true, createdAt: '' };

function memoryStore() {
  const groups = new Map<string, BertyGroup>();
  const members = new Set<string>();
  const store: BertyGroupStore = {
    addBertyGroupMembers: async (group, users, now) => {
      const pk = group.publicKey.toString('base64');
      if (users.some((u) => members.has(`${pk}/${u._id}`))) return false;
      const existing = groups.get(pk);
      groups.set(pk, {
        publicKey: pk,
        secret: existing?.secret ?? group.secret.toString('base64'),
        secretSig: existing?.secretSig ?? group.secretSig.toString('base64'),
        groupType: 'GroupTypeMultiMember',
        createdAt: existing?.createdAt ?? now,
        membersCount: (existing?.membersCount ?? 0) + users.length,
      });
      for (const u of users) members.add(`${pk}/${u._id}`);
      return true;
    },
    readBertyGroupForMember: async (publicKey, userId) => {
      const pk = publicKey.toString('base64');
      return members.has(`${pk}/${userId}`) ? groups.get(pk) : undefined;
    },
    removeBertyGroupMember: async (publicKey, userId) => {
      const pk = publicKey.toString('base64');
      if (!members.delete(`${pk}/${userId}`)) return false;
      const group = groups.get(pk)!;
      groups.set(pk, { ...group, membersCount: group.membersCount - 1 });
      return true;
    },
  };
  return { store, groups };
}

describe('Berty JSON', () => {
  test('the Group message uses proto field names, standard base64 and the enum name', () => {
    expect(toGroupMessage({ publicKey: 'cGs=', secret: 'c2U=', secretSig: 'c2ln', groupType: 'GroupTypeMultiMember' })).toEqual({
      public_key: 'cGs=',
      secret: 'c2U=',
      secret_sig: 'c2ln',
      group_type: 'GroupTypeMultiMember',
    });
  });

  test('an invitation carries the joined group exactly as stored; joining again is AlreadyExists', async () => {
    const { store } = memoryStore();
    const secrets = newMultiMemberGroup();
    expect(await joinMultiMemberGroup(caller, secrets, store)).toEqual({});
    const { group } = await createInvitation(caller, secrets.publicKey, store);
    expect(group).toEqual({
      public_key: secrets.publicKey.toString('base64'),
      secret: secrets.secret.toString('base64'),
      secret_sig: secrets.secretSig.toString('base64'),
      group_type: 'GroupTypeMultiMember',
    });
    await expect(joinMultiMemberGroup(caller, secrets, store)).rejects.toMatchObject({ kind: 'conflict', code: 'ErrInvalidInput' });
  });

  test('a non-member and a malformed key both get "unknown group"', async () => {
    const { store } = memoryStore();
    const secrets = newMultiMemberGroup();
    await joinMultiMemberGroup({ ...caller, _id: 'other' }, secrets, store);
    for (const pk of [secrets.publicKey, Buffer.alloc(5)]) {
      await expect(createInvitation(caller, pk, store)).rejects.toMatchObject({ code: 'ErrGroupMemberUnknownGroupID' });
    }
  });

  test('leaving: the count follows; the last one out leaves the group joinable; a non-member gets "unknown group"', async () => {
    const { store, groups } = memoryStore();
    const secrets = newMultiMemberGroup();
    const pk = secrets.publicKey.toString('base64');
    const other = { ...caller, _id: 'other' };
    await joinMultiMemberGroup(caller, secrets, store);
    await joinMultiMemberGroup(other, secrets, store);
    expect(await leaveMultiMemberGroup(caller, secrets.publicKey, store)).toEqual({});
    expect(groups.get(pk)!.membersCount).toBe(1);
    await expect(leaveMultiMemberGroup(caller, secrets.publicKey, store)).rejects.toMatchObject({ code: 'ErrGroupMemberUnknownGroupID' });
    await leaveMultiMemberGroup(other, secrets.publicKey, store);
    expect(groups.get(pk)!.membersCount).toBe(0);
    expect(await joinMultiMemberGroup(caller, secrets, store)).toEqual({});
    expect(groups.get(pk)!.membersCount).toBe(1);
  });

  test('requests take proto or lowerCamel names, and null for unset', () => {
    const pk = Buffer.alloc(32, 1).toString('base64');
    const decode = (schema: typeof invitationCreateRequest, body: unknown) => safeParse(schema, { path: {}, query: {}, body });
    expect(decode(invitationCreateRequest, { group_pk: pk })).toMatchObject({
      success: true,
      data: { body: { groupPk: Buffer.alloc(32, 1) } },
    });
    expect(decode(invitationCreateRequest, { groupPk: pk, unknown: 1 })).toMatchObject({ success: true });
    const join = safeParse(groupJoinRequest, { path: {}, query: {}, body: { group: { publicKey: pk, secret: null } } });
    expect(join).toMatchObject({ success: true, data: { body: { group: { publicKey: Buffer.alloc(32, 1), secret: undefined } } } });
  });

  test("input errors: Go's base64 message as is, a missing field as ErrMissingInput, both InvalidArgument", () => {
    const refuse = (body: unknown) => {
      const result = safeParse(invitationCreateRequest, { path: {}, query: {}, body });
      if (result.success) throw new Error('accepted');
      const rendered = berty.renderError(berty.invalidInput(result.error.issues, { path: {}, query: {}, body }));
      return { status: rendered.statusCode, body: JSON.parse(rendered.body!) };
    };
    expect(refuse({ group_pk: 'a$==' })).toEqual({
      status: 400,
      body: { code: 3, error: 'illegal base64 data at input byte 1', message: 'illegal base64 data at input byte 1' },
    });
    expect(refuse({})).toEqual({
      status: 400,
      body: { code: 3, error: 'ErrMissingInput(#101): group_pk is required', message: 'ErrMissingInput(#101): group_pk is required' },
    });
  });
});
