/**
 * Lambda (restJson, signing name `lambda`): Invoke (POST /2015-03-31/functions/{FunctionName}/invocations) of the
 * functions the local world registers (`EmulatorOptions.functions`: a name and the real handler), synchronously
 * (RequestResponse, the only type served). The payload is the request body, the function's result the response
 * body; a function that throws answers 200 with `X-Amz-Function-Error: Unhandled` and Lambda's
 * `{errorType, errorMessage}` body, as the Lambda API does. An unknown function is a ResourceNotFoundException.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { ApiError } from '../core/api-error.ts';
import { RESPONSE_HEADERS, str } from '../core/service.ts';
import type { Json, Route, ServiceDef } from '../core/service.ts';
import type { StateSlot } from '../core/state.ts';

/** A function as the world registers it: the deployed handler's shape. */
export type LambdaFunction = (event: unknown, context: Context) => Promise<unknown>;

/** The registered functions by name (memory only: handlers, never part of a snapshot). */
export const FUNCTIONS: StateSlot<Map<string, LambdaFunction>> = { name: 'functions', fresh: () => new Map() };

const ACCOUNT = '000000000000';

/** The Context Lambda hands a synchronous invocation of `name`. */
const contextFor = (name: string, region: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: name,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`,
  memoryLimitInMB: '256',
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${name}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

export const lambda: ServiceDef = {
  name: 'Lambda',
  signingName: 'lambda',
  endpointVariable: 'AWS_ENDPOINT_URL_LAMBDA',
  protocol: 'restJson',
  state: [],
  route(method: string, url: URL, body: Json): Route | undefined {
    const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url.pathname);
    if (!m?.[1] || method !== 'POST') return undefined;
    return { op: 'Invoke', input: { FunctionName: decodeURIComponent(m[1]), Payload: body }, status: 200 };
  },
  errorStatus: (code) => ({ ResourceNotFoundException: 404, InvalidParameterValueException: 400, ServiceException: 500, TooManyRequestsException: 429 })[code],
  ops: {
    async Invoke(input, ctx) {
      const name = str(input, 'FunctionName') ?? '';
      const fn = ctx.state.get(FUNCTIONS).get(name.split(':').pop() ?? name);
      if (!fn) throw new ApiError('ResourceNotFoundException', `Function not found: arn:aws:lambda:${ctx.seed.region}:${ACCOUNT}:function:${name}`, 404, { Type: 'User' });
      try {
        const result = await fn(input['Payload'], contextFor(name, ctx.seed.region));
        return (result ?? {}) as Json;
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        return { errorType: e.name, errorMessage: e.message, trace: [], [RESPONSE_HEADERS]: { 'X-Amz-Function-Error': 'Unhandled' } };
      }
    },
  },
};
