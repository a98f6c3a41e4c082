/**
 * The IAM actions a DynamoDB call needs, on which table or index, as IAM evaluates them: a
 * transaction needs each of its parts' own actions (Put → PutItem, Update → UpdateItem, Delete →
 * DeleteItem, ConditionCheck → ConditionCheckItem, Get → GetItem; "Using IAM with DynamoDB
 * transactions" in the DynamoDB developer guide), a batch its batch action on every table it names,
 * a query or scan of an index that index.
 */
export interface IamCheck {
  /** e.g. `dynamodb:PutItem`. */
  action: string;
  table: string;
  index?: string;
}

type Input = Record<string, any>;

const TRANSACT_WRITE_PARTS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
};

export function iamChecksOf(command: string, input: Input): IamCheck[] {
  const action = command.replace(/Command$/, '');
  switch (action) {
    case 'TransactWriteItems':
      return (input.TransactItems as Input[]).flatMap((item) =>
        Object.entries(TRANSACT_WRITE_PARTS).flatMap(([part, partAction]) =>
          item[part] ? [{ action: `dynamodb:${partAction}`, table: String(item[part].TableName) }] : [],
        ),
      );
    case 'TransactGetItems':
      return (input.TransactItems as Input[]).map((item) => ({ action: 'dynamodb:GetItem', table: String(item.Get.TableName) }));
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys(input.RequestItems ?? {}).map((table) => ({ action: `dynamodb:${action}`, table }));
    default:
      return [
        { action: `dynamodb:${action}`, table: String(input.TableName), ...(input.IndexName ? { index: String(input.IndexName) } : {}) },
      ];
  }
}
