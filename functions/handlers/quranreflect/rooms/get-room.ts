import { quranReflect, roomsReply } from '../../../dialects/quranreflect';
import { getRoom } from '../../../domain/quranreflect/rooms';
import { apiHandler } from '../../../chain/api-handler';
import { roomPath } from '../rooms.schema';

/** GET /v1/rooms/{id} → RoomProfileResponseDto. */
export const handler = apiHandler({ routeId: 'quranreflect-rooms-get', dialect: quranReflect, input: roomPath }).handler(
  async (_event, context) => roomsReply(await getRoom(context.caller, context.input.path.id)),
);
