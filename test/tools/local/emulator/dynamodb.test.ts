import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Emulator } from '../../../../tools/local/emulator/index.ts';
import { parseCondition } from '../../../../tools/local/emulator/dynamodb/index.ts';
import { errorOf, start } from './helpers.ts';

const LOCK = 'attribute_not_exists(pk) OR expiresAt < :now OR #owner = :me';
const TABLE = 'any-name-works';

describe('DynamoDB (the creation lease table): PutItem with a ConditionExpression', () => {
  let emu: Emulator;
  let ddb: DynamoDBClient;
  before(async () => {
    emu = await start();
    ddb = new DynamoDBClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, maxAttempts: 1 });
  });
  after(() => emu.stop());

  const acquire = (pk: string, owner: string, now: number, table = TABLE) =>
    ddb.send(new PutItemCommand({
      TableName: table,
      Item: { pk: { S: pk }, owner: { S: owner }, expiresAt: { N: String(now + 900) } },
      ConditionExpression: LOCK,
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':now': { N: String(now) }, ':me': { S: owner } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }));

  test('free -> acquired; held by another -> ConditionalCheckFailedException (400, the holder in Item); same owner -> re-acquired; lapsed -> taken over', async () => {
    // Act + Assess
    await acquire('dir#vpc-1#a', 'exec-A', 1000);
    const held = await errorOf(acquire('dir#vpc-1#a', 'exec-B', 1100));
    assert.equal(held.name, 'ConditionalCheckFailedException');
    assert.equal(held.$metadata?.httpStatusCode, 400);
    assert.equal(held.message, 'The conditional request failed');
    assert.deepEqual(held['Item'], { pk: { S: 'dir#vpc-1#a' }, owner: { S: 'exec-A' }, expiresAt: { N: '1900' } });
    await acquire('dir#vpc-1#a', 'exec-A', 1200); // a retry of the holder: lease renewed to 2100
    await assert.rejects(acquire('dir#vpc-1#a', 'exec-B', 2100), { name: 'ConditionalCheckFailedException' }); // not yet lapsed (<, not <=)
    await acquire('dir#vpc-1#a', 'exec-B', 2101);
    // another key and another table are independent
    await acquire('dir#vpc-1#b', 'exec-C', 2101);
    await acquire('dir#vpc-1#a', 'exec-D', 2101, 'other-table');
    assert.equal(emu.apiCalls['DynamoDB.PutItem'], 7);
    const items = emu.snapshot().dynamoDb ?? {};
    assert.deepEqual(items[TABLE]?.['dir#vpc-1#a'], { pk: { S: 'dir#vpc-1#a' }, owner: { S: 'exec-B' }, expiresAt: { N: '3001' } });
    assert.deepEqual(Object.keys(items).sort(), ['any-name-works', 'other-table']);
  });

  test('DeleteItem releases only the owner\'s lease (conditional), then the key is free', async () => {
    // Prepare
    await acquire('dir#vpc-9#x', 'exec-A', 5000);
    const release = (owner: string) =>
      ddb.send(new DeleteItemCommand({
        TableName: TABLE, Key: { pk: { S: 'dir#vpc-9#x' } }, ConditionExpression: '#owner = :me',
        ExpressionAttributeNames: { '#owner': 'owner' }, ExpressionAttributeValues: { ':me': { S: owner } },
      }));
    // Act + Assess
    await assert.rejects(release('exec-B'), { name: 'ConditionalCheckFailedException' });
    assert.ok(emu.snapshot().dynamoDb?.[TABLE]?.['dir#vpc-9#x'], 'another execution cannot release it');
    await release('exec-A');
    assert.equal(emu.snapshot().dynamoDb?.[TABLE]?.['dir#vpc-9#x'], undefined);
    await acquire('dir#vpc-9#x', 'exec-B', 5001); // free at once, no need to wait for the lease to lapse
  });

  test('the error body is awsJson1_0 with the namespaced __type', async () => {
    // Prepare
    await acquire('dir#raw', 'exec-A', 0);
    // Act
    const res = await fetch(emu.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.PutItem',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify({ TableName: TABLE, Item: { pk: { S: 'dir#raw' } }, ConditionExpression: 'attribute_not_exists(pk)' }),
    });
    // Assess
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('content-type'), 'application/x-amz-json-1.0');
    const body = (await res.json()) as { __type: string; Item?: unknown };
    assert.equal(body.__type, 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException');
    assert.equal(body.Item, undefined, 'no old item unless ReturnValuesOnConditionCheckFailure = ALL_OLD');
  });

  test('conditions: AND/OR/NOT, parentheses, comparisons on S and N, undefined placeholders and syntax errors', async () => {
    // Prepare
    const put = (ConditionExpression: string, values: Record<string, AttributeValue> = {}, names: Record<string, string> = {}) =>
      ddb.send(new PutItemCommand({
        TableName: TABLE, Item: { pk: { S: 'cond' }, n: { N: '10' }, s: { S: 'm' } }, ConditionExpression,
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      }));
    await put('attribute_not_exists(pk)');
    const ok = async (expr: string, values: Record<string, AttributeValue> = {}, names: Record<string, string> = {}) => put(expr, values, names);
    const fails = async (expr: string, values: Record<string, AttributeValue> = {}, names: Record<string, string> = {}) =>
      assert.rejects(put(expr, values, names), { name: 'ConditionalCheckFailedException' }, expr);
    // Act + Assess
    await ok('n < :x', { ':x': { N: '9.5e1' } }); // numbers compare as numbers (10 < 95), not as strings
    await fails('n > :x', { ':x': { N: '100' } });
    await ok('attribute_exists(pk) AND (s = :m OR n = :z)', { ':m': { S: 'm' }, ':z': { N: '0' } });
    await fails('attribute_exists(pk) AND (s = :z OR n = :z)', { ':z': { N: '0' } }); // S vs N: no match
    await ok('NOT attribute_exists(missing) and #n >= :ten', { ':ten': { N: '10' } }, { '#n': 'n' });
    await fails('missing < :ten', { ':ten': { N: '10' } }); // a missing attribute compares false
    await ok('s <> :a', { ':a': { S: 'a' } });
    await fails('attribute_not_exists(pk) OR (n <= :x AND s > :m)', { ':x': { N: '10' }, ':m': { S: 'm' } });
    const undefinedValue = await errorOf(put('n = :nope'));
    assert.equal(undefinedValue.name, 'ValidationException');
    assert.match(undefinedValue.message, /attribute value: :nope/);
    assert.equal((await errorOf(put('#who = :x', { ':x': { S: 'a' } }))).name, 'ValidationException');
    assert.equal((await errorOf(put('n = = :x', { ':x': { N: '1' } }))).name, 'ValidationException');
    assert.equal((await errorOf(put('(n = :x', { ':x': { N: '1' } }))).name, 'ValidationException');
    assert.equal((await errorOf(ddb.send(new PutItemCommand({ TableName: TABLE, Item: { other: { S: 'x' } } })))).name, 'ValidationException');
  });

  test('parseCondition: precedence is NOT > AND > OR', () => {
    const node = parseCondition('a = :v OR b = :v AND c = :v', { names: {}, values: { ':v': { S: 'x' } } });
    assert.equal(node.kind, 'or');
  });

  test('GetItem: the item, or no Item when absent', async () => {
    // Prepare
    await ddb.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'get-1' }, n: { N: '1' } } }));
    // Act
    const found = await ddb.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'get-1' } }, ConsistentRead: true }));
    const absent = await ddb.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'get-none' } } }));
    // Assess
    assert.deepEqual(found.Item, { pk: { S: 'get-1' }, n: { N: '1' } });
    assert.equal(absent.Item, undefined);
  });

  describe('UpdateItem', () => {
    const update = (pk: string, UpdateExpression: string, values?: Record<string, AttributeValue>, names?: Record<string, string>, extra: Record<string, unknown> = {}) =>
      ddb.send(new UpdateItemCommand({
        TableName: TABLE, Key: { pk: { S: pk } }, UpdateExpression,
        ...(values ? { ExpressionAttributeValues: values } : {}),
        ...(names ? { ExpressionAttributeNames: names } : {}),
        ReturnValues: 'ALL_NEW',
        ...extra,
      }));

    test('creates the item; SET nested map keys, if_not_exists, list_append, arithmetic; REMOVE; operands read the old item', async () => {
      // Act
      const created = await update('upd-1', 'SET #ex = if_not_exists(#ex, :empty), n = :one, l = :l', { ':empty': { M: {} }, ':one': { N: '1' }, ':l': { L: [{ S: 'a' }] } }, { '#ex': 'executions' });
      const nested = await update('upd-1', 'SET #ex.#k = :e, n = n + :one, l = list_append(l, :more), m = n', { ':e': { M: { status: { S: 'RUNNING' } } }, ':one': { N: '1' }, ':more': { L: [{ S: 'b' }] } }, { '#ex': 'executions', '#k': 'run-1' });
      const kept = await update('upd-1', 'SET #ex = if_not_exists(#ex, :empty) REMOVE m', { ':empty': { M: {} } }, { '#ex': 'executions' });
      // Assess
      assert.deepEqual(created.Attributes, { pk: { S: 'upd-1' }, executions: { M: {} }, n: { N: '1' }, l: { L: [{ S: 'a' }] } });
      assert.deepEqual(nested.Attributes?.['executions'], { M: { 'run-1': { M: { status: { S: 'RUNNING' } } } } });
      assert.deepEqual(nested.Attributes?.['n'], { N: '2' });
      assert.deepEqual(nested.Attributes?.['m'], { N: '1' }, 'the value before this update');
      assert.deepEqual(nested.Attributes?.['l'], { L: [{ S: 'a' }, { S: 'b' }] });
      assert.deepEqual(kept.Attributes?.['executions'], nested.Attributes?.['executions'], 'if_not_exists keeps what is there');
      assert.equal(kept.Attributes?.['m'], undefined);
    });

    test('a condition on a nested attribute; a failed one changes nothing and may return the old item', async () => {
      // Prepare
      await update('upd-2', 'SET #ex = :m', { ':m': { M: { 'run-1': { M: { status: { S: 'RUNNING' } } } } } }, { '#ex': 'executions' });
      const finish = (status: string) =>
        update('upd-2', 'SET #ex.#k.#st = :s', { ':s': { S: status }, ':running': { S: 'RUNNING' } }, { '#ex': 'executions', '#k': 'run-1', '#st': 'status' },
          { ConditionExpression: '#ex.#k.#st = :running', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
      // Act
      await finish('SUCCEEDED');
      const again = await errorOf(finish('ABORTED'));
      // Assess
      assert.equal(again.name, 'ConditionalCheckFailedException');
      assert.deepEqual((again['Item'] as Record<string, AttributeValue>)['executions'], { M: { 'run-1': { M: { status: { S: 'SUCCEEDED' } } } } });
      const item = (await ddb.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'upd-2' } } }))).Item;
      assert.deepEqual(item?.['executions'], { M: { 'run-1': { M: { status: { S: 'SUCCEEDED' } } } } });
    });

    test('what DynamoDB refuses: a missing parent, overlapping paths, the key, unused placeholders, syntax, ADD', async () => {
      // Act + Assess
      const refused = async (expr: string, values?: Record<string, AttributeValue>, names?: Record<string, string>, message?: RegExp) => {
        const err = await errorOf(update('upd-3', expr, values, names));
        assert.equal(err.name, 'ValidationException', expr);
        if (message) assert.match(err.message, message);
      };
      await refused('SET a.b = :v', { ':v': { S: 'x' } }, undefined, /document path provided in the update expression is invalid/);
      await refused('SET a = :v, a.b = :v', { ':v': { S: 'x' } }, undefined, /Two document paths overlap/);
      await refused('SET pk = :v', { ':v': { S: 'x' } }, undefined, /part of the key/);
      await refused('SET a = :v', { ':v': { S: 'x' }, ':unused': { S: 'y' } }, undefined, /unused in expressions: keys: \{:unused\}/);
      await refused('SET a = :v', { ':v': { S: 'x' } }, { '#unused': 'u' }, /ExpressionAttributeNames unused/);
      await refused('SET a = = :v', { ':v': { S: 'x' } });
      await refused('ADD n :v', { ':v': { N: '1' } });
      await refused('SET a = nothing_there');
      assert.equal((await ddb.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'upd-3' } } }))).Item, undefined, 'nothing was written');
    });

    test('an item over 400 KB is refused', async () => {
      const err = await errorOf(update('upd-4', 'SET big = :b', { ':b': { S: 'x'.repeat(410 * 1024) } }));
      assert.equal(err.name, 'ValidationException');
      assert.equal(err.message, 'Item size has exceeded the maximum allowed size');
    });
  });
});
