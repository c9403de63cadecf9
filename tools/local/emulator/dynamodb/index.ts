/**
 * DynamoDB (awsJson1_0, `DynamoDB_20120810.`), the minimum the directory creation lease needs: PutItem and DeleteItem
 * with a ConditionExpression. Tables need no CreateTable: any table name is accepted and created on first use, with the
 * partition key `pk` (a string or number), as CoordinationTable in serverless.yml declares.
 *
 * Condition expressions: `attribute_exists(p)`, `attribute_not_exists(p)`, `=`, `<>`, `<`, `<=`, `>`, `>=`, `AND`,
 * `OR`, `NOT`, parentheses, `#name` / `:value` placeholders; S and N values (N compared as numbers). A failed
 * condition answers ConditionalCheckFailedException (HTTP 400), with the old item when
 * `ReturnValuesOnConditionCheckFailure` is `ALL_OLD`.
 */
import { sdkErrorNames } from '../core/fault-errors.ts';
import { ApiError } from '../core/api-error.ts';
import { obj, str } from '../core/service.ts';
import type { Json, ServiceContext, ServiceDef } from '../core/service.ts';
import { anything, object, optional, recordOf } from '../core/shape.ts';
import type { StateSlot } from '../core/state.ts';

/** A DynamoDB item in wire form (`{ pk: { S: '...' }, expiresAt: { N: '...' } }`). */
export type DynamoItem = Record<string, unknown>;

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
type AttributeValue = Record<string, unknown>;

const validation = (message: string): ApiError => new ApiError('ValidationException', message);

/* ---------------- condition expressions ---------------- */

