/**
 * EventBridge trigger: a rule on the project's custom bus matching
 *   { "source": ["ad-cert-orchestrator.requests"], "detail-type": ["Provisioning Requested"] }
 * invokes this function (asynchronously); `detail` is the execution input (contract v1, `PasswordSecretId` only —
 * a password in an event would be stored by EventBridge, its archive and the DLQ, so it is rejected).
 *
 * Idempotency: EventBridge delivers at least once and a redelivery keeps the event `id`, so the execution name is
 * derived from it (`evt-<id>`, src/domain/execution-names.ts). A redelivery while the execution runs gets the same
 * ARN from StartExecution itself; after it closed, `ExecutionAlreadyExists` + DescribeExecution with the same input
 * is "already started" (success, nothing new).
 *
 * A malformed event is rejected: `InvalidRequestError` with every violation (paths under `detail.`), logged with the
 * event id and the violations only (never the event), counted (`EventsRejected`), and dead-lettered by this function
 * itself, redacted (src/api/rejected-event.ts): the invocation succeeds, so the event (which may carry the password
 * it is rejected for) never reaches Lambda's on-failure destination. Every other failure throws, so the event is
 * kept: Lambda's async retries, then the on-failure destination (the SQS DLQ in serverless/triggers-resources.yml).
 */
import type { Context, EventBridgeEvent } from 'aws-lambda';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { DETAIL_TYPE_REQUESTED, REQUEST_EVENT_SOURCE as SOURCE } from '../contract.ts';
import { InvalidRequestError, ProvisioningError } from '../domain/errors.ts';
import type { Violation } from '../domain/errors.ts';
import { MAX_EVENT_ID_LENGTH, canonicalJson, executionNameForEvent } from '../domain/execution-names.ts';
import { validateRequest } from '../domain/validate.ts';
import { stateMachineArn } from '../lib/config.ts';
import { startExecutionIdempotently } from '../api/start-execution.ts';
import { deadLetterRejectedEvent } from '../api/rejected-event.ts';
import type { RejectedOutcome } from '../api/rejected-event.ts';
import { validationScope } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { publishSafely } from '../lib/metrics.ts';
import { annotateExecution, tracer } from '../lib/tracer.ts';
import { transportErrorNames } from '../lib/transport-errors.ts';

export const REQUEST_EVENT_SOURCE = SOURCE;
export const REQUEST_DETAIL_TYPE = DETAIL_TYPE_REQUESTED;

/** The event id was used before for a DIFFERENT request (should never happen with EventBridge-generated ids). */
export class ExecutionNameConflictError extends ProvisioningError {}

export interface StartFromEventResult {
  executionArn: string;
  executionName: string;
  /** true when this delivery started nothing new (redelivery of an event already started). */
  alreadyStarted: boolean;
}


const prefixed = (violations: Violation[]): Violation[] =>
  violations.map((v) => ({ path: v.path === '(request)' ? 'detail' : `detail.${v.path}`, message: v.message }));

/** Validates the envelope and the detail; returns the id and the normalised execution input, or throws. */
export const parseRequestEvent = (event: unknown): { id: string; input: string } => {
  const violations: Violation[] = [];
  const e = (typeof event === 'object' && event !== null ? event : {}) as Partial<EventBridgeEvent<string, unknown>>;
  if (typeof event !== 'object' || event === null) violations.push({ path: '(event)', message: 'must be an EventBridge event object' });
  const id = typeof e.id === 'string' && e.id.length > 0 && e.id.length <= MAX_EVENT_ID_LENGTH ? e.id : undefined;
  if (!id) violations.push({ path: 'id', message: `must be a non-empty string of at most ${MAX_EVENT_ID_LENGTH} characters` });
  if (e['detail-type'] !== undefined && e['detail-type'] !== REQUEST_DETAIL_TYPE) {
    violations.push({ path: 'detail-type', message: `must be "${REQUEST_DETAIL_TYPE}"` });
  }
  const outcome = validateRequest(e.detail, validationScope());
  violations.push(...prefixed(outcome.violations));
  if (violations.length > 0 || !id || !outcome.request) throw new InvalidRequestError(violations);
  return { id, input: canonicalJson(outcome.request) };
};

export const startFromEvent = async (event: unknown): Promise<StartFromEventResult | RejectedOutcome> => {
  const eventId = typeof (event as { id?: unknown } | null)?.id === 'string' ? String((event as { id: string }).id).slice(0, MAX_EVENT_ID_LENGTH) : undefined;
  let parsed: { id: string; input: string };
  try {
    parsed = parseRequestEvent(event);
  } catch (err) {
    if (!(err instanceof InvalidRequestError)) throw err;
    // Paths and rule messages only; the validator never echoes a password-like field's value.
    logger.error('malformed provisioning event: not started (dead-lettered, redacted)', { eventId, violations: err.violations });
    publishSafely([{ name: 'EventsRejected', unit: 'Count', value: 1, dimensions: {} }]);
    return deadLetterRejectedEvent(event, err, eventId);
  }

  const executionName = executionNameForEvent(parsed.id);
  const outcome = await startExecutionIdempotently({ stateMachineArn: stateMachineArn(), name: executionName, input: parsed.input });
  if (outcome.kind === 'conflict') {
    logger.error('event id already used by an execution with a different input', { eventId, executionArn: outcome.executionArn });
    throw new ExecutionNameConflictError(
      `execution ${executionName} already exists with a different input (event ${parsed.id}); not started`,
    );
  }
  const alreadyStarted = outcome.kind === 'existing';
  logger.appendKeys({ executionArn: outcome.executionArn });
  annotateExecution(outcome.executionArn);
  logger.info(alreadyStarted ? 'provisioning already started for this event' : 'provisioning started', { eventId });
  return { executionArn: outcome.executionArn, executionName, alreadyStarted };
};

export const handler = middy<unknown, StartFromEventResult | RejectedOutcome, Error, Context>()
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(transportErrorNames())
  .handler(startFromEvent);
