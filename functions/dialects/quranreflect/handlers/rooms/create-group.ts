import { quranReflect, roomsReply } from '../../dialect';
import { createRoomGroup } from '../../domain/rooms';
import { apiHandler } from '../../../../chain/api-handler';
import { roomsCreateGroupRoute } from '../../routes';

/** POST /v1/rooms/groups → 201 `{"success": true, "data": RoomListItemDto}`. */
export const handler = apiHandler(roomsCreateGroupRoute).handler(async (_event, context) =>
  roomsReply({ success: true, data: await createRoomGroup(context.caller, context.input.body) }, 201),
);
