import { quranReflect, roomsReply } from '../../../dialects/quranreflect';
import { leaveRoom } from '../../../domain/quranreflect/rooms';
import { apiHandler } from '../../../chain/api-handler';
import { roomsLeaveRoute } from '../../../routes/quranreflect';

/** POST /v1/rooms/{groupId}/leave → `{"left": bool}` (not the owner). */
export const handler = apiHandler(roomsLeaveRoute).handler(async (_event, context) =>
  roomsReply(await leaveRoom(context.caller, context.input.path.groupId)),
);
