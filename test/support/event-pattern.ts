/**
 * EventBridge event pattern matching, the subset the template's rules use (Amazon EventBridge User Guide, "Event
 * patterns"): a field's array lists the values it may have (any one matches; an array field matches when one of its
 * elements does), a nested object matches the nested field, `{ "anything-but": [...] }` matches a present value not
 * listed, `{ "exists": bool }` tests presence. Values compare as JSON, so an unresolved `{ Ref }` in a packaged pattern
 * matches the same `{ Ref }` in a test event. Anything else throws: a test never passes on an operator it ignores.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const matchesValue = (condition: Json, value: unknown, present: boolean): boolean => {
  if (condition !== null && typeof condition === 'object' && !Array.isArray(condition)) {
    const [op, ...more] = Object.keys(condition);
    if (more.length > 0 || op === undefined) throw new Error(`event-pattern: one operator per condition, got ${JSON.stringify(condition)}`);
    const arg = condition[op];
    if (op === 'anything-but') return present && ![arg].flat().some((x) => same(x, value));
    if (op === 'exists') return present === arg;
    throw new Error(`event-pattern: operator ${op} is not supported here`);
  }
  return present && same(condition, value);
};

export const matchesPattern = (pattern: Json, event: unknown): boolean => {
  if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) throw new Error('event-pattern: a pattern is an object');
  const record = (event ?? {}) as Record<string, unknown>;
  return Object.entries(pattern).every(([key, condition]) => {
    const present = Object.hasOwn(record, key);
    const value = record[key];
    if (Array.isArray(condition)) {
      const values = Array.isArray(value) ? value : [value];
      return condition.some((c) => values.some((v) => matchesValue(c, v, present)));
    }
    if (condition !== null && typeof condition === 'object') return present && matchesPattern(condition, value);
    throw new Error(`event-pattern: ${key} must be an array or an object`);
  });
};
