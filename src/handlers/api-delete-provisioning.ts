/**
 * `DELETE /provisionings/{id}` (API Gateway REST API, AWS_IAM auth, Lambda proxy integration): starts the teardown
 * of a provisioning (docs/teardown.md).
 *
 * `{id}` is what GET reads: the provisioning's execution name or, URL-encoded, its execution ARN. The teardown's
 * input is the request the provisioning record holds (the last one applied: read first, it outlives the history),
 * else that execution's input, unchanged (either carries a Secrets Manager reference, never a password), plus
 * `"Force": true` only with the query parameter `force=true`. A request body is refused (400): DELETE content has no
 * defined meaning (RFC 9110 §9.3.5) and some clients and proxies drop it, so Force is never read from one.
 *
 * Idempotency: the teardown's execution name derives from the provisioning's (`del-<name>`,
 * src/domain/execution-names.ts). Responses (the semantics of POST):
 *   202 Accepted — this call started the teardown (one caller only, also for concurrent identical calls);
 *   200 OK       — the teardown of this provisioning already exists (any status): that execution;
 *   both `{ executionArn, name, status, startDate, force, provisioning: { executionArn, name }, location }` +
 *   `Location` (GET /provisionings/{id}, which shows the teardown);
 *   404          — no such provisioning (neither a record nor an execution);
 *   409          — the provisioning is still running (or waiting for a redrive), another change of its directory is
 *                  running (named), or its teardown exists with the other Force;
 *   400          — a body, `force` other than true/false, or another query parameter (e.g. `Force`).
 */
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { canonicalJson, executionNameOf, teardownNameForProvisioning } from '../domain/execution-names.ts';
import { teardownStateMachineArn, stateMachineArn } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { executionAnswer } from '../api/execution-answer.ts';
import { HttpProblem, httpHandler } from '../api/http.ts';
import type { ParsedEvent } from '../api/http.ts';
import { notFound, provisioningArnFromPath } from '../api/provisioning-id.ts';
import { describeIfExists, findExistingExecution, startExecutionIdempotently } from '../api/start-execution.ts';
import { concurrentChange, readRecord } from '../api/directory-changes.ts';
import { identityOf } from '../domain/provisioning-record.ts';

/** Provisioning statuses a teardown must not race with. */
const ACTIVE = new Set(['RUNNING', 'PENDING_REDRIVE']);

const invalid = (path: string, message: string): HttpProblem =>
  new HttpProblem(400, { message: `Invalid teardown request: ${path} ${message}`, violations: [{ path, message }] });

/**
 * `force` from the query string: absent = false; `true`/`false` once; anything else is a 400, and so is any other
 * parameter (query parameter names are case-sensitive: `Force=true` would otherwise be silently ignored).
 */
export const forceOf = (event: ParsedEvent<unknown>): boolean => {
  const names = new Set([...Object.keys(event.multiValueQueryStringParameters ?? {}), ...Object.keys(event.queryStringParameters ?? {})]);
  for (const name of names) {
    if (name !== 'force') {
      throw invalid(`${name} (query)`, name.toLowerCase() === 'force' ? 'is not a parameter: the parameter is force, in lower case' : 'is not a parameter (the only one is force)');
    }
  }
  const values = event.multiValueQueryStringParameters?.['force'] ?? (event.queryStringParameters?.['force'] !== undefined ? [event.queryStringParameters['force']] : []);
  if (values.length === 0) return false;
  if (values.length > 1) throw invalid('force (query)', 'must be given once');
  const value = (values[0] ?? '').toLowerCase();
  if (value !== 'true' && value !== 'false') throw invalid('force (query)', 'must be true or false');
  return value === 'true';
};

const hasBody = (event: ParsedEvent<unknown>): boolean =>
  event.body !== null && event.body !== undefined && !(typeof event.body === 'string' && event.body.trim() === '');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The provisioning's execution input as an object (it was validated when it started). */
const provisioningInput = (input: string | undefined): Record<string, unknown> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input ?? '');
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed)) throw new Error('the provisioning execution input is not a JSON object'); // 500, no details
  return parsed;
};

export const deleteProvisioning = async (event: ParsedEvent<unknown>, _context?: Context): Promise<APIGatewayProxyResult> => {
  if (hasBody(event)) throw invalid('(body)', 'must be empty: use the query parameter force=true to delete what this tool did not create');
  const force = forceOf(event);
  const provisioningArn = provisioningArnFromPath(event, stateMachineArn());
  const provisioningName = executionNameOf(provisioningArn);
  const record = await readRecord(provisioningName);
  const provisioning = await describeIfExists(provisioningArn).catch((err: unknown) => {
    if (err instanceof Error && err.name === 'InvalidArn') return undefined;
    throw err;
  });
  if (!record && !provisioning) throw notFound();

  const provisioningRequest = isRecord(record?.request) ? record.request : provisioningInput(provisioning?.input);
  const name = teardownNameForProvisioning(provisioningName);
  const input = canonicalJson(force ? { ...provisioningRequest, Force: true } : provisioningRequest);
  const request = { stateMachineArn: teardownStateMachineArn(), name, input };
  logger.appendKeys({ executionName: name, provisioningExecutionArn: provisioningArn });

  let outcome = await findExistingExecution(request);
  if (!outcome) {
    if (provisioning && ACTIVE.has(provisioning.status ?? '')) {
      throw new HttpProblem(409, {
        message: `The provisioning is ${provisioning.status}: wait until it ends (or stop it), then DELETE again.`,
        provisioningStatus: provisioning.status,
      });
    }
    const identity = identityOf(provisioningRequest);
    const running = identity ? await concurrentChange(identity) : undefined;
    if (running) throw running;
    outcome = await startExecutionIdempotently(request);
  }
  if (outcome.kind === 'conflict') {
    throw new HttpProblem(409, {
      message: `A teardown of this provisioning already exists with force=${String(!force)}; it is the one to follow (GET).`,
      executionArn: outcome.executionArn,
      name,
    });
  }

  const location = event.requestContext?.path ?? `/provisionings/${encodeURIComponent(provisioningName)}`;
  // The claim key carries the machine, so it can never equal a provisioning's (names have no ':').
  return executionAnswer(outcome, name, event, {
    what: 'teardown',
    location,
    claimKey: `teardown:${name}`,
    extra: { force, provisioning: { executionArn: provisioningArn, name: provisioningName } },
  });
};

export const handler = httpHandler(deleteProvisioning);
