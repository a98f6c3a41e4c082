/** Every key of the table: the core's and each shipped dialect's (tests read and write items directly). */
import { keys as bertyKeys } from '../../functions/dialects/berty/store/keys';
import { keys as quranReflectKeys } from '../../functions/dialects/quranreflect/store/keys';
import { keys as rocketChatKeys } from '../../functions/dialects/rocketchat/store/keys';

export const keys = { ...rocketChatKeys, ...quranReflectKeys, ...bertyKeys } as const;
