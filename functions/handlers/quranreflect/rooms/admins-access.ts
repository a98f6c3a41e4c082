import { quranReflect, roomsReply } from '../../../dialects/quranreflect';
import { setAdminAccess } from '../../../domain/quranreflect/rooms';
import { apiHandler } from '../../../chain/api-handler';
import { roomsAdminsAccessRoute } from '../../../routes/quranreflect';

/** POST /v1/rooms/admins-access `{roomId, userId, admin}` → `{"success": true}`. */
export const handler = apiHandler(roomsAdminsAccessRoute).handler(async (_event, context) => {
  const { roomId, userId, admin } = context.input.body;
  return roomsReply(await setAdminAccess(context.caller, { roomId: String(roomId), userId, admin }));
});
