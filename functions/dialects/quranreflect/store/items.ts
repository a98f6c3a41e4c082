/** QuranReflect's codecs with the core's: the only code of the dialect that turns items into models. */
export * from '../../../store/items';
export { groupCodec, groupMemberCodec, groupUrlCodec } from './entities/group';
export { invitationCodec, invitationIndexKey, invitationKey, type StoredInvitation } from './entities/invitation';
