import { quranReflect, roomsReply } from '../../dialect';
import { leaveRoom } from '../../domain/rooms';
import { apiHandler } from '../../../../chain/api-handler';
import { roomsLeaveRoute } from '../../routes';

/** POST /v1/rooms/{groupId}/leave → `{"left": bool}` (not the owner). */
export const handler = apiHandler(roomsLeaveRoute).handler(async (_event, context) =>
  roomsReply(await leaveRoom(context.caller, context.input.path.groupId)),
);
