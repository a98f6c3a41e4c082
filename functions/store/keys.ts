/**
 * Every key of the single table, built by its entity's module (functions/store/entities/, one
 * module per entity with its keys and codecs) and gathered here.
 * See docs/access-patterns.md for the entities, their keys and the access patterns they serve.
 */
import { bertyGroupKeys } from '../dialects/berty/store/entities/berty-group';
import { emailKeys } from './entities/email';
import { groupKeys } from '../dialects/quranreflect/store/entities/group';
import { invitationKeys } from '../dialects/quranreflect/store/entities/invitation';
import { inviteLinkKeys } from '../dialects/rocketchat/store/entities/invite-link';
import { operationalKeys } from './entities/operational';
import { roomKeys } from '../dialects/rocketchat/store/entities/rocketchat-room';
import { accessKeys } from './entities/token';
import { userKeys } from './entities/user';

export const keys = {
  ...userKeys,
  ...accessKeys,
  ...roomKeys,
  ...inviteLinkKeys,
  ...groupKeys,
  ...invitationKeys,
  ...bertyGroupKeys,
  ...operationalKeys,
  ...emailKeys,
} as const;
