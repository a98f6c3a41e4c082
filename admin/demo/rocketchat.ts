/** Rocket.Chat demo data: the public channel #general (owner admin, member alice). */
import { createRoom } from '../../functions/domain/rocketchat/rooms';
import { findRoomIdByName, getRoom } from '../../functions/store/rooms';
import type { DemoUsers } from './demo-data';

export async function seed({ admin, alice }: DemoUsers) {
  const channelId = await findRoomIdByName('general');
  const channel = channelId ? (await getRoom(channelId))! : await createRoom({ name: 'general', type: 'c', owner: admin, members: [alice] });
  return {
    placeholders: { channelId: channel._id, channelName: channel.name },
    summary: [`Demo channel: #${channel.name} _id=${channel._id} (owner admin, member alice)`],
  };
}
