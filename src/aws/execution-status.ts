/** The status of a Step Functions execution, as the change lease reads its holder's. */
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { sfn } from './clients.ts';

/**
 * DescribeExecution's status, or undefined when Step Functions does not know the execution (never started, or its
 * history is gone: 90 days after it ended) or the ARN is not an execution's.
 */
export const executionStatusOf = async (executionArn: string): Promise<string | undefined> => {
  try {
    return (await sfn().send(new DescribeExecutionCommand({ executionArn }))).status;
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'ExecutionDoesNotExist' || name === 'InvalidArn') return undefined;
    throw err;
  }
};
