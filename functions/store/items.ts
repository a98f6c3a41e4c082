/**
 * The core's codecs (from a stored item to the model, and back with its keys), defined with the
 * entity's keys in functions/store/entities/ and gathered here; a dialect's are in its folder
 * (functions/dialects/<name>/store/items.ts). Nothing else turns items into models.
 */
export type { Codec } from './entities/codec';
export { permissionCodec, tokenCodec, type TokenRecord } from './entities/token';
export { userCodec, userGuardCodec } from './entities/user';