type Token = { kind: 'op' | 'word' | 'name' | 'value' | 'punct'; text: string };

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(<>|<=|>=|=|<|>)|([(),])|(#[A-Za-z0-9_]+)|(:[A-Za-z0-9_]+)|([A-Za-z_][A-Za-z0-9_.]*))/y;
  let at = 0;
  while (at < expr.length) {
    if (/^\s*$/.test(expr.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(expr);
    if (!m) throw validation(`Invalid ConditionExpression: Syntax error; token: "${expr.slice(at).trim().split(/\s+/)[0] ?? ''}", near: "${expr.slice(at, at + 20).trim()}"`);
    at = re.lastIndex;
    if (m[1]) tokens.push({ kind: 'op', text: m[1] });
    else if (m[2]) tokens.push({ kind: 'punct', text: m[2] });
    else if (m[3]) tokens.push({ kind: 'name', text: m[3] });
    else if (m[4]) tokens.push({ kind: 'value', text: m[4] });
    else if (m[5]) tokens.push({ kind: 'word', text: m[5] });
  }
  return tokens;
}

type Operand = { kind: 'path'; name: string } | { kind: 'value'; value: AttributeValue };
type Node =
  | { kind: 'or' | 'and'; left: Node; right: Node }
  | { kind: 'not'; inner: Node }
  | { kind: 'fn'; fn: 'attribute_exists' | 'attribute_not_exists'; path: string }
  | { kind: 'cmp'; op: string; left: Operand; right: Operand };

interface Placeholders {
  names: Record<string, string>;
  values: Record<string, AttributeValue>;
}

/** Parses a ConditionExpression (recursive descent: OR < AND < NOT < comparison / function / parentheses). */
export function parseCondition(expr: string, ph: Placeholders): Node {
  const tokens = tokenize(expr);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isWord = (t: Token | undefined, w: string) => t?.kind === 'word' && t.text.toUpperCase() === w;
  const syntax = (t: Token | undefined): never => {
    throw validation(`Invalid ConditionExpression: Syntax error; token: "${t?.text ?? '<EOF>'}"`);
  };
  const expect = (text: string): void => {
    const t = tokens[i++];
    if (t?.text !== text) syntax(t);
  };
  const path = (t: Token | undefined): string => {
    if (t?.kind === 'name') {
      const n = ph.names[t.text];
      if (n === undefined) throw validation(`Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: ${t.text}`);
      return n;
    }
    if (t?.kind === 'word' && !['AND', 'OR', 'NOT'].includes(t.text.toUpperCase())) return t.text;
    return syntax(t);
  };
  const operand = (): Operand => {
    const t = tokens[i++];
    if (t?.kind === 'value') {
      const v = ph.values[t.text];
      if (v === undefined) throw validation(`Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: ${t.text}`);
      return { kind: 'value', value: v };
    }
    return { kind: 'path', name: path(t) };
  };
  const primary = (): Node => {
    const t = peek();
    if (t?.text === '(') {
      i += 1;
      const inner = or();
      expect(')');
      return inner;
    }
    if (t?.kind === 'word' && /^attribute_(not_)?exists$/.test(t.text) && tokens[i + 1]?.text === '(') {
      i += 2;
      const p = path(tokens[i++]);
      expect(')');
      return { kind: 'fn', fn: t.text as 'attribute_exists' | 'attribute_not_exists', path: p };
    }
    const left = operand();
    const op = tokens[i++];
    if (op?.kind !== 'op') syntax(op);
    return { kind: 'cmp', op: op?.text ?? '', left, right: operand() };
  };
  const not = (): Node => {
    if (isWord(peek(), 'NOT')) {
      i += 1;
      return { kind: 'not', inner: not() };
    }
    return primary();
  };
  const and = (): Node => {
    let left = not();
    while (isWord(peek(), 'AND')) {
      i += 1;
      left = { kind: 'and', left, right: not() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (isWord(peek(), 'OR')) {
      i += 1;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  if (tokens.length === 0) throw validation('Invalid ConditionExpression: The expression can not be empty;');
  const node = or();
  if (i < tokens.length) syntax(tokens[i]);
  return node;
}

/** Compares two attribute values of the same scalar type (S lexicographically, N numerically); else undefined. */
function compare(a: AttributeValue | undefined, b: AttributeValue | undefined): number | undefined {
  if (!a || !b) return undefined;
  if (typeof a['N'] === 'string' && typeof b['N'] === 'string') return Number(a['N']) - Number(b['N']);
  if (typeof a['S'] === 'string' && typeof b['S'] === 'string') return a['S'] < b['S'] ? -1 : a['S'] > b['S'] ? 1 : 0;
  return undefined;
}

export function evaluate(node: Node, item: DynamoItem | undefined): boolean {
  switch (node.kind) {
    case 'or':
      return evaluate(node.left, item) || evaluate(node.right, item);
    case 'and':
      return evaluate(node.left, item) && evaluate(node.right, item);
    case 'not':
      return !evaluate(node.inner, item);
    case 'fn': {
      const present = item?.[node.path] !== undefined;
      return node.fn === 'attribute_exists' ? present : !present;
    }
    case 'cmp': {
      const value = (o: Operand) => (o.kind === 'value' ? o.value : (item?.[o.name] as AttributeValue | undefined));
      const c = compare(value(node.left), value(node.right));
      if (c === undefined) return node.op === '<>' && JSON.stringify(value(node.left)) !== JSON.stringify(value(node.right));
      return { '=': c === 0, '<>': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[node.op] ?? false;
    }
  }
}

/* ---------------- operations ---------------- */

const keyOf = (item: DynamoItem): string => {
  const k = obj(item[DYNAMODB_KEY]);
  const s = k?.['S'] ?? k?.['N'];
  if (typeof s !== 'string' || s === '') throw validation(`One or more parameter values were invalid: Missing the key ${DYNAMODB_KEY} in the item`);
  return s;
};

const stringMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v) ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));

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
    PutItem(input: Json, ctx: ServiceContext) {
      const table = str(input, 'TableName');
      if (!table || !/^[a-zA-Z0-9_.-]{3,255}$/.test(table)) throw validation('1 validation error detected: Value at \'tableName\' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
      const item = obj(input['Item']) as DynamoItem | undefined;
      if (!item) throw validation('1 validation error detected: Value null at \'item\' failed to satisfy constraint: Member must not be null');
      const key = keyOf(item);
      const rows = (ctx.state.get(TABLES)[table] ??= {});
      const old = rows[key];
      const condition = str(input, 'ConditionExpression');
      if (condition !== undefined) {
        const node = parseCondition(condition, { names: stringMap(input['ExpressionAttributeNames']), values: (obj(input['ExpressionAttributeValues']) ?? {}) as Record<string, AttributeValue> });
        if (!evaluate(node, old)) {
          const withOld = str(input, 'ReturnValuesOnConditionCheckFailure') === 'ALL_OLD' && old ? { Item: old } : {};
          throw new ApiError('ConditionalCheckFailedException', 'The conditional request failed', 400, withOld);
        }
      }
      rows[key] = JSON.parse(JSON.stringify(item)) as DynamoItem;
      return str(input, 'ReturnValues') === 'ALL_OLD' && old ? { Attributes: old } : {};
    },
    DeleteItem(input: Json, ctx: ServiceContext) {
      const table = str(input, 'TableName');
      if (!table || !/^[a-zA-Z0-9_.-]{3,255}$/.test(table)) throw validation('1 validation error detected: Value at \'tableName\' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
      const keyAttrs = obj(input['Key']) as DynamoItem | undefined;
      if (!keyAttrs) throw validation('1 validation error detected: Value null at \'key\' failed to satisfy constraint: Member must not be null');
      const key = keyOf(keyAttrs);
      const rows = (ctx.state.get(TABLES)[table] ??= {});
      const old = rows[key];
      const condition = str(input, 'ConditionExpression');
      if (condition !== undefined) {
        const node = parseCondition(condition, { names: stringMap(input['ExpressionAttributeNames']), values: (obj(input['ExpressionAttributeValues']) ?? {}) as Record<string, AttributeValue> });
        if (!evaluate(node, old)) throw new ApiError('ConditionalCheckFailedException', 'The conditional request failed', 400, {});
      }
      Reflect.deleteProperty(rows, key);
      return str(input, 'ReturnValues') === 'ALL_OLD' && old ? { Attributes: old } : {};
    },
  },
};
