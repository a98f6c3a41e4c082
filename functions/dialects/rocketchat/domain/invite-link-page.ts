/**
 * What the page at `<site>/invite/<id>` (the link Rocket.Chat clients share) shows: the link as
 * `validateInviteToken` sees it — live, expired, used up or unknown — with its room, its maker,
 * its expiry and the uses left, and where the button goes (Rocket.Chat's deep link, or the site).
 */
import { ServiceError } from '../../../errors';
import type { Room, RoomInvite } from '../../../model';
import { getInviteLinkByToken } from '../store/invite-links';
import { getRoom } from '../store/rocketchat-rooms';
import { getUser } from '../../../store/users';
import { validLink } from './invite-links';

export interface InviteLinkPageStore {
  getInviteLinkByToken(token: string): Promise<RoomInvite | undefined>;
  getRoom(id: string): Promise<Room | undefined>;
  usernameOf(userId: string): Promise<string | undefined>;
}

const dynamoStore: InviteLinkPageStore = { getInviteLinkByToken, getRoom, usernameOf: async (id) => (await getUser(id))?.username };

export type InviteLinkPage =
  | {
      state: 'live';
      roomName: string;
      roomType: string;
      createdBy: string;
      expires: string | null;
      usesLeft: number | null;
      openUrl: string;
    }
  | { state: 'expired' | 'unknown' };

/** Rocket.Chat's deep link for the link (the app, or the web client, opens it), as the share dialog builds it. */
export function deepLink(id: string, env: NodeJS.ProcessEnv = process.env): string {
  const site = (env.RC_SITE_URL || env.PUBLIC_BASE_URL || '').replace(/\/+$/, '');
  const deepLinkHost = (env.RC_DEEP_LINK_URL || 'https://go.rocket.chat').replace(/\/+$/, '');
  return `${deepLinkHost}/invite?host=${encodeURIComponent(site.replace(/^https?:\/\//, ''))}&path=${encodeURIComponent(`invite/${id}`)}${site.startsWith('http://') ? '&secure=no' : ''}`;
}

/** The page of the link whose token is `id` (the path of the URL a link shares). */
export async function inviteLinkPage(id: string, store: InviteLinkPageStore = dynamoStore): Promise<InviteLinkPage> {
  try {
    const { invite, room } = await validLink(id, store);
    return {
      state: 'live',
      roomName: room.fname || room.name,
      roomType: room.t === 'p' ? 'private group' : 'channel',
      createdBy: (await store.usernameOf(invite.userId)) ?? 'someone',
      expires: invite.expires,
      usesLeft: invite.maxUses === 0 ? null : invite.maxUses - invite.uses,
      openUrl: deepLink(id),
    };
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'error-invite-expired') return { state: 'expired' };
    if (error instanceof ServiceError && error.kind === 'invalid_request') return { state: 'unknown' };
    throw error;
  }
}
