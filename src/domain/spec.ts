/**
 * A small declarative shape language for untrusted JSON: the rules of a document as a tree of specs, interpreted by
 * `checkShape` (every violation with its field path, never echoing long values or secrets, bounded work) and turned
 * into JSON Schema draft-04 (what API Gateway models accept) by `toJsonSchema`. Rules JSON Schema cannot express
 * (a DNS label length, reserved tag prefixes, cross-field rules) are `refine`/`check` hooks: code, domain-only.
 */
import { quote } from '../lib/printable.ts';
import type { Violation } from './errors.ts';
import { SIMPLE_KEY } from './field-path.ts';
import { PASSWORD_KEY } from './password.ts';

export interface StringSpec<Ctx = unknown> {
  kind: 'string';
  min?: number;
  max: number;
  pattern?: RegExp;
  /** How the pattern reads in a message. */
  patternText?: string;
  /** '' is allowed although the pattern needs a character. */
  emptyOk?: boolean;
  /** Control characters are left to the pattern (default: rejected before it). */
  controlChars?: boolean;
  /** false: never repeat the value in a message (a password may have been pasted there). */
  echo?: boolean;
  /** A rule beyond the shape: returns the message when `value` breaks it. */
  refine?: (value: string, ctx: Ctx) => string | undefined;
  description?: string;
}
export interface EnumSpec {
  kind: 'enum';
  values: readonly string[];
  description?: string;
}
export interface IntegerSpec {
  kind: 'integer';
  min: number;
  max: number;
  description?: string;
}
export interface BooleanSpec {
  kind: 'boolean';
  description?: string;
}
export interface ArraySpec<Ctx = unknown> {
  kind: 'array';
  items: Spec<Ctx>;
  min?: number;
  max: number;
  /** What the items are, for the count message ("subnet ids"). */
  what: string;
  /**
   * Items must be distinct: by their whole (string) value, or by one (string) field of each item; `anyCase`: compared
   * case-insensitively (a name Active Directory keeps case-insensitively).
   */
  unique?: true | { field: string; anyCase?: true };
  description?: string;
}
export interface ObjectSpec<Ctx = unknown> {
  kind: 'object';
  /** Every allowed field, in report order; any other field is a violation. */
  fields: Record<string, Spec<Ctx>>;
  required?: readonly string[];
  /** Cross-field rules, run after the fields: `report(path, message)`. */
  check?: (value: Record<string, unknown>, path: string, ctx: Ctx, report: (path: string, message: string) => void) => void;
  description?: string;
}
/** An object used as a string map (`{"team": "pki"}`): keys and values checked by their specs, shown as `path["key"]`. */
export interface MapSpec<Ctx = unknown> {
  kind: 'map';
  keys: StringSpec<Ctx>;
  values: StringSpec<Ctx>;
  max: number;
  what: string;
  /** How the expected shape reads in the "must be an object" message. */
  example: string;
  description?: string;
}
export type Spec<Ctx = unknown> = StringSpec<Ctx> | EnumSpec | IntegerSpec | BooleanSpec | ArraySpec<Ctx> | ObjectSpec<Ctx> | MapSpec<Ctx>;

/** Bounds on the work and the report size for hostile inputs. */
export const MAX_ITEMS_CHECKED = 50;
export const MAX_VIOLATIONS = 60;
export const MAX_ECHO = 64;

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/; // eslint-disable-line no-control-regex

/** What a value is, for messages (never the value itself). */
export const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;

/** A value for a message: short printable strings are quoted, anything else is described by its length. */
export const show = (value: string): string =>
  value.length <= MAX_ECHO && !CONTROL_CHARS.test(value) ? quote(value) : `a ${value.length}-character value`;

const bracketed = (path: string, key: string): string =>
  `${path}[${quote(key.length > MAX_ECHO ? `${key.slice(0, MAX_ECHO)}…` : key)}]`;

/** A field name inside a path: `a.b` for a simple identifier, else `a["the key"]` (bounded, printable). */
export const keyPath = (path: string, key: string): string =>
  SIMPLE_KEY.test(key) ? (path ? `${path}.${key}` : key) : bracketed(path, key);

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const has = (obj: Record<string, unknown>, key: string): boolean => Object.hasOwn(obj, key) && obj[key] !== undefined;

const PASSWORD_FIELD_MESSAGE =
  'a password must never be part of the request (it would be stored in the execution history); put it in ' +
  'AWS Secrets Manager and pass the secret id or ARN as Directory.PasswordSecretId. The value was not logged';

const range = (min: number, max: number): string => (min === max ? `exactly ${min}` : min === 0 ? `at most ${max}` : `${min}-${max}`);

