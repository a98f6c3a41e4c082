import { quranReflect, roomsReply } from '../../dialect';
import { joinRoom } from '../../domain/rooms';
import { apiHandler } from '../../../../chain/api-handler';
import { roomsJoinRoute } from '../../routes';

/** POST /v1/rooms/{groupId}/join → `{"joined": bool}` (public groups). */
export const handler = apiHandler(roomsJoinRoute).handler(async (_event, context) =>
  roomsReply(await joinRoom(context.caller, context.input.path.groupId)),
);
