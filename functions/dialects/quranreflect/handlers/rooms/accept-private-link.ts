import { quranReflect, roomsReply } from '../../dialect';
import { acceptByPrivateToken } from '../../domain/rooms';
import { apiHandler } from '../../../../chain/api-handler';
import { roomsAcceptPrivateLinkRoute } from '../../routes';

/** GET /v1/rooms/group/{url}/accept/{token} → `{"roomId", "success": true, "isNewMember"}`. */
export const handler = apiHandler(roomsAcceptPrivateLinkRoute).handler(async (_event, context) =>
  roomsReply(await acceptByPrivateToken(context.caller, context.input.path.url, context.input.path.token)),
);
