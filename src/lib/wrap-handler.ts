import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import type { CatalogStateName } from '../workflow/catalog.ts';
import { metricsForError, metricsForResult } from '../domain/metrics.ts';
import { DELETION_PENDING_ERRORS } from '../workflow/teardown-waits.ts';
import { NOT_READY_ERRORS, SHORT_WAIT_ERRORS } from '../workflow/waits.ts';
import { logger } from './logger.ts';
import { publish } from './metrics.ts';
import { transportErrorNames } from './transport-errors.ts';

/** A task's core: typed event in, result out (dependencies are bound by the caller). */
export type TaskCore<TEvent, TResult> = (event: TEvent) => Promise<TResult>;

/** The Lambda entry point shape every task handler exposes. */
export type TaskHandler = (event: unknown, context: Context) => Promise<unknown>;

/** `ExecutionId` from a task input, if it is there and is a short string (it is the execution ARN). */
export const executionIdOf = (event: unknown): string | undefined => {
  if (typeof event !== 'object' || event === null) return undefined;
  const id = (event as { ExecutionId?: unknown }).ExecutionId;
  return typeof id === 'string' && id.length <= 256 ? id : undefined;
};

/**
 * Appends `executionId` and `state` to every log line of the invocation (removed again by `resetKeys`), and logs a
 * failing task's error name and message (never the event; messages of project and AWS errors carry no secret): at
 * INFO for a poll's not-ready error, which is how every poll of a resource still being created ends.
 */
export const correlationKeys = (stateName: CatalogStateName): MiddlewareObj<unknown, unknown, Error, Context> => ({
  before: (request) => {
    const executionId = executionIdOf(request.event);
    logger.appendKeys({ state: stateName, ...(executionId ? { executionId } : {}) });
  },
  onError: (request) => {
    const error = request.error;
    const fields = { errorName: error?.name ?? 'Error', errorMessage: error?.message ?? '' };
    const waiting = [NOT_READY_ERRORS, SHORT_WAIT_ERRORS, DELETION_PENDING_ERRORS].some((names) => names.includes(fields.errorName));
    if (waiting) logger.info('Not ready yet: polled again by the Retry', fields);
    else logger.warn('Task failed', fields);
  },
});

/**
 * Publishes the business metrics a Task's outcome carries (src/domain/metrics.ts): from its result, or from its error
 * name and the error catalog. A failure to publish never fails the task.
 */
export const taskMetrics = (stateName: CatalogStateName): MiddlewareObj<unknown, unknown, Error, Context> => {
  const safely = (points: () => Parameters<typeof publish>[0]): void => {
    try {
      publish(points());
    } catch (error) {
      logger.warn('Metrics not published', { errorName: error instanceof Error ? error.name : 'Error' });
    }
  };
  return {
    after: (request) => safely(() => metricsForResult(stateName, request.response)),
    onError: (request) => safely(() => metricsForError(stateName, request.error?.name ?? 'Error')),
  };
};

/**
 * Builds the middy Lambda handler for one Task state: Powertools context injection (never logging the event,
 * whatever POWERTOOLS_LOGGER_LOG_EVENT says), the correlation keys, the business metrics, then the core.
 * Errors propagate with their names (Lambda reports `errorType = error.name`), except SDK transport failures, which
 * leave under their catalogued names (transport-errors.ts; its onError runs first, so the log line and the metric
 * show that name).
 */
export const wrapHandler = <TEvent, TResult>(core: TaskCore<TEvent, TResult>, stateName: CatalogStateName): TaskHandler =>
  middy(async (event: unknown): Promise<unknown> => core(event as TEvent))
    .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
    .use(correlationKeys(stateName))
    .use(taskMetrics(stateName))
    .use(transportErrorNames()) as unknown as TaskHandler;
