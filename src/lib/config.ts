/** Deployment settings the handlers read from their environment (set in serverless.yml), read at invocation time. */
import { DEFAULT_PASSWORD_SECRET_PREFIX } from '../domain/secret-scope.ts';
import type { ValidationScope } from '../domain/validate.ts';

/** `PASSWORD_SECRET_PREFIX`: the names of the password secrets this deployment may read. */
export const passwordSecretPrefix = (): string => process.env['PASSWORD_SECRET_PREFIX'] || DEFAULT_PASSWORD_SECRET_PREFIX;

export const validationScope = (): ValidationScope => ({ passwordSecretPrefix: passwordSecretPrefix() });

/** Thrown at invocation time when the function is deployed without its configuration. */
export class MissingConfigurationError extends Error {
  constructor(variable: string) {
    super(`environment variable ${variable} is not set`);
    this.name = 'MissingConfigurationError';
  }
}

/** `STATE_MACHINE_ARN`: the state machine the trigger and API functions start and read. */
export const stateMachineArn = (): string => {
  const arn = process.env['STATE_MACHINE_ARN'];
  if (!arn) throw new MissingConfigurationError('STATE_MACHINE_ARN');
  return arn;
};

/** `TEARDOWN_STATE_MACHINE_ARN`: the teardown state machine the DELETE and teardown-event functions start. */
export const teardownStateMachineArn = (): string => {
  const arn = process.env['TEARDOWN_STATE_MACHINE_ARN'];
  if (!arn) throw new MissingConfigurationError('TEARDOWN_STATE_MACHINE_ARN');
  return arn;
};

/** `PLAN_FUNCTION_NAME`: the read-only dry-run function `POST /provisionings?dryRun=true` invokes for the plan. */
export const planFunctionName = (): string => {
  const name = process.env['PLAN_FUNCTION_NAME'];
  if (!name) throw new MissingConfigurationError('PLAN_FUNCTION_NAME');
  return name;
};

/** `COORDINATION_TABLE_NAME`: the directory creation lease table (CoordinationTable). */
export const coordinationTableName = (): string => {
  const name = process.env['COORDINATION_TABLE_NAME'];
  if (!name) throw new Error('COORDINATION_TABLE_NAME is not set (the CoordinationTable of serverless.yml)');
  return name;
};

/** `RECORDS_TABLE_NAME`: the provisioning records (ProvisioningRecordsTable). */
export const recordsTableName = (): string => {
  const name = process.env['RECORDS_TABLE_NAME'];
  if (!name) throw new MissingConfigurationError('RECORDS_TABLE_NAME');
  return name;
};

/** How long an SDK call may wait for a TCP connection (ms). */
export const SDK_CONNECTION_TIMEOUT_MS = 3_000;
/** Default socket idle timeout of an SDK call (ms): three attempts fit well inside the functions' 30 s timeout. */
export const SDK_SOCKET_TIMEOUT_MS = 8_000;

/**
 * `SDK_SOCKET_TIMEOUT_MS`: the socket idle timeout of the SDK clients, read when a client is created (default 8 s).
 * A silent endpoint then fails the call as a TimeoutError inside the Lambda timeout instead of hanging until
 * Sandbox.Timedout. The local world lowers it to exercise timeouts without long waits.
 */
export const sdkSocketTimeoutMs = (): number => positiveIntegerEnv('SDK_SOCKET_TIMEOUT_MS', SDK_SOCKET_TIMEOUT_MS);

/**
 * `SDK_CONNECTION_TIMEOUT_MS`: how long the SDK clients wait for a TCP connection, read when a client is created
 * (default 3 s). The in-process load run raises it: there the emulator shares one event loop with hundreds of
 * executions, which is not a network fault.
 */
export const sdkConnectionTimeoutMs = (): number => positiveIntegerEnv('SDK_CONNECTION_TIMEOUT_MS', SDK_CONNECTION_TIMEOUT_MS);

const positiveIntegerEnv = (name: string, fallback: number): number => {
  const raw = Number(process.env[name]);
  return Number.isInteger(raw) && raw > 0 ? raw : fallback;
};

/** `DEAD_LETTER_QUEUE_URL`: the triggers' dead-letter queue, where a start function puts a rejected event, redacted. */
export const deadLetterQueueUrl = (): string => {
  const url = process.env['DEAD_LETTER_QUEUE_URL'];
  if (!url) throw new MissingConfigurationError('DEAD_LETTER_QUEUE_URL');
  return url;
};
