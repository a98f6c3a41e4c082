/**
 * Rocket.Chat demo data: the public channel #general and the private group demo-private (owner
 * admin, member alice), admin's invite link to #general (7 days, 5 uses; reused while live) and a
 * spare link (1 day, 1 use) for the removeInvite example to remove.
 */
import { findOrCreateInvite } from './domain/invite-links';
import { createRoom } from './domain/rooms';
import type { Room, RoomType } from '../../model';
import { findRoomIdByName, getRoom } from './store/rocketchat-rooms';
import type { DemoUsers } from '../../../demo/demo-data';

async function ensureRoom(name: string, type: RoomType, { admin, alice }: DemoUsers): Promise<Room> {
  const id = await findRoomIdByName(name);
  return id ? (await getRoom(id))! : createRoom({ name, type, owner: admin, members: [alice] });
}

export async function seed(users: DemoUsers) {
  const channel = await ensureRoom('general', 'c', users);
  const group = await ensureRoom('demo-private', 'p', users);
  const link = await findOrCreateInvite(users.admin, { rid: channel._id, days: 7, maxUses: 5 });
  const spare = await findOrCreateInvite(users.admin, { rid: channel._id, days: 1, maxUses: 1 });
  return {
    placeholders: {
      channelId: channel._id,
      channelName: channel.name,
      privateGroupId: group._id,
      inviteLinkId: link._id,
      // What useInviteToken and the link's page take (the `_id` itself with RC_INVITE_TOKENS=id).
      inviteLinkToken: 'inviteToken' in link ? link.inviteToken : link._id,
      spareInviteLinkId: spare._id,
    },
    summary: [
      `Demo channel: #${channel.name} _id=${channel._id} (owner admin, member alice)`,
      `Demo private group: ${group.name} _id=${group._id} (owner admin, member alice)`,
      `Demo invite link to #${channel.name}: ${link.url} (${link.uses}/${link.maxUses} uses)`,
    ],
  };
}
