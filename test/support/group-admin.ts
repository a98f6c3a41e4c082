/** Makes a user an admin member of a QuranReflect group (no admin command exists for it yet). */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../functions/store/client';
import { keys } from './table-keys';

export async function addGroupAdmin(groupId: string, user: { _id: string; username: string }) {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.groupMember(groupId, user._id),
        groupId,
        user: { _id: user._id, username: user.username },
        role: 'admin',
        joinedAt: new Date().toISOString(),
      },
    }),
  );
}
