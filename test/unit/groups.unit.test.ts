/** Creating a QuranReflect group (groups.ts) against an in-memory store: numbering, owner, first members, url. */
import { describe, expect, test } from 'vitest';
import { createGroup, type GroupCreationStore } from '../../functions/dialects/quranreflect/domain/groups';
import type { Group, GroupMember } from '../../functions/model';

function memoryGroups(outcome: Awaited<ReturnType<GroupCreationStore['insertGroup']>> = 'created') {
  let number = 40;
  const written: { group: Group; members: GroupMember[] }[] = [];
  const store: GroupCreationStore = {
    nextGroupNumber: async () => ++number,
    insertGroup: async (group, members) => {
      written.push({ group, members });
      return outcome;
    },
  };
  return { store, written };
}

const admin = { _id: 'A', username: 'admin', userId: 1 };

describe('createGroup', () => {
  test('the next number; the creator owns it and is its first admin; members once each, with their Rooms id where known', async () => {
    const { store, written } = memoryGroups();
    const group = await createGroup(
      { name: 'Circle', admin, members: [{ _id: 'B', username: 'bob' }, admin, { _id: 'B', username: 'bob' }] },
      store,
    );
    expect(group).toMatchObject({
      id: '41',
      name: 'Circle',
      url: 'group-41',
      isPublic: false,
      membersCount: 2,
      createdBy: admin,
      description: '',
    });
    expect(group.privateToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(written[0]!.members.map((m) => [m.user, m.role, m.via])).toEqual([
      [admin, 'admin', { how: 'created' }],
      [{ _id: 'B', username: 'bob' }, 'member', { how: 'created' }],
    ]);
  });

  test('a url taken: a conflict naming it; contention: unavailable, try again', async () => {
    await expect(createGroup({ name: 'x', url: 'taken', admin }, memoryGroups('url-taken').store)).rejects.toMatchObject({
      kind: 'conflict',
      message: 'The url "taken" is already taken',
    });
    await expect(createGroup({ name: 'x', admin }, memoryGroups('contention').store)).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
