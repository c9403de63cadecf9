/**
 * The answer to a request that starts an execution: 202 to the caller that started it, 200 to an idempotent repeat
 * (the same execution), naming the execution, its status and start date, with `Location`; the execution is logged
 * and traced under its ARN.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { logger } from '../lib/logger.ts';
import { annotateExecution } from '../lib/tracer.ts';
import { firstCaller } from './first-caller.ts';
import { json } from './http.ts';
import type { ParsedEvent } from './http.ts';
import type { StartOutcome } from './start-execution.ts';

export const executionAnswer = async (
  outcome: Exclude<StartOutcome, { kind: 'conflict' }>,
  name: string,
  event: ParsedEvent<unknown>,
  answer: {
    what: string;
    location: string;
    /** Body fields after the execution's own. */
    extra?: Record<string, unknown>;
    /** The first-caller claim's key (default: the execution's name). */
    claimKey?: string;
  },
): Promise<APIGatewayProxyResult> => {
  const started = outcome.kind === 'started' && (await firstCaller(answer.claimKey ?? name, event.requestContext?.requestId ?? 'unknown'));
  logger.appendKeys({ executionArn: outcome.executionArn });
  annotateExecution(outcome.executionArn);
  logger.info(started ? `${answer.what} started` : `${answer.what} already exists (idempotent repeat)`, answer.extra ?? {});
  return json(
    started ? 202 : 200,
    {
      executionArn: outcome.executionArn,
      name,
      status: outcome.kind === 'existing' ? (outcome.status ?? 'RUNNING') : 'RUNNING',
      startDate: outcome.startDate?.toISOString(),
      ...answer.extra,
      location: answer.location,
    },
    { Location: answer.location },
  );
};
