/** Rocket.Chat's codecs with the core's: the only code of the dialect that turns items into models. */
export * from '../../../store/items';
export { roomInviteCodec } from './entities/invite-link';
export { decodeRoomCounter, roomCodec, roomMemberCodec, roomMessageCodec, roomNameCodec } from './entities/rocketchat-room';
