/** Berty's codecs with the core's: the only code of the dialect that turns items into models. */
export * from '../../../store/items';
export { bertyGroupCodec, bertyGroupMemberCodec } from './entities/berty-group';
