import { quranReflect, roomsReply } from '../../../dialects/quranreflect';
import { inviteToRoom } from '../../../domain/quranreflect/room-invites';
import { apiHandler } from '../../../chain/api-handler';
import { inviteInput } from '../rooms.schema';

/** POST /v1/rooms/{id}/invite `{userIds?, emails?}` → `{"invited", "inviteStatus"}`. */
export const handler = apiHandler({ routeId: 'quranreflect-rooms-invite', dialect: quranReflect, input: inviteInput }).handler(
  async (_event, context) => {
    const { path, body } = context.input;
    return roomsReply(await inviteToRoom(context.caller, path.id, { userIds: body.userIds ?? [], emails: body.emails ?? [] }));
  },
);
