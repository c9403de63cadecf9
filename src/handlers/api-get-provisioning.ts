/**
 * `GET /provisionings/{id}` (API Gateway REST API, AWS_IAM auth, Lambda proxy integration).
 *
 * `{id}` is the execution name (what `Location` of POST points to) or, URL-encoded, the full execution ARN of this
 * state machine. DescribeExecution + GetExecutionHistory (newest first, a few pages at most) give:
 * status, the state it is in, the directory stage and connector status (from the newest step outputs), error +
 * cause (+ the failed state) on failure, the provisioning record on success, redrive count/status.
 * When `DELETE /provisionings/{id}` started a teardown, `teardown` shows it (status, start/stop, the teardown record
 * or the error).
 *
 * The provisioning record is read first (src/persistence/provisioning-records.ts: request, outputs, status, last
 * plan, every execution), the history second: with both, the status above plus `record`; once Step Functions has
 * purged the history (90 days after an execution ended), the status fields come from the record alone (its first
 * execution, the outputs of its last successful apply, its last teardown). 404 when neither knows the id (or it
 * names an execution of another state machine). No secret can be in the body: the execution carries only a Secrets
 * Manager reference, and password-like keys are redacted anyway.
 */
import { paginateGetExecutionHistory } from '@aws-sdk/client-sfn';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { executionNameOf } from '../domain/execution-names.ts';
import { recordView, statusFromRecord, teardownSummaryOf } from '../domain/provisioning-record.ts';
import { factsFromHistory, provisioningStatus } from '../domain/provisioning-status.ts';
import type { ProvisioningStatus } from '../domain/provisioning-status.ts';
import { sfn } from '../aws/clients.ts';
import { stateMachineArn } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { annotateExecution } from '../lib/tracer.ts';
import { httpHandler, json } from '../api/http.ts';
import type { ParsedEvent } from '../api/http.ts';
import { notFound, provisioningArnFromPath } from '../api/provisioning-id.ts';
import { describeIfExists } from '../api/start-execution.ts';
import { readTeardown } from '../api/teardown-status.ts';
import { readRecord } from '../api/directory-changes.ts';

export { executionArnForId } from '../api/provisioning-id.ts';

/** History page size and page limit: the facts are in the newest few events; bounded for very long executions. */
export const HISTORY_PAGE_SIZE = 100;
export const HISTORY_MAX_PAGES = 5;

/** Status of one execution (shared with the executions CLI's `show`). undefined when it does not exist. */
export const readProvisioningStatus = async (executionArn: string): Promise<ProvisioningStatus | undefined> => {
  const described = await describeIfExists(executionArn).catch((err: unknown) => {
    if (err instanceof Error && err.name === 'InvalidArn') return undefined;
    throw err;
  });
  if (!described) return undefined;
  const events: HistoryEvent[] = [];
  let pages = 0;
  for await (const page of paginateGetExecutionHistory({ client: sfn(), pageSize: HISTORY_PAGE_SIZE }, { executionArn, reverseOrder: true })) {
    events.push(...(page.events ?? []));
    pages += 1;
    if (pages === HISTORY_MAX_PAGES || factsFromHistory(events).complete) break;
  }
  return provisioningStatus(described, factsFromHistory(events));
};

export const getProvisioning = async (event: ParsedEvent<unknown>, _context?: Context): Promise<APIGatewayProxyResult> => {
  const executionArn = provisioningArnFromPath(event, stateMachineArn());
  logger.appendKeys({ executionArn });
  annotateExecution(executionArn);
  const record = await readRecord(executionNameOf(executionArn));
  const status = await readProvisioningStatus(executionArn);
  const view = record ? recordView(record) : undefined;
  let body: ProvisioningStatus;
  if (status) body = view ? { ...status, record: view } : status;
  else if (record) body = statusFromRecord(record);
  else throw notFound();
  const teardown = (await readTeardown(executionArn)) ?? (view?.lastTeardown ? teardownSummaryOf(view.lastTeardown) : undefined);
  return json(200, teardown ? { ...body, teardown } : body);
};

export const handler = httpHandler(getProvisioning);
