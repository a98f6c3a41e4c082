import { rocketChat } from '../../dialect';
import { banUser } from '../../domain/room-bans';
import { apiHandler } from '../../../../chain/api-handler';
import { banUserRoute } from '../../routes';

/** POST /api/v1/rooms.banUser `{roomId, userId | username}` → `{"success": true}`. */
export const handler = apiHandler(banUserRoute).handler(async (_event, context) =>
  rocketChat.success(await banUser(context.caller, context.input.body)),
);
