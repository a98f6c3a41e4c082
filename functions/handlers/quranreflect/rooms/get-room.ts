import { quranReflect, roomsReply } from '../../../dialects/quranreflect';
import { getRoom } from '../../../domain/quranreflect/rooms';
import { apiHandler } from '../../../chain/api-handler';
import { roomsGetRoute } from '../../../routes/quranreflect';

/** GET /v1/rooms/{id} → RoomProfileResponseDto. */
export const handler = apiHandler(roomsGetRoute).handler(async (_event, context) =>
  roomsReply(await getRoom(context.caller, context.input.path.id)),
);
