/**
 * The teardown `DELETE /provisionings/{id}` started for a provisioning, as `GET /provisionings/{id}` shows it:
 * DescribeExecution of the teardown execution named after the provisioning (src/domain/execution-names.ts).
 */
import { executionArnFor, executionNameOf, teardownNameForProvisioning } from '../domain/execution-names.ts';
import { teardownSummary } from '../domain/provisioning-status.ts';
import type { TeardownSummary } from '../domain/provisioning-status.ts';
import { teardownStateMachineArn } from '../lib/config.ts';
import { describeIfExists } from './start-execution.ts';

/** The teardown execution ARN of a provisioning execution. */
export const teardownArnFor = (provisioningExecutionArn: string, teardownArn = teardownStateMachineArn()): string =>
  executionArnFor(teardownArn, teardownNameForProvisioning(executionNameOf(provisioningExecutionArn)));

/** The teardown of this provisioning, or undefined when none was started by DELETE. */
export const readTeardown = async (provisioningExecutionArn: string): Promise<TeardownSummary | undefined> => {
  const described = await describeIfExists(teardownArnFor(provisioningExecutionArn));
  return described ? teardownSummary(described) : undefined;
};
