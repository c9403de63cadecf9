/**
 * DynamoDB expressions as the emulator evaluates them (DynamoDB Developer Guide, "Using expressions"): document paths
 * (`a`, `#n`, `a.b`, `#m.#k`, `l[0]`), condition expressions and update expressions, over items in wire form
 * (`{ S }`, `{ N }`, `{ M }`, `{ L }`, `{ BOOL }`, `{ NULL }`).
 *
 * Conditions: `attribute_exists(p)`, `attribute_not_exists(p)`, `=`, `<>`, `<`, `<=`, `>`, `>=`, `AND`, `OR`, `NOT`,
 * parentheses. Updates: `SET p = v` (v: a path, a value, `if_not_exists(p, v)`, `list_append(a, b)`, `a + b`,
 * `a - b`) and `REMOVE p`; every operand reads the item as it was before the update, as DynamoDB does. What DynamoDB
 * refuses, refused the same way (ValidationException): an undefined or unused placeholder, overlapping paths, a nested
 * path whose parent is missing, a key attribute in an update. ADD and DELETE clauses are not implemented (refused).
 */
import { ApiError } from '../core/api-error.ts';

export type AttributeValue = Record<string, unknown>;
/** A DynamoDB item in wire form (`{ pk: { S: '...' }, expiresAt: { N: '...' } }`). */
export type DynamoItem = Record<string, AttributeValue>;

export const validation = (message: string): ApiError => new ApiError('ValidationException', message);

/* ---------------- tokens ---------------- */

type Token = { kind: 'op' | 'word' | 'name' | 'value' | 'punct' | 'number'; text: string };

