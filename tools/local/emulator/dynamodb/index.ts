/**
 * DynamoDB (awsJson1_0, `DynamoDB_20120810.`), what the coordination table (creation and change leases, start claims)
 * and the provisioning records need: GetItem, PutItem, UpdateItem and DeleteItem, with condition and update
 * expressions (./expressions.ts). Tables need no CreateTable: any table name is accepted and created on first use,
 * with the partition key `pk` (a string or number), as both tables of serverless.yml declare.
 *
 * A failed condition answers ConditionalCheckFailedException (HTTP 400), with the old item when
 * `ReturnValuesOnConditionCheckFailure` is `ALL_OLD`. Placeholders no expression uses, overlapping update paths, a
 * nested path whose parent is missing, an update of the key and an item over 400 KB are ValidationExceptions, as on
 * DynamoDB. Time to live is not swept (nothing here reads an expired item as absent).
 */
import { sdkErrorNames } from '../core/fault-errors.ts';
import { ApiError } from '../core/api-error.ts';
import { obj, str } from '../core/service.ts';
import type { Json, ServiceContext, ServiceDef } from '../core/service.ts';
import { anything, object, optional, recordOf } from '../core/shape.ts';
import type { StateSlot } from '../core/state.ts';
import { applyUpdate, assertAllUsed, assertItemSize, evaluate, newUsage, parseCondition, parseUpdate, validation } from './expressions.ts';
import type { AttributeValue, DynamoItem, Placeholders, Usage } from './expressions.ts';

export { evaluate, parseCondition } from './expressions.ts';
export type { DynamoItem } from './expressions.ts';

/** Items by table (created on first use), then by partition key value; saved in snapshots as `dynamoDb`. */
export const TABLES: StateSlot<Record<string, Record<string, DynamoItem>>> = {
  name: 'DynamoDB tables',
  fresh: () => ({}),
  load: (snapshot) => (snapshot['dynamoDb'] as Record<string, Record<string, DynamoItem>> | undefined) ?? {},
  save: (dynamoDb) => ({ dynamoDb }),
  check: object({ dynamoDb: optional(recordOf(recordOf(recordOf(anything)))) }),
};

export const DYNAMODB_KEY = 'pk';
const PREFIX = 'com.amazonaws.dynamodb.v20120810#';

/* ---------------- operations ---------------- */

const keyOf = (item: DynamoItem): string => {
  const k = obj(item[DYNAMODB_KEY]);
  const s = k?.['S'] ?? k?.['N'];
  if (typeof s !== 'string' || s === '') throw validation(`One or more parameter values were invalid: Missing the key ${DYNAMODB_KEY} in the item`);
  return s;
};

const stringMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v) ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));

