/**
 * EventBridge trigger of the teardown: a rule on the project's custom bus matching
 *   { "source": ["ad-cert-orchestrator.requests"], "detail-type": ["Deprovisioning Requested"] }
 * invokes this function (asynchronously); `detail` is the teardown input (docs/teardown.md): the provisioning request
 * (`PasswordSecretId` only, as for `Provisioning Requested`) plus an optional `"Force": true`.
 *
 * Idempotency and failures as src/handlers/start-from-event.ts: the execution (on the teardown state machine)
 * is named `evt-<event id>`, so a redelivery starts nothing new; a malformed event is rejected, counted and
 * dead-lettered redacted by this function (src/api/rejected-event.ts), and a failed start throws, so the event goes
 * through Lambda's async retries to the on-failure destination (the triggers' SQS DLQ). Logged with the event id and
 * violation paths only, never the event.
 */
import type { Context, EventBridgeEvent } from 'aws-lambda';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { DETAIL_TYPE_TEARDOWN_REQUESTED } from '../contract.ts';
import { InvalidRequestError, ProvisioningError } from '../domain/errors.ts';
import type { Violation } from '../domain/errors.ts';
import { MAX_EVENT_ID_LENGTH, canonicalJson, executionNameForEvent } from '../domain/execution-names.ts';
import { parseTeardownRequest } from '../domain/teardown.ts';
import { teardownStateMachineArn, validationScope } from '../lib/config.ts';
import { startExecutionIdempotently } from '../api/start-execution.ts';
import { deadLetterRejectedEvent } from '../api/rejected-event.ts';
import type { RejectedOutcome } from '../api/rejected-event.ts';
import { logger } from '../lib/logger.ts';
import { publishSafely } from '../lib/metrics.ts';
import { annotateExecution, tracer } from '../lib/tracer.ts';
import { transportErrorNames } from '../lib/transport-errors.ts';

/** The event id was used before for a DIFFERENT teardown request (should never happen with EventBridge ids). */
export class TeardownNameConflictError extends ProvisioningError {}

export interface StartTeardownResult {
  executionArn: string;
  executionName: string;
  /** true when this delivery started nothing new (redelivery of an event already started). */
  alreadyStarted: boolean;
}


/** Validates the envelope and the detail; returns the id and the teardown input (canonical JSON), or throws. */
export const parseTeardownEvent = (event: unknown): { id: string; input: string } => {
  const violations: Violation[] = [];
  const e = (typeof event === 'object' && event !== null ? event : {}) as Partial<EventBridgeEvent<string, unknown>>;
  if (typeof event !== 'object' || event === null) violations.push({ path: '(event)', message: 'must be an EventBridge event object' });
  const id = typeof e.id === 'string' && e.id.length > 0 && e.id.length <= MAX_EVENT_ID_LENGTH ? e.id : undefined;
  if (!id) violations.push({ path: 'id', message: `must be a non-empty string of at most ${MAX_EVENT_ID_LENGTH} characters` });
  if (e['detail-type'] !== undefined && e['detail-type'] !== DETAIL_TYPE_TEARDOWN_REQUESTED) {
    violations.push({ path: 'detail-type', message: `must be "${DETAIL_TYPE_TEARDOWN_REQUESTED}"` });
  }
  let input: string | undefined;
  try {
    const { request, force } = parseTeardownRequest(e.detail, validationScope());
    input = canonicalJson(force ? { ...request, Force: true } : request);
  } catch (err) {
    if (!(err instanceof InvalidRequestError)) throw err;
    violations.push(...err.violations.map((v) => ({ path: v.path === '(request)' ? 'detail' : `detail.${v.path}`, message: v.message })));
  }
  if (violations.length > 0 || !id || input === undefined) throw new InvalidRequestError(violations, 'teardown');
  return { id, input };
};

export const startTeardownFromEvent = async (event: unknown): Promise<StartTeardownResult | RejectedOutcome> => {
  const eventId = typeof (event as { id?: unknown } | null)?.id === 'string' ? String((event as { id: string }).id).slice(0, MAX_EVENT_ID_LENGTH) : undefined;
  let parsed: { id: string; input: string };
  try {
    parsed = parseTeardownEvent(event);
  } catch (err) {
    if (!(err instanceof InvalidRequestError)) throw err;
    logger.error('malformed teardown event: not started (dead-lettered, redacted)', { eventId, violations: err.violations });
    publishSafely([{ name: 'EventsRejected', unit: 'Count', value: 1, dimensions: {} }]);
    return deadLetterRejectedEvent(event, err, eventId);
  }

  const executionName = executionNameForEvent(parsed.id);
  const outcome = await startExecutionIdempotently({ stateMachineArn: teardownStateMachineArn(), name: executionName, input: parsed.input });
  if (outcome.kind === 'conflict') {
    logger.error('event id already used by a teardown with a different input', { eventId, executionArn: outcome.executionArn });
    throw new TeardownNameConflictError(`teardown ${executionName} already exists with a different input (event ${parsed.id}); not started`);
  }
  const alreadyStarted = outcome.kind === 'existing';
  logger.appendKeys({ executionArn: outcome.executionArn });
  annotateExecution(outcome.executionArn);
  logger.info(alreadyStarted ? 'teardown already started for this event' : 'teardown started', { eventId });
  return { executionArn: outcome.executionArn, executionName, alreadyStarted };
};

export const handler = middy<unknown, StartTeardownResult | RejectedOutcome, Error, Context>()
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(transportErrorNames())
  .handler(startTeardownFromEvent);
