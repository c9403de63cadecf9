/**
 * Deterministic Step Functions execution names and the idempotency rules built on them (pure, no AWS calls).
 *
 * Step Functions execution names are 1–80 characters; the console and the API accept more, but names outside
 * `[A-Za-z0-9-_]` break CloudWatch Logs / metrics, so this project only ever produces `^[A-Za-z0-9_-]{1,80}$`.
 * A name is unique per state machine for 90 days after the execution closes, and AWS documents StartExecution as
 * idempotent for "the same name and the same input while the execution is running" (it returns the original
 * response); a closed execution, or a different input, yields `ExecutionAlreadyExists`.
 *
 * So every trigger derives the name from the identity of the request, never from a clock or a random id:
 *  - EventBridge:  `evt-<event id>` (EventBridge delivers at least once and a redelivery keeps the event id);
 *  - API with an `Idempotency-Key`: `api-key-<key>` (or `api-keyh-<sha256(key)>` when the key is not name-safe);
 *  - API without the header: `api-body-<sha256(canonical execution input)>`;
 *  - the teardown `DELETE /provisionings/{id}` starts (teardown state machine): `del-<provisioning name>` (or
 *    `delh-<sha256(name)>` when that exceeds 80 characters), so a repeated DELETE names the same teardown;
 *  - an update `PUT /provisionings/{id}` starts: `put-<60 hex of sha256(id + canonical request)>`, with `-<n>` when
 *    the same request is applied again after another one (src/domain/provisioning-record.ts, updateExecutionName).
 * The prefixes differ at a fixed position, so names from different sources can never collide.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_PASSWORD_SECRET_PREFIX } from './secret-scope.ts';

export const MAX_EXECUTION_NAME_LENGTH = 80;
export const EXECUTION_NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

export const EVENT_NAME_PREFIX = 'evt-';
export const KEY_NAME_PREFIX = 'api-key-';
export const HASHED_KEY_NAME_PREFIX = 'api-keyh-';
export const BODY_NAME_PREFIX = 'api-body-';
export const TEARDOWN_NAME_PREFIX = 'del-';
export const UPDATE_NAME_PREFIX = 'put-';
export const HASHED_TEARDOWN_NAME_PREFIX = 'delh-';

/** Longest `Idempotency-Key` accepted at all (bounded so a header cannot make us hash megabytes). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 256;

/** The longest event `id` the start functions take (EventBridge's own ids are UUIDs). */
export const MAX_EVENT_ID_LENGTH = 256;

const SAFE = /^[A-Za-z0-9_-]+$/;

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const isValidExecutionName = (name: string): boolean => EXECUTION_NAME_PATTERN.test(name);

/** `prefix + raw` when that is a valid name, else `hashedPrefix + sha256(raw)` (64 hex chars). */
const nameFrom = (prefix: string, hashedPrefix: string, raw: string): string => {
  const direct = `${prefix}${raw}`;
  if (SAFE.test(raw) && direct.length <= MAX_EXECUTION_NAME_LENGTH) return direct;
  return `${hashedPrefix}${sha256Hex(raw)}`;
};

/** Execution name for an EventBridge event id (a UUID in practice: `evt-` + 36 chars). */
export const executionNameForEvent = (eventId: string): string => {
  if (eventId.length === 0) throw new RangeError('event id must not be empty');
  return nameFrom(EVENT_NAME_PREFIX, `${EVENT_NAME_PREFIX}h-`, eventId);
};

/** Execution name for an API `Idempotency-Key` header value. */
export const executionNameForIdempotencyKey = (key: string): string => {
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new RangeError(`Idempotency-Key must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  }
  return nameFrom(KEY_NAME_PREFIX, HASHED_KEY_NAME_PREFIX, key);
};

/** Execution name (on the teardown state machine) of the teardown of a provisioning execution. */
export const teardownNameForProvisioning = (provisioningName: string): string => {
  if (provisioningName.length === 0) throw new RangeError('provisioning execution name must not be empty');
  return nameFrom(TEARDOWN_NAME_PREFIX, HASHED_TEARDOWN_NAME_PREFIX, provisioningName);
};

/**
 * The name of an update of provisioning `provisioningId` to `input`, before its generation suffix: 64 characters, so
 * `-<n>` still fits in 80.
 */
export const updateNameBase = (provisioningId: string, input: unknown): string =>
  `${UPDATE_NAME_PREFIX}${sha256Hex(`${provisioningId}\n${canonicalJson(input)}`).slice(0, 60)}`;

/** Execution name for an API request without `Idempotency-Key`: a hash of the canonical execution input. */
export const executionNameForInput = (input: unknown): string => `${BODY_NAME_PREFIX}${sha256Hex(canonicalJson(input))}`;

/**
 * JSON with object keys sorted at every level (arrays keep their order: order is meaningful for subnets).
 * The same request always serialises to the same string, so it can be hashed and compared.
 */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value));

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort()
        .map((k) => [k, sortKeys(record[k])]),
    );
  }
  return value;
};

/** True when two JSON documents (strings as Step Functions returns them) are the same value. */
export const sameJson = (a: string | undefined, b: string | undefined): boolean => {
  if (a === undefined || b === undefined) return a === b;
  try {
    return canonicalJson(JSON.parse(a)) === canonicalJson(JSON.parse(b));
  } catch {
    return a === b;
  }
};

/**
 * `arn:aws:states:<region>:<account>:stateMachine:<sm>` + name -> `arn:aws:states:<region>:<account>:execution:<sm>:<name>`.
 * (For a state machine version/alias ARN, the qualifier is dropped: executions belong to the state machine.)
 */
export const executionArnFor = (stateMachineArn: string, executionName: string): string => {
  const parts = stateMachineArn.split(':');
  if (parts.length < 7 || parts[0] !== 'arn' || parts[2] !== 'states' || parts[5] !== 'stateMachine') {
    throw new RangeError(`not a Step Functions state machine ARN: ${stateMachineArn}`);
  }
  return [...parts.slice(0, 5), 'execution', parts[6], executionName].join(':');
};

/** The execution name from an execution ARN (its last segment). */
export const executionNameOf = (executionArn: string): string => executionArn.split(':').pop() ?? executionArn;

/** True when `executionArn` is an execution of `stateMachineArn`. */
export const belongsTo = (executionArn: string, stateMachineArn: string): boolean => {
  const name = executionNameOf(executionArn);
  try {
    return executionArnFor(stateMachineArn, name) === executionArn;
  } catch {
    return false;
  }
};

/**
 * Secrets Manager name for the admin password a `POST /provisionings` carried, derived from the state machine and
 * execution names so a repeated request finds the secret it stored the first time, and two stages (two state
 * machines) in one account never share one. All such secrets of one state machine share the prefix
 * `<password secret prefix><state machine name>/`, which is what the API function's IAM policy is scoped to; it lies
 * inside the deployment's password secret scope, so the workflow may read them.
 */
export const passwordSecretPrefixFor = (stateMachineArn: string, scopePrefix = DEFAULT_PASSWORD_SECRET_PREFIX): string =>
  `${scopePrefix}${stateMachineArn.split(':')[6] ?? 'unknown'}/`;
export const passwordSecretNameFor = (stateMachineArn: string, executionName: string, scopePrefix = DEFAULT_PASSWORD_SECRET_PREFIX): string =>
  `${passwordSecretPrefixFor(stateMachineArn, scopePrefix)}${executionName}/admin-password`;
