/**
 * `GET /provisionings/{id}` (API Gateway REST API, AWS_IAM auth, Lambda proxy integration).
 *
 * `{id}` is the execution name (what `Location` of POST points to) or, URL-encoded, the full execution ARN of this
 * state machine. DescribeExecution + GetExecutionHistory (newest first, a few pages at most) give:
 * status, the state it is in, the directory stage and connector status (from the newest step outputs), error +
 * cause (+ the failed state) on failure, the provisioning record on success, redrive count/status.
 * 404 for an unknown id (or an execution of another state machine). No secret can be in the body: the execution
 * carries only a Secrets Manager reference, and password-like keys are redacted anyway.
 */
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import {
  belongsTo,
  executionArnFor,
  isValidExecutionName,
} from '../domain/execution-names.ts';
import { factsFromHistory, provisioningStatus } from '../domain/provisioning-status.ts';
import type { ProvisioningStatus } from '../domain/provisioning-status.ts';
import { sfn } from '../aws/clients.ts';
import { stateMachineArn } from '../lib/config.ts';
import { HttpProblem, httpHandler, json } from '../api/http.ts';
import type { ParsedEvent } from '../api/http.ts';
import { describeIfExists } from '../api/start-execution.ts';

/** History page size and page limit: the facts are in the newest few events; bounded for very long executions. */
export const HISTORY_PAGE_SIZE = 100;
export const HISTORY_MAX_PAGES = 5;

const notFound = (): HttpProblem => new HttpProblem(404, { message: 'No such provisioning' });

/** The execution ARN for a path id, or undefined when it cannot be one of ours. */
export const executionArnForId = (id: string, machineArn: string): string | undefined => {
  if (id.startsWith('arn:')) return belongsTo(id, machineArn) ? id : undefined;
  return isValidExecutionName(id) ? executionArnFor(machineArn, id) : undefined;
};

/** Status of one execution (shared with the executions CLI's `show`). undefined when it does not exist. */
export const readProvisioningStatus = async (executionArn: string): Promise<ProvisioningStatus | undefined> => {
  const described = await describeIfExists(executionArn).catch((err: unknown) => {
    if (err instanceof Error && err.name === 'InvalidArn') return undefined;
    throw err;
  });
  if (!described) return undefined;
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < HISTORY_MAX_PAGES; page += 1) {
    const res = await sfn().send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: HISTORY_PAGE_SIZE, nextToken }),
    );
    events.push(...(res.events ?? []));
    nextToken = res.nextToken;
    if (!nextToken || factsFromHistory(events).complete) break;
  }
  return provisioningStatus(described, factsFromHistory(events));
};

export const getProvisioning = async (event: ParsedEvent<unknown>, _context?: Context): Promise<APIGatewayProxyResult> => {
  const raw = event.pathParameters?.['id'];
  let id = raw ?? '';
  try {
    id = decodeURIComponent(id); // a no-op when API Gateway already decoded it (ARNs carry no '%')
  } catch {
    throw notFound();
  }
  const executionArn = executionArnForId(id, stateMachineArn());
  if (!executionArn) throw notFound();
  const status = await readProvisioningStatus(executionArn);
  if (!status) throw notFound();
  return json(200, status);
};

export const handler = httpHandler(getProvisioning);
