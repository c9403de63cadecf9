/**
 * What Lambda and API Gateway hand a handler, for running the real handlers outside AWS (local engine, local API,
 * verification harness, tests). No imports with side effects.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/**
 * Invokes a handler as one Lambda invocation beside others in this process: with a logger of its own, so the keys
 * it appends (its execution, its request) are on its lines only. (Lambda runs one invocation per environment at a
 * time; the local world runs many side by side.)
 */
export const invokeLocally = async <E, R>(handler: (event: E, context: Context) => Promise<R>, event: E, context: Context): Promise<R> => {
  // Imported when first invoked: the logger reads its level from the environment the world set.
  const { withInvocationLogger } = await import('../../src/lib/logger.ts');
  return withInvocationLogger(() => handler(event, context));
};

/** A Lambda Context for one invocation of `functionName` (fresh request id unless given). */
export const lambdaContext = (functionName: string, opts: { awsRequestId?: string; remainingMs?: number } = {}): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  memoryLimitInMB: '256',
  awsRequestId: opts.awsRequestId ?? randomUUID(),
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => opts.remainingMs ?? 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

export interface ApiEventOptions {
  method: 'GET' | 'POST';
  path: string;
  /** JSON-serialised into `body` (sets Content-Type). */
  body?: unknown;
  /** The body as sent, unparsed (sets Content-Type). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Headers sent more than once (API Gateway: every value here, the last one in `headers`). */
  repeatedHeaders?: Record<string, string[]>;
  pathParameters?: Record<string, string>;
  requestId?: string;
  stage?: string;
}

/** The API Gateway REST proxy event of the project's two routes. */
export const apiGatewayEvent = (opts: ApiEventOptions): APIGatewayProxyEvent => {
  const resource = opts.method === 'POST' ? '/provisionings' : '/provisionings/{id}';
  const hasBody = opts.body !== undefined || opts.rawBody !== undefined;
  const headers: Record<string, string> = { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...opts.headers };
  const multiValueHeaders: Record<string, string[]> = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
  for (const [name, values] of Object.entries(opts.repeatedHeaders ?? {})) {
    multiValueHeaders[name] = values;
    const last = values.at(-1);
    if (last !== undefined) headers[name] = last;
  }
  return {
    resource,
    path: opts.path,
    httpMethod: opts.method,
    headers,
    multiValueHeaders,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: opts.pathParameters ?? null,
    stageVariables: null,
    isBase64Encoded: false,
    body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : null),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: opts.method,
      identity: {} as APIGatewayProxyEvent['requestContext']['identity'],
      path: opts.path,
      stage: opts.stage ?? 'local',
      requestId: opts.requestId ?? randomUUID(),
      requestTimeEpoch: 0,
      resourceId: 'r',
      resourcePath: resource,
    },
  };
};
