/**
 * The HTTP side of the provisioning API handlers (API Gateway REST API, Lambda proxy integration).
 *
 * Why a REST API and not an HTTP API: a REST API validates the request body against a JSON-schema model at the
 * edge (before the Lambda runs and is billed), and supports `AWS_IAM` (SigV4) authorization on methods natively;
 * HTTP APIs have IAM auth too but no request validation. The same schema is enforced again here by
 * `@middy/validator`, so a direct invoke (or the local API server) gets the same answers.
 *
 * Middleware chain (CORS is off: no CORS middleware, no CORS headers; an IAM-signed API is called by SDKs/CLIs):
 *   Powertools context (never logs the event) -> header normalizer (lower-case names) -> media type lower-cased ->
 *   JSON body parser -> validator (all schema violations) -> core; on error: `problemResponses` (runs first) shapes
 *   every error into a JSON body, then `@middy/http-error-handler` writes it. A 5xx body is always the generic
 *   `{"message":"Internal server error","requestId":…}`: no error name, message or stack reaches the client.
 */
import middy from '@middy/core';
import type { MiddlewareObj, Request } from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import validator from '@middy/validator';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Violation } from '../domain/errors.ts';
import { SIMPLE_KEY } from '../domain/field-path.ts';
import { PASSWORD_KEY } from '../domain/password.ts';
import { logger } from '../lib/logger.ts';
import { quote } from '../lib/printable.ts';

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

/* ---------------- ajv errors -> violations ---------------- */

/** The subset of an ajv ErrorObject used here. */
export interface AjvErrorLike {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
}


const unescapePointer = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** `/Directory/VpcSettings/SubnetIds/1` -> `Directory.VpcSettings.SubnetIds[1]` (the domain validator's format). */
export const pointerToPath = (pointer: string): string => {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = unescapePointer(raw);
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else if (SIMPLE_KEY.test(segment)) path += path ? `.${segment}` : segment;
    else path += `[${quote(segment.length > 64 ? `${segment.slice(0, 64)}…` : segment)}]`;
  }
  return path;
};

const child = (path: string, key: string): string =>
  SIMPLE_KEY.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${quote(key.slice(0, 64))}]`;

/**
 * Converts ajv errors (allErrors) into violations, one per problem. `prefix` is the instance pointer of the body
 * inside the validated object (`/body` for the API event). The branch errors of the Password/PasswordSecretId
 * `oneOf` collapse into one readable violation. Messages never contain a value (ajv runs without `verbose`).
 */
export const violationsFromAjv = (errors: readonly AjvErrorLike[], prefix = ''): Violation[] => {
  const out: Violation[] = [];
  const seen = new Set<string>();
  const push = (v: Violation) => {
    const key = `${v.path}\u0000${v.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  };
  for (const e of errors) {
    if (!e.instancePath.startsWith(prefix)) continue;
    if (/\/oneOf\/\d+\//.test(e.schemaPath)) continue; // branch detail of a oneOf: reported by the oneOf itself
    const path = pointerToPath(e.instancePath.slice(prefix.length));
    if (e.keyword === 'required') {
      push({ path: child(path, String(e.params['missingProperty'])), message: 'is required' });
    } else if (e.keyword === 'additionalProperties') {
      const key = String(e.params['additionalProperty']);
      push({
        path: child(path, key),
        message: PASSWORD_KEY.test(key)
          ? 'a password is accepted only as Directory.Password (stored in Secrets Manager); the value was not logged'
          : 'unknown field',
      });
    } else if (e.keyword === 'oneOf' && e.schemaPath.endsWith('/properties/Directory/oneOf')) {
      push({ path: child(path, 'PasswordSecretId'), message: 'exactly one of Directory.PasswordSecretId or Directory.Password is required' });
    } else {
      push({ path: path || '(request)', message: e.message ?? `fails ${e.keyword}` });
    }
  }
  return out;
};

/** Violations from `extra` whose path is not already reported in `first` (the union, schema first). */
export const mergeViolations = (first: Violation[], extra: Violation[]): Violation[] => {
  const paths = new Set(first.map((v) => v.path));
  return [...first, ...extra.filter((v) => !paths.has(v.path))];
};

/* ---------------- error shaping ---------------- */

interface MiddyHttpErrorLike {
  statusCode?: number;
  message?: string;
  cause?: { package?: string; data?: unknown };
}

/** Extra violations for a body that failed the schema (the domain rules the schema cannot express). */
export type ExtraViolations = (body: unknown) => Violation[];

const requestIdOf = (request: Request<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>): string =>
  request.event?.requestContext?.requestId ?? request.context?.awsRequestId ?? 'unknown';

const THROTTLED = new Set(['ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

/** Turns request.error into `{statusCode, expose: true, message: <JSON body>}` for @middy/http-error-handler. */
export const problemResponses = (
  extraViolations?: ExtraViolations,
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> => ({
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
    } else if (err?.cause?.package === '@middy/validator' && err.statusCode === 400) {
      const schemaViolations = violationsFromAjv((err.cause.data ?? []) as AjvErrorLike[], '/body');
      const violations = extraViolations
        ? mergeViolations(schemaViolations, extraViolations(request.event.body))
        : schemaViolations;
      statusCode = 400;
      body = { ...badRequest(violations).body, requestId };
    } else if (err?.cause?.package === '@middy/http-json-body-parser') {
      const unsupported = err.message === 'Unsupported Media Type';
      statusCode = unsupported ? 415 : 400;
      body = {
        message: unsupported ? 'Content-Type must be application/json' : 'The request body is not valid JSON',
        requestId,
      };
    } else if (err && THROTTLED.has(err.name)) {
      statusCode = 503;
      body = { message: 'Service busy, retry later', requestId };
      headers = { 'Retry-After': '5' };
    }

    if (statusCode >= 500) {
      // Name and message only (never the error object: middy errors carry the raw body in `cause`).
      logger.error('request failed', { errorName: err?.name ?? 'unknown', errorMessage: err?.message ?? '', requestId });
    } else {
      logger.info('request rejected', { statusCode, reason: String(body['message']), requestId });
    }
    request.error = Object.assign(new Error(JSON.stringify(body)), {
      statusCode,
      expose: true,
      headers: { ...JSON_HEADERS, ...headers },
    });
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

export interface HttpHandlerOptions {
  /** A compiled validator for the whole (parsed) event; enables the JSON body parser too. */
  eventSchema?: unknown;
  extraViolations?: ExtraViolations;
}

/** Builds the Lambda handler around an API core. */
export const httpHandler = <TBody>(core: ApiCore<TBody>, options: HttpHandlerOptions = {}): ApiHandler => {
  const chain = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
    .use(httpHeaderNormalizer());
  if (options.eventSchema) {
    chain.use(mediaTypeCase()).use(httpJsonBodyParser()).use(validator({ eventSchema: options.eventSchema }));
  }
  chain
    .use(httpErrorHandler({ logger: false }))
    .use(problemResponses(options.extraViolations));
  return chain.handler((event, context) => core(event as unknown as ParsedEvent<TBody>, context)) as unknown as ApiHandler;
};
