import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context } from 'aws-lambda';
import type { CatalogStateName } from '../workflow/catalog.ts';
import { metricsForError, metricsForResult } from '../domain/metrics.ts';
import { DELETION_PENDING_ERRORS } from '../workflow/teardown-waits.ts';
import { NOT_READY_ERRORS, SHORT_WAIT_ERRORS } from '../workflow/waits.ts';
import { logger } from './logger.ts';
import { publishSafely } from './metrics.ts';
import { annotateExecution, tracer } from './tracer.ts';
import { transportErrorNames } from './transport-errors.ts';

/** A task's core: typed event in, result out (dependencies are bound by the caller). */
export type TaskCore<TEvent, TResult> = (event: TEvent) => Promise<TResult>;

/** The Lambda entry point shape every task handler exposes. */
export type TaskHandler = (event: unknown, context: Context) => Promise<unknown>;

/** The execution ARN a task input carries as `ExecutionId` (`$$.Execution.Id`), if it is there and is a short string. */
export const executionArnOf = (event: unknown): string | undefined => {
  if (typeof event !== 'object' || event === null) return undefined;
  const id = (event as { ExecutionId?: unknown }).ExecutionId;
  return typeof id === 'string' && id.length <= 256 ? id : undefined;
};

/**
 * Appends `executionArn` (the correlation key of every log line about an execution, triggers included) and `state` to
 * every log line of the invocation (removed again by `resetKeys`), annotates the trace with the execution ARN, and
 * logs a failing task's error name and message (never the event; messages of project and AWS errors carry no
 * secret): at INFO for a poll's not-ready error, which is how every poll of a resource still being created ends.
 */
export const correlationKeys = (stateName: CatalogStateName): MiddlewareObj<unknown, unknown, Error, Context> => ({
  before: (request) => {
    const executionArn = executionArnOf(request.event);
    logger.appendKeys({ state: stateName, ...(executionArn ? { executionArn } : {}) });
    annotateExecution(executionArn);
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
export const taskMetrics = (stateName: CatalogStateName): MiddlewareObj<unknown, unknown, Error, Context> => ({
  after: (request) => publishSafely(metricsForResult(stateName, request.response)),
  onError: (request) => publishSafely(metricsForError(stateName, request.error?.name ?? 'Error')),
});

/**
 * Builds the middy Lambda handler for one Task state: the X-Ray handler subsegment (no response recorded), Powertools
 * context injection (never logging the event, whatever POWERTOOLS_LOGGER_LOG_EVENT says), the correlation keys, the
 * business metrics, then the core.
 * Errors propagate with their names (Lambda reports `errorType = error.name`), except SDK transport failures, which
 * leave under their catalogued names (transport-errors.ts; its onError runs first, so the log line and the metric
 * show that name).
 */
export const wrapHandler = <TEvent, TResult>(core: TaskCore<TEvent, TResult>, stateName: CatalogStateName): TaskHandler =>
  middy(async (event: unknown): Promise<unknown> => core(event as TEvent))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
    .use(correlationKeys(stateName))
    .use(taskMetrics(stateName))
    .use(transportErrorNames()) as unknown as TaskHandler;
