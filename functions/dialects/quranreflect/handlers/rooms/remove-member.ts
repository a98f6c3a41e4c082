import { quranReflect, roomsReply } from '../../dialect';
import { removeRoomMember } from '../../domain/rooms';
import { apiHandler } from '../../../../chain/api-handler';
import { roomsRemoveMemberRoute } from '../../routes';

/** DELETE /v1/rooms/{id}/members/{userId} → `{"success": true}`. */
export const handler = apiHandler(roomsRemoveMemberRoute).handler(async (_event, context) =>
  roomsReply(await removeRoomMember(context.caller, context.input.path.id, context.input.path.userId)),
);
