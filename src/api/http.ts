/**
 * The HTTP side of the provisioning API handlers (API Gateway REST API, Lambda proxy integration).
 *
 * Why a REST API and not an HTTP API: a REST API validates the request body against a JSON-schema model at the
 * edge (before the Lambda runs and is billed), and supports `AWS_IAM` (SigV4) authorization on methods natively;
 * HTTP APIs have IAM auth too but no request validation. The model is generated from the domain validator's spec
 * (src/api/request-model.ts), and the core validates with the domain validator itself, so a direct invoke, the local
 * API server and the workflow give the same messages.
 *
 * Middleware chain (CORS is off: no CORS middleware, no CORS headers; an IAM-signed API is called by SDKs/CLIs):
 *   X-Ray handler subsegment (no response recorded) -> Powertools context (never logs the event) -> `requestId` (the
 *   API Gateway request id, also in every response body and the access log) on every log line -> header normalizer
 *   (lower-case names) -> media type lower-cased -> a UTF-8 BOM dropped -> JSON body parser -> core; on error: `problemResponses` (runs first) shapes every error into a JSON body, then
 *   `@middy/http-error-handler` writes it. A 5xx body is always the generic
 *   `{"message":"Internal server error","requestId":…}`: no error name, message or stack reaches the client.
 */
import middy from '@middy/core';
import type { MiddlewareObj, Request } from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Violation } from '../domain/errors.ts';
import { logger } from '../lib/logger.ts';
import { tracer } from '../lib/tracer.ts';

/** An API Gateway proxy event after the header normalizer and (for POST) the JSON body parser ran. */
export type ParsedEvent<TBody = unknown> = Omit<APIGatewayProxyEvent, 'body'> & { body: TBody };

export type ApiCore<TBody> = (event: ParsedEvent<TBody>, context: Context) => Promise<APIGatewayProxyResult>;

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** An error that IS the response (4xx): its body is safe to show. */
export class HttpProblem extends Error {
  readonly statusCode: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(statusCode: number, body: Record<string, unknown> & { message: string }, headers: Record<string, string> = {}) {
    super(body.message);
    this.name = 'HttpProblem';
    this.statusCode = statusCode;
    this.body = body;
    this.headers = headers;
  }
}

export const badRequest = (violations: Violation[]): HttpProblem =>
  new HttpProblem(400, {
    message: `Invalid provisioning request (${violations.length} violation${violations.length === 1 ? '' : 's'})`,
    violations,
  });

export const JSON_HEADERS = { 'Content-Type': 'application/json' } as const;

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult => ({
  statusCode,
  headers: { ...JSON_HEADERS, ...headers },
  body: JSON.stringify(body),
});

/* ---------------- error shaping ---------------- */

interface MiddyHttpErrorLike {
  statusCode?: number;
  message?: string;
  cause?: { package?: string; data?: unknown };
}

const requestIdOf = (request: Request<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>): string =>
  request.event?.requestContext?.requestId ?? request.context?.awsRequestId ?? 'unknown';

const THROTTLED = new Set(['ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

/** Turns request.error into `{statusCode, expose: true, message: <JSON body>}` for @middy/http-error-handler. */
export const problemResponses = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> => ({
  onError: async (request) => {
    if (request.response !== undefined) return;
    const err = request.error as (Error & MiddyHttpErrorLike) | null;
    const requestId = requestIdOf(request);
    let statusCode = 500;
    let body: Record<string, unknown> = { message: 'Internal server error', requestId };
    let headers: Record<string, string> = {};

    if (err instanceof HttpProblem) {
      statusCode = err.statusCode;
      body = { ...err.body, requestId };
      headers = err.headers;
    } else if (err?.cause?.package === '@middy/http-json-body-parser') {
      const unsupported = err.message === 'Unsupported Media Type';
      statusCode = unsupported ? 415 : 400;
      const message = unsupported
        ? 'Content-Type must be application/json'
        : err.message === 'Forbidden key in JSON body' // the parser refuses prototype-polluting keys
          ? 'The request body has a forbidden key (__proto__, or constructor with a prototype)'
          : 'The request body is not valid JSON';
      body = { message, requestId };
    } else if (err && THROTTLED.has(err.name)) {
      statusCode = 503;
      body = { message: 'Service busy, retry later', requestId };
      headers = { 'Retry-After': '5' };
    }

    if (statusCode >= 500) {
      // Name and message only (never the error object: middy errors carry the raw body in `cause`).
      logger.error('request failed', { errorName: err?.name ?? 'unknown', errorMessage: err?.message ?? '' });
    } else {
      logger.info('request rejected', { statusCode, reason: String(body['message']) });
    }
    request.error = Object.assign(new Error(JSON.stringify(body)), {
      statusCode,
      expose: true,
      headers: { ...JSON_HEADERS, ...headers },
    });
  },
});

/** Appends the API Gateway request id to every log line of the invocation as `requestId` (reset by the context). */
export const apiRequestId = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> => ({
  before: (request) => {
    logger.appendKeys({ requestId: requestIdOf(request) });
  },
});

/**
 * Media types are case-insensitive (RFC 9110 §8.3.1) but the JSON body parser matches `application/json` exactly:
 * lower-case the type/subtype of Content-Type (parameters as sent), so `APPLICATION/JSON` is JSON too.
 */
export const mediaTypeCase = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> => ({
  before: (request) => {
    const headers = request.event.headers;
    const value = headers?.['content-type'];
    if (typeof value === 'string') headers['content-type'] = value.replace(/^[^;]*/, (type) => type.trim().toLowerCase());
  },
});

/**
 * A JSON body may start with a UTF-8 byte order mark (RFC 8259 §8.1 lets a parser ignore it, and the project's tools
 * read files that way): it is dropped before the JSON body parser, which would refuse it.
 */
export const byteOrderMark = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> => ({
  before: (request) => {
    const body = request.event.body;
    if (typeof body === 'string' && !request.event.isBase64Encoded && body.charCodeAt(0) === 0xfeff) request.event.body = body.slice(1);
  },
});

export interface HttpHandlerOptions {
  /** Parse a JSON body (415 for another content type, 400 for malformed JSON); the core validates it. */
  jsonBody?: boolean;
}

/** Builds the Lambda handler around an API core. */
export const httpHandler = <TBody>(core: ApiCore<TBody>, options: HttpHandlerOptions = {}): ApiHandler => {
  const chain = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
    .use(apiRequestId())
    .use(httpHeaderNormalizer());
  if (options.jsonBody) chain.use(mediaTypeCase()).use(byteOrderMark()).use(httpJsonBodyParser());
  chain.use(httpErrorHandler({ logger: false })).use(problemResponses());
  return chain.handler((event, context) => core(event as unknown as ParsedEvent<TBody>, context)) as unknown as ApiHandler;
};
