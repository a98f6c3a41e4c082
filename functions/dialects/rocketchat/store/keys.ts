/** Rocket.Chat's keys (rooms, invite links) with the core's: the keys its store builds. */
import { keys as coreKeys } from '../../../store/keys';
import { inviteLinkKeys } from './entities/invite-link';
import { roomKeys } from './entities/rocketchat-room';

export const keys = { ...coreKeys, ...roomKeys, ...inviteLinkKeys } as const;
