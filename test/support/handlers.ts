/**
 * Helpers of the trigger/API handler tests: environment, API Gateway events, a Lambda context, and a capture of
 * everything written to stdout/stderr (Powertools log lines) so a test can assert a secret never appears. Sample
 * requests come from test/fixtures.ts.
 */
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { captureOutput } from '../../tools/verify/capture.ts';
import { apiGatewayEvent, lambdaContext as localLambdaContext } from '../../tools/local/lambda.ts';
import type { ApiEventOptions } from '../../tools/local/lambda.ts';

export const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:111122223333:stateMachine:ad-cert-orchestrator-provision';
export const EXECUTION_PREFIX = 'arn:aws:states:us-east-1:111122223333:execution:ad-cert-orchestrator-provision:';
export const TEARDOWN_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:111122223333:stateMachine:ad-cert-orchestrator-teardown';
export const TEARDOWN_EXECUTION_PREFIX = 'arn:aws:states:us-east-1:111122223333:execution:ad-cert-orchestrator-teardown:';

/** Call before importing the handlers (the logger reads its level on import). */
export const setTestEnv = (): void => {
  process.env['STATE_MACHINE_ARN'] = STATE_MACHINE_ARN;
  process.env['TEARDOWN_STATE_MACHINE_ARN'] = TEARDOWN_STATE_MACHINE_ARN;
  process.env['COORDINATION_TABLE_NAME'] = 'test-locks';
  process.env['RECORDS_TABLE_NAME'] = 'test-records';
  process.env['AWS_REGION'] = 'us-east-1';
  process.env['AWS_ACCESS_KEY_ID'] = 'test';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'test';
  process.env['POWERTOOLS_LOG_LEVEL'] = 'DEBUG';
  process.env['POWERTOOLS_DEV'] = 'false';
};

/** The Lambda context of one test invocation (fixed request id, so responses can be asserted). */
export const lambdaContext = (): Context => localLambdaContext('test', { awsRequestId: 'lambda-request-id' });

/** An API Gateway event as the test stage sends it (fixed request id, so responses can be asserted). */
export const apiEvent = (opts: ApiEventOptions): APIGatewayProxyEvent =>
  apiGatewayEvent({ requestId: 'apigw-request-id', stage: 'test', ...opts });

export { captureOutput };

/** Like captureOutput, for a call expected to throw: returns the error. */
export const captureRejection = async (fn: () => Promise<unknown>): Promise<{ error: unknown; output: string }> => {
  let error: unknown;
  const { output } = await captureOutput(async () => {
    try {
      await fn();
    } catch (e) {
      error = e;
    }
  });
  return { error, output };
};
