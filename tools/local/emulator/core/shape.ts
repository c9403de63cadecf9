/**
 * Checks of what a snapshot holds (a `--state` file is JSON a user may edit): each returns the first problem, naming
 * the field by its path (`directories[0].VpcSettings must be an object (got null)`), or undefined. Members a check
 * does not name are left alone (a newer snapshot may carry more).
 */

export type Check = (value: unknown, path: string) => string | undefined;

/** What a value is, for a message: `null`, `array`, `string`, ... */
export const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** What was found instead, for a message: `missing`, `got null`, `got string "x"`, `got number 1e+300`. */
const got = (v: unknown): string => {
  if (v === undefined) return 'missing';
  if (typeof v === 'number' || typeof v === 'boolean') return `got ${kindOf(v)} ${String(v)}`;
  if (typeof v === 'string') return `got string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `got ${kindOf(v)}`;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const string: Check = (v, path) => (typeof v === 'string' ? undefined : `${path} must be a string (${got(v)})`);

export const boolean: Check = (v, path) => (typeof v === 'boolean' ? undefined : `${path} must be true or false (${got(v)})`);

/** Anything JSON (a payload the emulator only stores). */
export const anything: Check = () => undefined;

/** The latest time a snapshot may hold: the end of the year 9999 (what a Date and an ISO timestamp can show). */
export const MAX_TIME_MS = 253_402_300_799_999;

/** Epoch milliseconds from 1970 to the year 9999. */
export const time: Check = (v, path) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_TIME_MS ? undefined : `${path} must be a time in epoch milliseconds between 0 and ${MAX_TIME_MS} (${got(v)})`;

/** A duration in seconds, at most a thousand years. */
export const seconds: Check = (v, path) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 3.2e10 ? undefined : `${path} must be a number of seconds between 0 and 3.2e10 (${got(v)})`;

export const integer = (min: number, max: number): Check => (v, path) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : `${path} must be an integer between ${min} and ${max} (${got(v)})`;

export const oneOf = (values: readonly string[]): Check => (v, path) =>
  typeof v === 'string' && values.includes(v) ? undefined : `${path} must be one of ${values.join(', ')} (${got(v)})`;

export const optional = (check: Check): Check => (v, path) => (v === undefined ? undefined : check(v, path));

export const arrayOf = (check: Check): Check => (v, path) => {
  if (!Array.isArray(v)) return `${path} must be an array (${got(v)})`;
  for (const [i, item] of v.entries()) {
    const problem = check(item, `${path}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
};

/** An object whose values all pass `check` (keys are free). */
export const recordOf = (check: Check): Check => (v, path) => {
  if (!isObject(v)) return `${path} must be an object (${got(v)})`;
  for (const [key, value] of Object.entries(v)) {
    const problem = check(value, `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
};

/** An object with these members (each check sees undefined for a missing one: wrap it in `optional` if it may be). */
export const object = (members: Record<string, Check>): Check => (v, path) => {
  if (!isObject(v)) return `${path} must be an object (${got(v)})`;
  for (const [key, check] of Object.entries(members)) {
    const problem = check(v[key], path ? `${path}.${key}` : key);
    if (problem) return problem;
  }
  return undefined;
};

/** AWS-style tags as a list of `{Key, Value}`. */
export const tagList: Check = arrayOf(object({ Key: string, Value: string }));
