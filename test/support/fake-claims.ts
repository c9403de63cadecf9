/**
 * A behavioural fake of the API's DynamoDB calls on aws-sdk-client-mock: the coordination table's conditional PutItem
 * (`attribute_not_exists(pk)`, the start claims) and GetItem of any item (a change lease, a provisioning record),
 * all items in one map by key.
 */
import { ConditionalCheckFailedException, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { GetItemCommandInput, PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';

export interface FakeClaims {
  mock: AwsClientStub<DynamoDBClient>;
  items: Map<string, Record<string, unknown>>;
  restore(): void;
}

export const fakeClaims = (): FakeClaims => {
  const mock = mockClient(DynamoDBClient);
  const items = new Map<string, Record<string, unknown>>();
  mock.on(PutItemCommand).callsFake((req: PutItemCommandInput) => {
    const pk = req.Item?.['pk']?.S ?? '';
    if (req.ConditionExpression !== 'attribute_not_exists(pk)') throw new Error(`unexpected condition ${req.ConditionExpression}`);
    if (items.has(pk)) throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    items.set(pk, req.Item ?? {});
    return {};
  });
  mock.on(GetItemCommand).callsFake((req: GetItemCommandInput) => {
    const item = items.get(req.Key?.['pk']?.S ?? '');
    return item ? { Item: item } : {};
  });
  return { mock, items, restore: () => mock.restore() };
};
