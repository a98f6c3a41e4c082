import { quranReflect, roomsReply } from '../../../dialects/quranreflect';
import { acceptByPrivateToken } from '../../../domain/quranreflect/rooms';
import { apiHandler } from '../../../chain/api-handler';
import { privateLinkInput } from '../rooms.schema';

/** GET /v1/rooms/group/{url}/accept/{token} → `{"roomId", "success": true, "isNewMember"}`. */
export const handler = apiHandler({
  routeId: 'quranreflect-rooms-accept-private-link',
  dialect: quranReflect,
  input: privateLinkInput,
}).handler(async (_event, context) =>
  roomsReply(await acceptByPrivateToken(context.caller, context.input.path.url, context.input.path.token)),
);