const tableOf = (input: Json, ctx: ServiceContext): Record<string, DynamoItem> => {
  const table = str(input, 'TableName');
  if (!table || !/^[a-zA-Z0-9_.-]{3,255}$/.test(table)) throw validation('1 validation error detected: Value at \'tableName\' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
  return (ctx.state.get(TABLES)[table] ??= {});
};

const required = (input: Json, field: 'Item' | 'Key', wire: string): DynamoItem => {
  const v = obj(input[field]) as DynamoItem | undefined;
  if (!v) throw validation(`1 validation error detected: Value null at '${wire}' failed to satisfy constraint: Member must not be null`);
  return v;
};

const placeholders = (input: Json): Placeholders => ({
  names: stringMap(input['ExpressionAttributeNames']),
  values: (obj(input['ExpressionAttributeValues']) ?? {}) as Record<string, AttributeValue>,
});

/**
 * The request's ConditionExpression, parsed (recording the placeholders it uses): a check against the item as it is,
 * throwing ConditionalCheckFailedException when it is false. Parsed before anything is evaluated, so every
 * ValidationException comes first, as on DynamoDB.
 */
const conditionOf = (input: Json, usage: Usage): ((old: DynamoItem | undefined) => void) => {
  const condition = str(input, 'ConditionExpression');
  if (condition === undefined) return () => undefined;
  const node = parseCondition(condition, placeholders(input), usage);
  return (old) => {
    if (evaluate(node, old)) return;
    const withOld = str(input, 'ReturnValuesOnConditionCheckFailure') === 'ALL_OLD' && old ? { Item: old } : {};
    throw new ApiError('ConditionalCheckFailedException', 'The conditional request failed', 400, withOld);
  };
};

const copy = (item: DynamoItem): DynamoItem => JSON.parse(JSON.stringify(item)) as DynamoItem;

/** The attributes an UpdateItem's ReturnValues asks for. */
const returned = (mode: string | undefined, old: DynamoItem | undefined, next: DynamoItem, updated: readonly string[]): Json => {
  const pick = (item: DynamoItem | undefined) => Object.fromEntries(Object.entries(item ?? {}).filter(([k]) => updated.includes(k)));
  switch (mode ?? 'NONE') {
    case 'NONE':
      return {};
    case 'ALL_NEW':
      return { Attributes: next };
    case 'ALL_OLD':
      return old ? { Attributes: old } : {};
    case 'UPDATED_NEW':
      return { Attributes: pick(next) };
    case 'UPDATED_OLD':
      return old ? { Attributes: pick(old) } : {};
    default:
      throw validation(`1 validation error detected: Value '${mode ?? ''}' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]`);
  }
};

export const dynamoDb: ServiceDef = {
  name: 'DynamoDB',
  signingName: 'dynamodb',
  // No model of this service beside the project: the errors its SDK client models (service-wide).
  errorNames: async () => {
    const sdk = await import('@aws-sdk/client-dynamodb');
    return sdkErrorNames(sdk, sdk.DynamoDBServiceException);
  },
  endpointVariable: 'AWS_ENDPOINT_URL_DYNAMODB',
  protocol: 'awsJson',
  targetPrefix: 'DynamoDB_20120810',
  state: [TABLES],
  awsJsonVersion: '1.0',
  errorTypePrefix: PREFIX,
  errorStatus: (code) => (code === 'InternalServerError' ? 500 : undefined),
  ops: {
    GetItem(input: Json, ctx: ServiceContext) {
      const rows = tableOf(input, ctx);
      const key = keyOf(required(input, 'Key', 'key'));
      if (input['ProjectionExpression'] !== undefined) throw validation('the local emulator does not implement ProjectionExpression; read the whole item');
      const item = rows[key];
      return item ? { Item: copy(item) } : {};
    },
    PutItem(input: Json, ctx: ServiceContext) {
      const rows = tableOf(input, ctx);
      const item = required(input, 'Item', 'item');
      const key = keyOf(item);
      const usage = newUsage();
      const check = conditionOf(input, usage);
      assertAllUsed(placeholders(input), usage);
      assertItemSize(item);
      const old = rows[key];
      check(old);
      rows[key] = copy(item);
      return str(input, 'ReturnValues') === 'ALL_OLD' && old ? { Attributes: old } : {};
    },
    UpdateItem(input: Json, ctx: ServiceContext) {
      const rows = tableOf(input, ctx);
      const keyAttrs = required(input, 'Key', 'key');
      const key = keyOf(keyAttrs);
      const expression = str(input, 'UpdateExpression');
      if (expression === undefined) throw validation('the local emulator requires an UpdateExpression (AttributeUpdates is the legacy form)');
      const usage = newUsage();
      const plan = parseUpdate(expression, placeholders(input), usage);
      const touched = [...plan.set.map((s) => s.path), ...plan.remove];
      const keyPath = touched.find((p) => p[0] === DYNAMODB_KEY);
      if (keyPath) throw validation(`One or more parameter values were invalid: Cannot update attribute ${DYNAMODB_KEY}. This attribute is part of the key`);
      const check = conditionOf(input, usage);
      assertAllUsed(placeholders(input), usage);
      const old = rows[key];
      check(old);
      const next = applyUpdate(plan, old, { [DYNAMODB_KEY]: keyAttrs[DYNAMODB_KEY] as AttributeValue });
      assertItemSize(next);
      rows[key] = next;
      const updated = [...new Set(touched.map((p) => String(p[0])))];
      return returned(str(input, 'ReturnValues'), old, copy(next), updated);
    },
    DeleteItem(input: Json, ctx: ServiceContext) {
      const rows = tableOf(input, ctx);
      const key = keyOf(required(input, 'Key', 'key'));
      const usage = newUsage();
      const check = conditionOf(input, usage);
      assertAllUsed(placeholders(input), usage);
      const old = rows[key];
      check(old);
      Reflect.deleteProperty(rows, key);
      return str(input, 'ReturnValues') === 'ALL_OLD' && old ? { Attributes: old } : {};
    },
  },
};
