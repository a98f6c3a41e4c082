import { quranReflect, roomsReply } from '../../../dialects/quranreflect';
import { inviteToRoom } from '../../../domain/quranreflect/room-invites';
import { apiHandler } from '../../../chain/api-handler';
import { roomsInviteRoute } from '../../../routes/quranreflect';

/** POST /v1/rooms/{id}/invite `{userIds?, emails?}` → `{"invited", "inviteStatus"}`. */
export const handler = apiHandler(roomsInviteRoute).handler(async (_event, context) => {
  const { path, body } = context.input;
  return roomsReply(await inviteToRoom(context.caller, path.id, { userIds: body.userIds ?? [], emails: body.emails ?? [] }));
});
