import { quranReflect, roomsReply } from '../../../dialects/quranreflect';
import { acceptByPrivateToken } from '../../../domain/quranreflect/rooms';
import { apiHandler } from '../../../chain/api-handler';
import { roomsAcceptPrivateLinkRoute } from '../../../routes/quranreflect';

/** GET /v1/rooms/group/{url}/accept/{token} → `{"roomId", "success": true, "isNewMember"}`. */
export const handler = apiHandler(roomsAcceptPrivateLinkRoute).handler(async (_event, context) =>
  roomsReply(await acceptByPrivateToken(context.caller, context.input.path.url, context.input.path.token)),
);
