import { quranReflect, roomsReply } from '../../dialect';
import { inviteToRoom } from '../../domain/room-invites';
import { apiHandler } from '../../../../chain/api-handler';
import { roomsInviteRoute } from '../../routes';

/** POST /v1/rooms/{id}/invite `{userIds?, emails?}` → `{"invited", "inviteStatus"}`. */
export const handler = apiHandler(roomsInviteRoute).handler(async (_event, context) => {
  const { path, body } = context.input;
  return roomsReply(await inviteToRoom(context.caller, path.id, { userIds: body.userIds ?? [], emails: body.emails ?? [] }));
});
