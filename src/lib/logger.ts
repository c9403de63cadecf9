import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured JSON logger of the task handlers.
 *
 * Log level comes from the environment (`POWERTOOLS_LOG_LEVEL`, or `AWS_LAMBDA_LOG_LEVEL` set by Lambda's advanced
 * logging controls; Powertools reads both), default INFO. The local engine sets `POWERTOOLS_LOG_LEVEL=SILENT`.
 *
 * Rules for every call site: never log the Lambda event, never log a secret value (the admin password), log ids and
 * outcomes only.
 */
export const SERVICE_NAME = 'ad-cert-orchestrator';

const moduleLogger = new Logger({ serviceName: SERVICE_NAME });

/**
 * The logger of the invocation running now, where the runner gives each its own: the local world runs Lambda
 * invocations side by side in one process, and keys one appends must not reach another's lines. A deployed Lambda
 * runs one invocation at a time and never enters a scope: it logs with the module's logger, as before.
 */
const invocationLogger = new AsyncLocalStorage<Logger>();

/** The logger every handler imports: the running invocation's, else the module's. */
export const logger: Logger = new Proxy(moduleLogger, {
  get(target, property) {
    const current = invocationLogger.getStore() ?? target;
    const value: unknown = Reflect.get(current, property, current);
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
  },
});

/** A logger for one invocation of a runner of concurrent invocations. */
class InvocationLogger extends Logger {
  /** The process's cold start was reported already: this logger reports none. */
  startWarm(): void {
    this.getColdStart();
  }
}

let coldStartReported = false;

/**
 * Runs one invocation with a logger of its own (the module's settings and level, its own keys), as a runner of
 * concurrent invocations in one process does (tools/local/lambda.ts). Only the first invocation reports a cold start.
 */
export const withInvocationLogger = <T>(invoke: () => T): T => {
  const own = new InvocationLogger({ serviceName: SERVICE_NAME, logLevel: moduleLogger.getLevelName() });
  if (coldStartReported) own.startWarm();
  coldStartReported = true;
  return invocationLogger.run(own, invoke);
};
