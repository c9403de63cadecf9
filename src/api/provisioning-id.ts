/**
 * The `{id}` of `/provisionings/{id}` (GET and DELETE): the provisioning's execution name (what POST's `Location`
 * points to) or, URL-encoded, its full execution ARN. Pure, no AWS calls.
 */
import { belongsTo, executionArnFor, isValidExecutionName } from '../domain/execution-names.ts';
import { HttpProblem } from './http.ts';
import type { ParsedEvent } from './http.ts';

export const notFound = (): HttpProblem => new HttpProblem(404, { message: 'No such provisioning' });

/** The execution ARN for a path id, or undefined when it cannot be one of ours. */
export const executionArnForId = (id: string, machineArn: string): string | undefined => {
  if (id.startsWith('arn:')) return belongsTo(id, machineArn) ? id : undefined;
  return isValidExecutionName(id) ? executionArnFor(machineArn, id) : undefined;
};

/** The provisioning execution ARN the request's path names; 404 when it cannot name one. */
export const provisioningArnFromPath = (event: ParsedEvent<unknown>, machineArn: string): string => {
  let id = event.pathParameters?.['id'] ?? '';
  try {
    id = decodeURIComponent(id); // a no-op when API Gateway already decoded it (ARNs carry no '%')
  } catch {
    throw notFound();
  }
  const executionArn = executionArnForId(id, machineArn);
  if (!executionArn) throw notFound();
  return executionArn;
};
