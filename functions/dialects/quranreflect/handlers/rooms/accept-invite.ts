import { quranReflect, roomsReply } from '../../dialect';
import { acceptInvite } from '../../domain/room-invites';
import { apiHandler } from '../../../../chain/api-handler';
import { roomsAcceptInviteRoute } from '../../routes';

/** GET /v1/rooms/{id}/accept-invite?token= → `{"accepted": true}`. */
export const handler = apiHandler(roomsAcceptInviteRoute).handler(async (_event, context) =>
  roomsReply(await acceptInvite(context.caller, context.input.path.id, context.input.query.token)),
);
