import { rocketChat } from '../../dialect';
import { unbanUser } from '../../domain/room-bans';
import { apiHandler } from '../../../../chain/api-handler';
import { unbanUserRoute } from '../../routes';

/** POST /api/v1/rooms.unbanUser `{roomId, userId | username}` → `{"success": true}`. */
export const handler = apiHandler(unbanUserRoute).handler(async (_event, context) =>
  rocketChat.success(await unbanUser(context.caller, context.input.body)),
);