class Checker<Ctx> {
  readonly violations: Violation[] = [];
  private dropped = 0;
  constructor(private readonly ctx: Ctx) {}

  add = (path: string, message: string): void => {
    if (this.violations.length < MAX_VIOLATIONS) this.violations.push({ path: path || '(request)', message });
    else this.dropped += 1;
  };

  result(): Violation[] {
    if (this.dropped === 0) return this.violations;
    return [...this.violations, { path: '(request)', message: `${this.dropped} more violation(s) not listed` }];
  }

  /** Checks `value` against `spec`; true when it passed every rule. */
  check(spec: Spec<Ctx>, value: unknown, path: string): boolean {
    switch (spec.kind) {
      case 'string':
        return this.string(spec, value, path);
      case 'enum': {
        if (typeof value === 'string' && spec.values.includes(value)) return true;
        this.add(path, `must be one of ${spec.values.join(' | ')} (got ${typeof value === 'string' ? show(value) : kindOf(value)})`);
        return false;
      }
      case 'integer': {
        if (typeof value !== 'number' || !Number.isInteger(value)) {
          this.add(path, `must be an integer (got ${typeof value === 'number' ? String(value) : kindOf(value)})`);
          return false;
        }
        if (value < spec.min || value > spec.max) {
          this.add(path, `must be between ${spec.min} and ${spec.max} (got ${value})`);
          return false;
        }
        return true;
      }
      case 'boolean':
        if (typeof value === 'boolean') return true;
        this.add(path, `must be true or false (got ${kindOf(value)})`);
        return false;
      case 'array':
        return this.array(spec, value, path);
      case 'object':
        return this.object(spec, value, path);
      case 'map':
        return this.map(spec, value, path);
    }
  }

  private string(spec: StringSpec<Ctx>, value: unknown, path: string): boolean {
    if (typeof value !== 'string') {
      this.add(path, `must be a string (got ${kindOf(value)})`);
      return false;
    }
    const min = spec.min ?? 0;
    if (value.length < min || value.length > spec.max) {
      this.add(path, `must be ${min === 0 ? `at most ${spec.max}` : `${min}-${spec.max}`} characters long (it has ${value.length})`);
      return false;
    }
    if (!spec.controlChars && CONTROL_CHARS.test(value)) {
      this.add(path, 'must not contain control characters');
      return false;
    }
    if (spec.pattern && !(spec.emptyOk && value === '') && !spec.pattern.test(value)) {
      const echo = spec.echo === false ? '' : ` (got ${show(value)})`;
      this.add(path, `must match ${spec.patternText ?? String(spec.pattern)}${echo}`);
      return false;
    }
    const problem = spec.refine?.(value, this.ctx);
    if (problem !== undefined) {
      this.add(path, problem);
      return false;
    }
    return true;
  }

  private array(spec: ArraySpec<Ctx>, value: unknown, path: string): boolean {
    if (!Array.isArray(value)) {
      this.add(path, `must be an array (got ${kindOf(value)})`);
      return false;
    }
    const min = spec.min ?? 0;
    let ok = true;
    if (value.length < min || value.length > spec.max) {
      this.add(path, `must contain ${range(min, spec.max)} ${spec.what} (it has ${value.length})`);
      ok = false;
    }
    const seen = new Map<string, number>();
    value.slice(0, MAX_ITEMS_CHECKED).forEach((item, i) => {
      const itemPath = `${path}[${i}]`;
      const itemOk = this.check(spec.items, item, itemPath);
      ok &&= itemOk;
      if (!spec.unique) return;
      const field = spec.unique === true ? undefined : spec.unique.field;
      const anyCase = spec.unique !== true && spec.unique.anyCase === true;
      const key = field === undefined ? item : isPlainObject(item) ? item[field] : undefined;
      // Compared only when the item (or its key field) passed its own rules.
      if (typeof key !== 'string' || (field === undefined ? !itemOk : !this.fieldValid(spec.items, field, key))) return;
      const first = seen.get(anyCase ? key.toLowerCase() : key);
      if (first === undefined) seen.set(anyCase ? key.toLowerCase() : key, i);
      else {
        const firstItem = value[first];
        const firstKey = field === undefined ? firstItem : isPlainObject(firstItem) ? firstItem[field] : undefined;
        const caseOnly = anyCase && firstKey !== key ? `, the same as ${show(firstKey)} in any case: Active Directory names are case-insensitive` : '';
        this.add(field ? `${itemPath}.${field}` : itemPath, `duplicates ${path}[${first}]${field ? `.${field}` : ''} (${show(key)}${caseOnly})`);
        ok = false;
      }
    });
    return ok;
  }

