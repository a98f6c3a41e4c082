/** QuranReflect's keys (groups, invitations) with the core's: the keys its store builds. */
import { keys as coreKeys } from '../../../store/keys';
import { groupKeys } from './entities/group';
import { invitationKeys } from './entities/invitation';

export const keys = { ...coreKeys, ...groupKeys, ...invitationKeys } as const;
