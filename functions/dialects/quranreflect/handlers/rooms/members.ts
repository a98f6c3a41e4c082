import { quranReflect, roomsReply } from '../../dialect';
import { listRoomMembers } from '../../domain/rooms';
import { apiHandler } from '../../../../chain/api-handler';
import { roomsMembersRoute } from '../../routes';

/** GET /v1/rooms/{id}/members?limit=&page= → `{"total", "currentPage", "limit", "pages", "data"}`. */
export const handler = apiHandler(roomsMembersRoute).handler(async (_event, context) =>
  roomsReply(await listRoomMembers(context.caller, context.input.path.id, context.input.query)),
);
