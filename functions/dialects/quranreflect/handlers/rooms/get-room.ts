import { quranReflect, roomsReply } from '../../dialect';
import { getRoom } from '../../domain/rooms';
import { apiHandler } from '../../../../chain/api-handler';
import { roomsGetRoute } from '../../routes';

/** GET /v1/rooms/{id} → RoomProfileResponseDto. */
export const handler = apiHandler(roomsGetRoute).handler(async (_event, context) =>
  roomsReply(await getRoom(context.caller, context.input.path.id)),
);
