import { quranReflect, roomsReply } from '../../../dialects/quranreflect';
import { createRoomGroup } from '../../../domain/quranreflect/rooms';
import { apiHandler } from '../../../chain/api-handler';
import { roomsCreateGroupRoute } from '../../../routes/quranreflect';

/** POST /v1/rooms/groups → 201 `{"success": true, "data": RoomListItemDto}`. */
export const handler = apiHandler(roomsCreateGroupRoute).handler(async (_event, context) =>
  roomsReply({ success: true, data: await createRoomGroup(context.caller, context.input.body) }, 201),
);
