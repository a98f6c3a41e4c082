import { quranReflect, roomsReply } from '../../../dialects/quranreflect';
import { leaveRoom } from '../../../domain/quranreflect/rooms';
import { apiHandler } from '../../../chain/api-handler';
import { groupPath } from '../rooms.schema';

/** POST /v1/rooms/{groupId}/leave → `{"left": bool}` (not the owner). */
export const handler = apiHandler({ routeId: 'quranreflect-rooms-leave', dialect: quranReflect, input: groupPath }).handler(
  async (_event, context) => roomsReply(await leaveRoom(context.caller, context.input.path.groupId)),
);
