import { quranReflect, roomsReply } from '../../../dialects/quranreflect';
import { joinRoom } from '../../../domain/quranreflect/rooms';
import { apiHandler } from '../../../chain/api-handler';
import { roomsJoinRoute } from '../../../routes/quranreflect';

/** POST /v1/rooms/{groupId}/join → `{"joined": bool}` (public groups). */
export const handler = apiHandler(roomsJoinRoute).handler(async (_event, context) =>
  roomsReply(await joinRoom(context.caller, context.input.path.groupId)),
);
