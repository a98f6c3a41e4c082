/**
 * The grants check that ends every test run (test/support/global-setup.ts): recorded DynamoDB
 * calls against the IAM policies of the synthesized template. Here with calls written by hand, on
 * the real stack, and on one whose route table lost or gained an action.
 */
import { describe, expect, test } from 'vitest';
import { findRoute } from '../../functions/routes';
import type { DynamoDbAction } from '../../functions/routes/route';
import type { RecordedAwsCall } from '../../local/grants/call-recorder';
import { checkGrants } from '../../local/grants/check-grants';
import { iamChecksOf } from '../../local/grants/iam-actions';
import { synthesizedResources } from '../support/grants-check';

const TABLE = 'invites-test';
const call = (fn: string, action: string, index?: string): RecordedAwsCall => ({
  function: fn,
  action: `dynamodb:${action}`,
  table: TABLE,
  ...(index ? { index } : {}),
});

/** The stack synthesized with one route row's table actions changed for the duration. */
function withTableAccess(routeId: string, change: (actions: readonly DynamoDbAction[]) => DynamoDbAction[]) {
  const row = findRoute(routeId) as { tableAccess: readonly DynamoDbAction[] };
  const saved = row.tableAccess;
  row.tableAccess = change(saved);
  try {
    return synthesizedResources();
  } finally {
    row.tableAccess = saved;
  }
}

describe('the IAM actions of a call', () => {
  test("a transaction needs each part's own action; a batch its batch action; an index query the index", () => {
    const transaction = {
      TransactItems: [
        { Put: { TableName: 't' } },
        { Update: { TableName: 't' } },
        { Delete: { TableName: 't' } },
        { ConditionCheck: { TableName: 't' } },
      ],
    };
    expect(iamChecksOf('TransactWriteItemsCommand', transaction).map((c) => c.action)).toEqual([
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:ConditionCheckItem',
    ]);
    expect(iamChecksOf('BatchGetItemCommand', { RequestItems: { t: {}, u: {} } })).toEqual([
      { action: 'dynamodb:BatchGetItem', table: 't' },
      { action: 'dynamodb:BatchGetItem', table: 'u' },
    ]);
    expect(iamChecksOf('QueryCommand', { TableName: 't', IndexName: 'gsi1' })).toEqual([
      { action: 'dynamodb:Query', table: 't', index: 'gsi1' },
    ]);
  });
});

describe('recorded calls against the template', () => {
  const resources = synthesizedResources();

  test("the route table's grants allow what the routes do, on the table and its indexes", () => {
    const report = checkGrants(
      resources,
      [
        call('RocketchatChannelsInvite', 'PutItem'),
        call('RocketchatChannelsInvite', 'Query', 'gsi1'),
        call('QuranreflectRoomsInvite', 'ConditionCheckItem'),
        call('BertyMultiMemberGroupLeave', 'DeleteItem'),
        call('Notifier/Function', 'PutItem'),
      ],
      TABLE,
    );
    expect(report.denied).toEqual([]);
  });

  test('an action no policy allows is denied, naming the function and the action; so is another table, or a function with no policy', () => {
    const report = checkGrants(
      resources,
      [
        call('RocketchatListInvites', 'PutItem'),
        { ...call('RocketchatChannelsInvite', 'GetItem'), table: 'other-table' },
        call('StreamConsumer/Function', 'GetItem'),
      ],
      TABLE,
    );
    expect(report.denied).toEqual([
      { function: 'RocketchatListInvites', action: 'dynamodb:PutItem', resource: TABLE },
      { function: 'RocketchatChannelsInvite', action: 'dynamodb:GetItem', resource: 'other-table' },
      // The stream consumer has no access to the table's items (it reads the stream).
      { function: 'StreamConsumer/Function', action: 'dynamodb:GetItem', resource: TABLE },
    ]);
  });

  test('an action taken out of a route row is denied at the next run', () => {
    const without = withTableAccess('rocketchat-channels-invite', (actions) => actions.filter((action) => action !== 'PutItem'));
    expect(checkGrants(without, [call('RocketchatChannelsInvite', 'PutItem')], TABLE).denied).toEqual([
      { function: 'RocketchatChannelsInvite', action: 'dynamodb:PutItem', resource: TABLE },
    ]);
  });

  test('an action added to a route row and never used is reported', () => {
    const withExtra = withTableAccess('rocketchat-list-invites', (actions) => [...actions, 'BatchWriteItem']);
    const used = (['GetItem', 'BatchGetItem', 'UpdateItem', 'Query'] as const).map((action) => call('RocketchatListInvites', action));
    expect(checkGrants(withExtra, used, TABLE).unused).toEqual([
      { function: 'RocketchatListInvites', actions: ['dynamodb:BatchWriteItem'] },
    ]);
    expect(checkGrants(resources, used, TABLE).unused).toEqual([]);
  });
});
