/**
 * One codec per entity (from a stored item to the model, and back with its keys), defined with
 * the entity's keys in functions/store/entities/ and gathered here. Nothing else in the store
 * turns items into models.
 */
export type { Codec } from './entities/codec';
export { bertyGroupCodec, bertyGroupMemberCodec } from '../dialects/berty/store/entities/berty-group';
export { groupCodec, groupMemberCodec, groupUrlCodec } from '../dialects/quranreflect/store/entities/group';
export {
  invitationCodec,
  invitationIndexKey,
  invitationKey,
  type StoredInvitation,
} from '../dialects/quranreflect/store/entities/invitation';
export { roomInviteCodec } from '../dialects/rocketchat/store/entities/invite-link';
export {
  decodeRoomCounter,
  roomCodec,
  roomMemberCodec,
  roomMessageCodec,
  roomNameCodec,
} from '../dialects/rocketchat/store/entities/rocketchat-room';
export { permissionCodec, tokenCodec, type TokenRecord } from './entities/token';
export { userCodec, userGuardCodec } from './entities/user';
