/** Rocket.Chat invite links as the code before the token split stored them (tests of the read fallback and the migration). */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomId } from '../../functions/lib/ids';
import { documentClient, tableName } from '../../functions/store/client';
import { keys } from './table-keys';

/** A link and its reuse slot exactly as the code before the split wrote them (git 34fd17a, store/invite-links.ts). */
export async function putPreSplitLink(
  room: { _id: string; name: string; fname: string },
  maker: string,
  fields: { days: number; maxUses: number; expires: string | null },
) {
  const _id = randomId(23);
  const now = new Date().toISOString();
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: 'INVITELINKS',
        sk: `INVITE#${_id}`,
        _id,
        ...fields,
        rid: room._id,
        userId: maker,
        createdAt: now,
        url: '',
        uses: 0,
        _updatedAt: now,
        room: { t: 'c', name: room.name, fname: room.fname },
      },
    }),
  );
  await documentClient.send(
    new PutCommand({ TableName: tableName, Item: { ...keys.inviteLinkSlot(room._id, maker, fields.days, fields.maxUses), inviteId: _id } }),
  );
  return _id;
}
