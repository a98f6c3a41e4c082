import { quranReflect, roomsReply } from '../../dialect';
import { rejectInvite } from '../../domain/room-invites';
import { apiHandler } from '../../../../chain/api-handler';
import { roomsRejectInviteRoute } from '../../routes';

/** GET /v1/rooms/{id}/reject-invite?token= → `{"rejected": true}`. */
export const handler = apiHandler(roomsRejectInviteRoute).handler(async (_event, context) =>
  roomsReply(await rejectInvite(context.caller, context.input.path.id, context.input.query.token)),
);
