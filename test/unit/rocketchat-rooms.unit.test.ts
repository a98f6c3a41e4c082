/** Rocket.Chat rooms (rooms.ts) against an in-memory store: creation with its first members and their roles, additions with their messages. */
import { describe, expect, test } from 'vitest';
import { addUsersToRoom, createRoom } from '../../functions/dialects/rocketchat/domain/rooms';
import type { Room, RoomMember } from '../../functions/model';
import type { RoomAddition } from '../../functions/dialects/rocketchat/store/rocketchat-rooms';

const owner = { _id: 'O', username: 'owner' };
const bob = { _id: 'B', username: 'bob' };
const carol = { _id: 'C', username: 'carol' };

describe('createRoom', () => {
  test('the owner holds owner, moderators moderator, members none; all created with the room; counts as created', async () => {
    const written: { room: Room; members: RoomMember[] }[] = [];
    const room = await createRoom(
      { name: 'general', type: 'c', owner, members: [bob, owner], moderators: [carol] },
      {
        insertRoom: async (r, members) => {
          written.push({ room: r, members });
          return 'created';
        },
      },
    );
    expect(room).toMatchObject({ name: 'general', fname: 'general', t: 'c', usersCount: 3, msgs: 0, u: owner });
    expect(written[0]!.members.map((m) => [m.u._id, m.roles, m.via]).sort()).toEqual([
      ['B', [], { how: 'created' }],
      ['C', ['moderator'], { how: 'created' }],
      ['O', ['owner'], { how: 'created' }],
    ]);
  });

  test('a taken name is a conflict; contention: unavailable', async () => {
    await expect(createRoom({ name: 'general', type: 'c', owner }, { insertRoom: async () => 'name-taken' })).rejects.toMatchObject({
      kind: 'conflict',
    });
    await expect(createRoom({ name: 'general', type: 'c', owner }, { insertRoom: async () => 'contention' })).rejects.toMatchObject({
      kind: 'unavailable',
    });
  });
});

describe('addUsersToRoom', () => {
  test('each user a plain membership (invited, by the inviter) and an "au" message naming them, posted by the inviter', async () => {
    const additions: RoomAddition[] = [];
    const result = await addUsersToRoom('R1', owner, [bob, carol], {
      addRoomMembers: async (_roomId, batch) => {
        additions.push(...batch);
        return { added: batch.map((a) => a.member.u._id) };
      },
    });
    expect(result).toEqual({ added: ['B', 'C'] });
    expect(additions.map(({ member, message }) => [member.u._id, member.roles, member.via, message.t, message.msg, message.u])).toEqual([
      ['B', [], { how: 'invited', by: owner }, 'au', 'bob', owner],
      ['C', [], { how: 'invited', by: owner }, 'au', 'carol', owner],
    ]);
  });
});
