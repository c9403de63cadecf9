/**
 * Shared fixtures of the trigger/API tests: environment, API Gateway events, a Lambda context, and a capture of
 * everything written to stdout/stderr (Powertools log lines) so a test can assert a secret never appears.
 */
import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { captureOutput } from '../../src/verify/capture.ts';

export const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:111122223333:stateMachine:ad-cert-orchestrator-provision';
export const EXECUTION_PREFIX = 'arn:aws:states:us-east-1:111122223333:execution:ad-cert-orchestrator-provision:';

/** Call before importing the handlers (the logger reads its level on import). */
export const setTestEnv = (): void => {
  process.env['STATE_MACHINE_ARN'] = STATE_MACHINE_ARN;
  process.env['AWS_REGION'] = 'us-east-1';
  process.env['AWS_ACCESS_KEY_ID'] = 'test';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'test';
  process.env['POWERTOOLS_LOG_LEVEL'] = 'DEBUG';
  process.env['POWERTOOLS_DEV'] = 'false';
};

export const readJson = <T = unknown>(path: string): T =>
  JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as T;

/** A valid execution input (events/execution-input.json), fresh copy each call. */
export const validInput = (): Record<string, unknown> & { Directory: Record<string, unknown> } =>
  readJson('events/execution-input.json');

export const PASSWORD = 'Sup3r-Secret-Pa55!';

/** The same input with the password instead of the secret reference (what a POST may send). */
export const inputWithPassword = (password = PASSWORD): Record<string, unknown> => {
  const input = validInput();
  const { PasswordSecretId: _ref, ...directory } = input.Directory;
  return { ...input, Directory: { ...directory, Password: password } };
};

export const lambdaContext = (): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:test',
  memoryLimitInMB: '256',
  awsRequestId: 'lambda-request-id',
  logGroupName: '/aws/lambda/test',
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

export const apiEvent = (opts: {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
}): APIGatewayProxyEvent => ({
  resource: opts.method === 'POST' ? '/provisionings' : '/provisionings/{id}',
  path: opts.path,
  httpMethod: opts.method,
  headers: {
    ...(opts.body !== undefined || opts.rawBody !== undefined ? { 'Content-Type': 'application/json' } : {}),
    ...opts.headers,
  },
  multiValueHeaders: {},
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: opts.pathParameters ?? null,
  stageVariables: null,
  isBase64Encoded: false,
  body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : null),
  requestContext: {
    accountId: '111122223333',
    apiId: 'api',
    authorizer: null,
    protocol: 'HTTP/1.1',
    httpMethod: opts.method,
    identity: {} as APIGatewayProxyEvent['requestContext']['identity'],
    path: opts.path,
    stage: 'test',
    requestId: 'apigw-request-id',
    requestTimeEpoch: 0,
    resourceId: 'r',
    resourcePath: opts.method === 'POST' ? '/provisionings' : '/provisionings/{id}',
  },
});

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
