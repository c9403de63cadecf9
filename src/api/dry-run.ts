/**
 * `POST /provisionings?dryRun=true`: the plan of a request, from the read-only dry-run function
 * (src/handlers/plan-provisioning.ts), invoked synchronously. The API function never plans itself: its role may
 * store a password and start executions, the dry-run function's may do neither, nor anything else that writes.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { ChangePlan, PlanProvisioningInput, ProvisioningRequest } from '../contract.ts';
import { lambda } from '../aws/clients.ts';
import { planFunctionName } from '../lib/config.ts';

/** The dry-run function failed (its error name and message, which never carry a secret). */
export class DryRunFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DryRunFailedError';
  }
}

/** `dryRun` of the query string: true, false (absent), or a violation message. */
export const dryRunOf = (query: Readonly<Record<string, string | undefined>> | null | undefined): boolean | string => {
  const value = query?.['dryRun'];
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return `must be true or false (got ${JSON.stringify(value.slice(0, 16))})`;
};

/** The plan of `request` (validated, with no password in it) from the dry-run function. */
export const planOf = async (request: ProvisioningRequest): Promise<ChangePlan> => {
  const payload: PlanProvisioningInput = { Request: request };
  const out = await lambda().send(
    new InvokeCommand({ FunctionName: planFunctionName(), InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
  );
  const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
  if (out.FunctionError) {
    const failure = JSON.parse(text || '{}') as { errorType?: string; errorMessage?: string };
    throw new DryRunFailedError(`the dry-run function failed: ${failure.errorType ?? 'Error'}: ${failure.errorMessage ?? ''}`);
  }
  return JSON.parse(text) as ChangePlan;
};
