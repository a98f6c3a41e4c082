import type { Room } from '../../../model';

/** The room as Rocket.Chat's API returns it; storage and internal fields never leave. */
export type ChannelView = Pick<
  Room,
  '_id' | 't' | 'name' | 'fname' | 'msgs' | 'usersCount' | 'u' | 'ts' | 'ro' | 'sysMes' | 'default' | '_updatedAt' | 'lm'
>;

export function toChannelView(room: Room): ChannelView {
  return {
    _id: room._id,
    t: room.t,
    name: room.name,
    fname: room.fname,
    msgs: room.msgs,
    usersCount: room.usersCount,
    u: { _id: room.u._id, username: room.u.username },
    ts: room.ts,
    ro: room.ro,
    sysMes: room.sysMes,
    default: room.default,
    _updatedAt: room._updatedAt,
    ...(room.lm ? { lm: room.lm } : {}),
  };
}