  /** Whether one field of an object spec accepts `value` (without reporting). */
  private fieldValid(items: Spec<Ctx>, field: string, value: unknown): boolean {
    const fieldSpec = items.kind === 'object' ? items.fields[field] : undefined;
    if (!fieldSpec) return true;
    const probe = new Checker(this.ctx);
    return probe.check(fieldSpec, value, field);
  }

  private object(spec: ObjectSpec<Ctx>, value: unknown, path: string): boolean {
    if (!isPlainObject(value)) {
      this.add(path, `must be an object (got ${kindOf(value)})`);
      return false;
    }
    const before = this.violations.length + this.dropped;
    const allowed = Object.keys(spec.fields);
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(spec.fields, key)) continue;
      this.add(keyPath(path, key), PASSWORD_KEY.test(key) ? PASSWORD_FIELD_MESSAGE : `unknown field (allowed: ${allowed.join(', ')})`);
    }
    for (const key of spec.required ?? []) if (!has(value, key)) this.add(keyPath(path, key), 'is required');
    for (const [key, fieldSpec] of Object.entries(spec.fields)) {
      if (has(value, key)) this.check(fieldSpec, value[key], keyPath(path, key));
    }
    spec.check?.(value, path, this.ctx, this.add);
    return this.violations.length + this.dropped === before;
  }

  private map(spec: MapSpec<Ctx>, value: unknown, path: string): boolean {
    if (!isPlainObject(value)) {
      this.add(path, `must be an object of string values, e.g. ${spec.example} (got ${kindOf(value)})`);
      return false;
    }
    const before = this.violations.length + this.dropped;
    const keys = Object.keys(value);
    if (keys.length > spec.max) this.add(path, `must contain at most ${spec.max} ${spec.what} (it has ${keys.length})`);
    for (const key of keys.slice(0, MAX_ITEMS_CHECKED)) {
      const entryPath = bracketed(path, key);
      this.check(spec.keys, key, entryPath);
      this.check(spec.values, value[key], entryPath);
    }
    return this.violations.length + this.dropped === before;
  }
}

/** Every violation of `value` against `spec` (bounded), in spec order. Never throws on any JSON-ish input. */
export const checkShape = <Ctx>(spec: Spec<Ctx>, value: unknown, ctx: Ctx, path = ''): Violation[] => {
  const checker = new Checker(ctx);
  checker.check(spec, value, path);
  return checker.result();
};

/* ---------------- JSON Schema (draft-04) ---------------- */

export type JsonSchema = Record<string, unknown>;

const withDescription = (schema: JsonSchema, description: string | undefined): JsonSchema =>
  description ? { ...schema, description } : schema;

/**
 * The spec as JSON Schema draft-04: types, lengths, patterns, enums, counts, required and unknown fields. `refine` and
 * `check` hooks and the control-character rule stay domain-only, so the schema may accept more, never less.
 */
export const toJsonSchema = (spec: Spec<never>): JsonSchema => {
  switch (spec.kind) {
    case 'string': {
      const pattern = spec.pattern ? (spec.emptyOk ? `^$|${spec.pattern.source}` : spec.pattern.source) : undefined;
      return withDescription(
        {
          type: 'string',
          ...(spec.min ? { minLength: spec.min } : {}),
          maxLength: spec.max,
          ...(pattern ? { pattern } : {}),
        },
        spec.description,
      );
    }
    case 'enum':
      return withDescription({ type: 'string', enum: [...spec.values] }, spec.description);
    case 'integer':
      return withDescription({ type: 'integer', minimum: spec.min, maximum: spec.max }, spec.description);
    case 'boolean':
      return withDescription({ type: 'boolean' }, spec.description);
    case 'array':
      return withDescription(
        {
          type: 'array',
          ...(spec.min ? { minItems: spec.min } : {}),
          maxItems: spec.max,
          ...(spec.unique === true ? { uniqueItems: true } : {}),
          items: toJsonSchema(spec.items),
        },
        spec.description,
      );
    case 'object':
      return withDescription(
        {
          type: 'object',
          additionalProperties: false,
          ...(spec.required?.length ? { required: [...spec.required] } : {}),
          properties: Object.fromEntries(Object.entries(spec.fields).map(([k, v]) => [k, toJsonSchema(v as Spec<never>)])),
        },
        spec.description,
      );
    case 'map':
      return withDescription(
        { type: 'object', maxProperties: spec.max, additionalProperties: toJsonSchema(spec.values as Spec<never>) },
        spec.description,
      );
  }
};
