/** Berty's keys (multi-member groups) with the core's: the keys its store builds. */
import { keys as coreKeys } from '../../../store/keys';
import { bertyGroupKeys } from './entities/berty-group';

export const keys = { ...coreKeys, ...bertyGroupKeys } as const;
