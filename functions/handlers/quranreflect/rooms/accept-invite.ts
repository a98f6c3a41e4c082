import { quranReflect, roomsReply } from '../../../dialects/quranreflect';
import { acceptInvite } from '../../../domain/quranreflect/room-invites';
import { apiHandler } from '../../../chain/api-handler';
import { inviteTokenInput } from '../rooms.schema';

/** GET /v1/rooms/{id}/accept-invite?token= → `{"accepted": true}`. */
export const handler = apiHandler({ routeId: 'quranreflect-rooms-accept-invite', dialect: quranReflect, input: inviteTokenInput }).handler(
  async (_event, context) => roomsReply(await acceptInvite(context.caller, context.input.path.id, context.input.query.token)),
);
