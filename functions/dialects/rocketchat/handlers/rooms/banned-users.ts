import { rocketChat } from '../../dialect';
import { bannedUsers } from '../../domain/room-bans';
import { apiHandler } from '../../../../chain/api-handler';
import { bannedUsersRoute } from '../../routes';

/** GET /api/v1/rooms.bannedUsers?roomId=… → `{bannedUsers, count, offset, total, success}`. */
export const handler = apiHandler(bannedUsersRoute).handler(async (_event, context) =>
  rocketChat.success(await bannedUsers(context.caller, context.input.query)),
);