const TOKEN = /\s*(?:(<>|<=|>=|=|<|>|\+|-)|([(),.[\]])|(#[A-Za-z0-9_]+)|(:[A-Za-z0-9_]+)|([A-Za-z_][A-Za-z0-9_]*)|(\d+))/y;

function tokenize(expr: string, what: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < expr.length) {
    if (/^\s*$/.test(expr.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(expr);
    if (!m) throw validation(`Invalid ${what}: Syntax error; token: "${expr.slice(at).trim().split(/\s+/)[0] ?? ''}", near: "${expr.slice(at, at + 20).trim()}"`);
    at = TOKEN.lastIndex;
    if (m[1]) tokens.push({ kind: 'op', text: m[1] });
    else if (m[2]) tokens.push({ kind: 'punct', text: m[2] });
    else if (m[3]) tokens.push({ kind: 'name', text: m[3] });
    else if (m[4]) tokens.push({ kind: 'value', text: m[4] });
    else if (m[5]) tokens.push({ kind: 'word', text: m[5] });
    else if (m[6]) tokens.push({ kind: 'number', text: m[6] });
  }
  return tokens;
}

export interface Placeholders {
  names: Record<string, string>;
  values: Record<string, AttributeValue>;
}

/** The placeholders an expression used, so unused ones can be refused once every expression of a request is read. */
export interface Usage {
  names: Set<string>;
  values: Set<string>;
}

export const newUsage = (): Usage => ({ names: new Set(), values: new Set() });

/** A document path: attribute names and list indexes. */
export type Path = readonly (string | number)[];

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'SET', 'REMOVE', 'ADD', 'DELETE']);

/** A recursive-descent reader over one expression's tokens. */
class Reader {
  i = 0;
  constructor(
    readonly tokens: Token[],
    readonly ph: Placeholders,
    readonly usage: Usage,
    readonly what: string,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  next(): Token | undefined {
    return this.tokens[this.i++];
  }
  isWord(t: Token | undefined, w: string): boolean {
    return t?.kind === 'word' && t.text.toUpperCase() === w;
  }
  syntax(t: Token | undefined): never {
    throw validation(`Invalid ${this.what}: Syntax error; token: "${t?.text ?? '<EOF>'}"`);
  }
  expect(text: string): void {
    const t = this.next();
    if (t?.text !== text) this.syntax(t);
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }

  /** One path element's attribute name (`word` or `#name`). */
  attribute(t: Token | undefined): string {
    if (t?.kind === 'name') {
      const n = this.ph.names[t.text];
      if (n === undefined) throw validation(`Invalid ${this.what}: An expression attribute name used in the document path is not defined; attribute name: ${t.text}`);
      this.usage.names.add(t.text);
      return n;
    }
    if (t?.kind === 'word' && !KEYWORDS.has(t.text.toUpperCase())) return t.text;
    return this.syntax(t);
  }

  path(): Path {
    const out: (string | number)[] = [this.attribute(this.next())];
    for (;;) {
      const t = this.peek();
      if (t?.text === '.') {
        this.i += 1;
        out.push(this.attribute(this.next()));
      } else if (t?.text === '[') {
        this.i += 1;
        const n = this.next();
        if (n?.kind !== 'number') this.syntax(n);
        out.push(Number(n?.text));
        this.expect(']');
      } else {
        return out;
      }
    }
  }

  value(t: Token): AttributeValue {
    const v = this.ph.values[t.text];
    if (v === undefined) throw validation(`Invalid ${this.what}: An expression attribute value used in expression is not defined; attribute value: ${t.text}`);
    this.usage.values.add(t.text);
    return v;
  }
}

/* ---------------- reading paths ---------------- */

const mapOf = (v: AttributeValue | undefined): Record<string, AttributeValue> | undefined =>
  v && typeof v['M'] === 'object' && v['M'] !== null && !Array.isArray(v['M']) ? (v['M'] as Record<string, AttributeValue>) : undefined;
const listOf = (v: AttributeValue | undefined): AttributeValue[] | undefined => (v && Array.isArray(v['L']) ? (v['L'] as AttributeValue[]) : undefined);

/** The value at a path of an item, or undefined. */
export function readPath(item: DynamoItem | undefined, path: Path): AttributeValue | undefined {
  let cur: AttributeValue | undefined = item ? { M: item } : undefined;
  for (const seg of path) {
    cur = typeof seg === 'number' ? listOf(cur)?.[seg] : mapOf(cur)?.[seg];
    if (cur === undefined) return undefined;
  }
  return cur;
}

const show = (path: Path): string => `[${path.join(', ')}]`;

/* ---------------- conditions ---------------- */

type Operand = { kind: 'path'; path: Path } | { kind: 'value'; value: AttributeValue };
export type ConditionNode =
  | { kind: 'or' | 'and'; left: ConditionNode; right: ConditionNode }
  | { kind: 'not'; inner: ConditionNode }
  | { kind: 'fn'; fn: 'attribute_exists' | 'attribute_not_exists'; path: Path }
  | { kind: 'cmp'; op: string; left: Operand; right: Operand };

/** Parses a ConditionExpression (recursive descent: OR < AND < NOT < comparison / function / parentheses). */
export function parseCondition(expr: string, ph: Placeholders, usage: Usage = newUsage()): ConditionNode {
  const r = new Reader(tokenize(expr, 'ConditionExpression'), ph, usage, 'ConditionExpression');
  const operand = (): Operand => {
    const t = r.peek();
    if (t?.kind === 'value') {
      r.i += 1;
      return { kind: 'value', value: r.value(t) };
    }
    return { kind: 'path', path: r.path() };
  };
  const primary = (): ConditionNode => {
    const t = r.peek();
    if (t?.text === '(') {
      r.i += 1;
      const inner = or();
      r.expect(')');
      return inner;
    }
    if (t?.kind === 'word' && /^attribute_(not_)?exists$/.test(t.text) && r.peek(1)?.text === '(') {
      r.i += 2;
      const p = r.path();
      r.expect(')');
      return { kind: 'fn', fn: t.text as 'attribute_exists' | 'attribute_not_exists', path: p };
    }
    const left = operand();
    const op = r.next();
    if (op?.kind !== 'op' || op.text === '+' || op.text === '-') r.syntax(op);
    return { kind: 'cmp', op: op?.text ?? '', left, right: operand() };
  };
  const not = (): ConditionNode => {
    if (r.isWord(r.peek(), 'NOT')) {
      r.i += 1;
      return { kind: 'not', inner: not() };
    }
    return primary();
  };
  const and = (): ConditionNode => {
    let left = not();
    while (r.isWord(r.peek(), 'AND')) {
      r.i += 1;
      left = { kind: 'and', left, right: not() };
    }
    return left;
  };
  const or = (): ConditionNode => {
    let left = and();
    while (r.isWord(r.peek(), 'OR')) {
      r.i += 1;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  if (r.tokens.length === 0) throw validation('Invalid ConditionExpression: The expression can not be empty;');
  const node = or();
  if (!r.done()) r.syntax(r.peek());
  return node;
}

/** Compares two attribute values of the same scalar type (S lexicographically, N numerically); else undefined. */
function compare(a: AttributeValue | undefined, b: AttributeValue | undefined): number | undefined {
  if (!a || !b) return undefined;
  if (typeof a['N'] === 'string' && typeof b['N'] === 'string') return Number(a['N']) - Number(b['N']);
  if (typeof a['S'] === 'string' && typeof b['S'] === 'string') return a['S'] < b['S'] ? -1 : a['S'] > b['S'] ? 1 : 0;
  return undefined;
}

export function evaluate(node: ConditionNode, item: DynamoItem | undefined): boolean {
  switch (node.kind) {
    case 'or':
      return evaluate(node.left, item) || evaluate(node.right, item);
    case 'and':
      return evaluate(node.left, item) && evaluate(node.right, item);
    case 'not':
      return !evaluate(node.inner, item);
    case 'fn': {
      const present = readPath(item, node.path) !== undefined;
      return node.fn === 'attribute_exists' ? present : !present;
    }
    case 'cmp': {
      const value = (o: Operand) => (o.kind === 'value' ? o.value : readPath(item, o.path));
      const [l, r] = [value(node.left), value(node.right)];
      const c = compare(l, r);
      if (c === undefined) {
        if (node.op === '=') return l !== undefined && JSON.stringify(l) === JSON.stringify(r);
        return node.op === '<>' && JSON.stringify(l) !== JSON.stringify(r);
      }
      return { '=': c === 0, '<>': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[node.op] ?? false;
    }
  }
}

/* ---------------- updates ---------------- */

type UpdateValue =
  | { kind: 'path'; path: Path }
  | { kind: 'value'; value: AttributeValue }
  | { kind: 'if_not_exists'; path: Path; fallback: UpdateValue }
  | { kind: 'list_append'; left: UpdateValue; right: UpdateValue }
  | { kind: 'arith'; op: '+' | '-'; left: UpdateValue; right: UpdateValue };

export interface UpdatePlan {
  set: { path: Path; value: UpdateValue }[];
  remove: Path[];
}

/** Parses an UpdateExpression: SET and REMOVE clauses, each at most once. */
export function parseUpdate(expr: string, ph: Placeholders, usage: Usage): UpdatePlan {
  const r = new Reader(tokenize(expr, 'UpdateExpression'), ph, usage, 'UpdateExpression');
  const plan: UpdatePlan = { set: [], remove: [] };
  const seen = new Set<string>();
  const operand = (): UpdateValue => {
    const t = r.peek();
    if (t?.kind === 'value') {
      r.i += 1;
      return { kind: 'value', value: r.value(t) };
    }
    if (t?.kind === 'word' && (t.text === 'if_not_exists' || t.text === 'list_append') && r.peek(1)?.text === '(') {
      r.i += 2;
      if (t.text === 'if_not_exists') {
        const path = r.path();
        r.expect(',');
        const fallback = operand();
        r.expect(')');
        return { kind: 'if_not_exists', path, fallback };
      }
      const left = operand();
      r.expect(',');
      const right = operand();
      r.expect(')');
      return { kind: 'list_append', left, right };
    }
    return { kind: 'path', path: r.path() };
  };
  const value = (): UpdateValue => {
    const left = operand();
    const t = r.peek();
    if (t?.text === '+' || t?.text === '-') {
      r.i += 1;
      return { kind: 'arith', op: t.text, left, right: operand() };
    }
    return left;
  };
  if (r.tokens.length === 0) throw validation('Invalid UpdateExpression: The expression can not be empty;');
  while (!r.done()) {
    const clause = r.next();
    const word = clause?.kind === 'word' ? clause.text.toUpperCase() : '';
    if (word === 'ADD' || word === 'DELETE') throw validation(`Invalid UpdateExpression: the local emulator does not implement ${word} clauses; use SET`);
    if (word !== 'SET' && word !== 'REMOVE') r.syntax(clause);
    if (seen.has(word)) throw validation(`Invalid UpdateExpression: The "${word}" section can only be used once in an update expression;`);
    seen.add(word);
    for (;;) {
      if (word === 'SET') {
        const path = r.path();
        r.expect('=');
        plan.set.push({ path, value: value() });
      } else {
        plan.remove.push(r.path());
      }
      if (r.peek()?.text !== ',') break;
      r.i += 1;
    }
  }
  const paths = [...plan.set.map((s) => s.path), ...plan.remove];
  for (let a = 0; a < paths.length; a += 1) {
    for (let b = a + 1; b < paths.length; b += 1) {
      const [p, q] = [paths[a] as Path, paths[b] as Path];
      const [short, long] = p.length <= q.length ? [p, q] : [q, p];
      if (short.every((seg, k) => seg === long[k])) {
        throw validation(`Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${show(p)}, path two: ${show(q)}`);
      }
    }
  }
  return plan;
}

function resolve(v: UpdateValue, old: DynamoItem | undefined): AttributeValue | undefined {
  switch (v.kind) {
    case 'value':
      return v.value;
    case 'path':
      return readPath(old, v.path);
    case 'if_not_exists':
      return readPath(old, v.path) ?? resolve(v.fallback, old);
    case 'list_append': {
      const [l, r] = [listOf(resolve(v.left, old)), listOf(resolve(v.right, old))];
      if (!l || !r) throw validation('Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: M');
      return { L: [...l, ...r] };
    }
    case 'arith': {
      const [l, r] = [resolve(v.left, old), resolve(v.right, old)];
      if (typeof l?.['N'] !== 'string' || typeof r?.['N'] !== 'string') {
        throw validation(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ${v.op}`);
      }
      const n = v.op === '+' ? Number(l['N']) + Number(r['N']) : Number(l['N']) - Number(r['N']);
      return { N: String(n) };
    }
  }
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The item after the update (a new object; `old` is untouched). Every operand reads `old`. */
export function applyUpdate(plan: UpdatePlan, old: DynamoItem | undefined, key: DynamoItem): DynamoItem {
  const values = plan.set.map((s) => {
    const v = resolve(s.value, old);
    if (v === undefined) throw validation('The provided expression refers to an attribute that does not exist in the item');
    return v;
  });
  const item: DynamoItem = clone(old ?? key);
  const invalid = () => validation('The document path provided in the update expression is invalid for update');
  const parentOf = (path: Path): AttributeValue | undefined => (path.length === 1 ? { M: item } : readPath(item, path.slice(0, -1)));
  plan.set.forEach((s, i) => {
    const parent = parentOf(s.path);
    const last = s.path[s.path.length - 1] as string | number;
    const value = clone(values[i] as AttributeValue);
    if (typeof last === 'number') {
      const list = listOf(parent);
      if (!list) throw invalid();
      if (last >= list.length) list.push(value);
      else list[last] = value;
    } else {
      const map = mapOf(parent);
      if (!map) throw invalid();
      map[last] = value;
    }
  });
  for (const path of plan.remove) {
    const parent = parentOf(path);
    const last = path[path.length - 1] as string | number;
    if (typeof last === 'number') listOf(parent)?.splice(last, 1);
    else if (mapOf(parent)) Reflect.deleteProperty(mapOf(parent) as object, last);
  }
  return item;
}

/** Refuses placeholders no expression of the request used (DynamoDB does). */
export function assertAllUsed(ph: { names?: Record<string, unknown>; values?: Record<string, unknown> }, usage: Usage): void {
  const unusedValues = Object.keys(ph.values ?? {}).filter((k) => !usage.values.has(k));
  if (unusedValues.length > 0) throw validation(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
  const unusedNames = Object.keys(ph.names ?? {}).filter((k) => !usage.names.has(k));
  if (unusedNames.length > 0) throw validation(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
}

/** DynamoDB's item size limit (400 KB), counted as the UTF-8 length of names and values (an upper bound of AWS's rule). */
export const MAX_ITEM_BYTES = 400 * 1024;

export function assertItemSize(item: DynamoItem): void {
  if (Buffer.byteLength(JSON.stringify(item)) > MAX_ITEM_BYTES) throw validation('Item size has exceeded the maximum allowed size');
}
