import { quranReflect, roomsReply } from '../../dialect';
import { setAdminAccess } from '../../domain/rooms';
import { apiHandler } from '../../../../chain/api-handler';
import { roomsAdminsAccessRoute } from '../../routes';

/** POST /v1/rooms/admins-access `{roomId, userId, admin}` → `{"success": true}`. */
export const handler = apiHandler(roomsAdminsAccessRoute).handler(async (_event, context) => {
  const { roomId, userId, admin } = context.input.body;
  return roomsReply(await setAdminAccess(context.caller, { roomId: String(roomId), userId, admin }));
});
