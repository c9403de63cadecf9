/**
 * `npm run api` — the provisioning API on localhost, against the local world (no AWS account).
 *
 * serverless-offline needs Serverless Framework v4; this project packages with osls (v3 line), so this is the small
 * equivalent: a node:http server that turns each request into the API Gateway REST (v1 proxy) event the deployed
 * Lambda receives and calls the REAL handlers:
 *   POST /provisionings        -> src/handlers/api-create-provisioning.ts
 *   GET  /provisionings/{id}   -> src/handlers/api-get-provisioning.ts
 *   DELETE /provisionings/{id} -> src/handlers/api-delete-provisioning.ts (starts the teardown)
 *   PUT  /provisionings/{id}   -> src/handlers/api-update-provisioning.ts (applies a changed request)
 * The handlers' Step Functions calls go to the local Step Functions endpoint (tools/local/step-functions/), which runs the real
 * workflow with the real task handlers against the emulator, so a `curl` provisioning goes from 202 to SUCCEEDED.
 *
 * The EventBridge path, for `npm run put-event -- --file … --api <url>`:
 *   POST /_local/events        -> the rules (source `ad-cert-orchestrator.requests`, detail-type
 *                                 `Provisioning Requested` -> src/handlers/start-from-event.ts, `Deprovisioning
 *                                 Requested` -> src/handlers/start-teardown-from-event.ts), invoked the way Lambda
 *                                 invokes an EventBridge target: up to 3 attempts, then Lambda's on-failure record
 *                                 to the emulated triggers' DLQ (a rejected event is put there, redacted, by the
 *                                 start function itself, which then succeeds)
 *   GET  /_local/dlq           -> what the emulated DLQ holds
 *   GET  /_local/wait/{name}   -> answers when that execution's current run has ended (instead of polling); the
 *                                 provisioning's, or with ?machine=teardown the teardown's
 *   POST /_local/advance       -> `{"seconds": N}` moves the world's simulated clock N seconds on (0 < N <= 366 days):
 *                                 what Step Functions purges 90 days after an execution ended is then gone
 *
 * Differences from the deployed API, on purpose: no SigV4 check (the template's AWS_IAM authorizer does that on AWS;
 * like serverless-offline, locally any caller is allowed), no edge schema validation (the handler's own validator
 * returns the same 400s, with structured violations), listens on 127.0.0.1 only.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { startLocalWorld } from './world.ts';
import type { LocalWorld, LocalWorldOptions } from './world.ts';
import { EXIT_OK, UsageError, runMain, withoutBom } from '../cli/io.ts';
import { KEEP_ALIVE_TIMEOUT_MS } from './emulator/core/server.ts';
import { invokeLocally, lambdaContext } from './lambda.ts';
import { DETAIL_TYPE_TEARDOWN_REQUESTED, DETAIL_TYPE_REQUESTED, REQUEST_EVENT_SOURCE } from '../../src/contract.ts';

export interface ApiServerOptions {
  port?: number;
  /** Body limits (default MAX_BODY_BYTES and MAX_BODY_BYTES_IN_FLIGHT). */
  limits?: { maxBodyBytes?: number; maxBodyBytesInFlight?: number };
  /** A running local world (default: start one, stopped with the server). */
  world?: LocalWorld;
  worldOptions?: LocalWorldOptions;
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  readonly world: LocalWorld;
  readonly server: Server;
  /** What the emulated triggers' DLQ holds: rejected events (redacted) and failed deliveries. */
  readonly deadLetters: DeadLetter[];
  stop(): Promise<void>;
}

export interface DeadLetter {
  /** The event as the queue holds it (a rejected event redacted). */
  event: unknown;
  errorName: string;
  errorMessage: string;
  attempts: number;
}

/** A DLQ message as a DeadLetter: a start function's letter for a rejected event, or Lambda's on-failure record. */
const asDeadLetter = (body: string): DeadLetter => {
  const m = JSON.parse(body) as {
    reason?: string; errorName?: string; errorMessage?: string; event?: unknown;
    requestPayload?: unknown; responsePayload?: { errorType?: string; errorMessage?: string }; requestContext?: { approximateInvokeCount?: number };
  };
  return m.reason === 'rejected'
    ? { event: m.event, errorName: m.errorName ?? 'Error', errorMessage: m.errorMessage ?? '', attempts: 1 }
    : { event: m.requestPayload, errorName: m.responsePayload?.errorType ?? 'Error', errorMessage: m.responsePayload?.errorMessage ?? '', attempts: m.requestContext?.approximateInvokeCount ?? 3 };
};

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;


const STAGE = 'local';

/** The API Gateway REST proxy event for one HTTP request. */
export const toProxyEvent = (
  req: IncomingMessage,
  url: URL,
  body: string,
  resource: string,
  pathParameters: Record<string, string> | null,
): APIGatewayProxyEvent => {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    const value = req.rawHeaders[i + 1] ?? '';
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) {
    query[k] = v;
    (multiQuery[k] ??= []).push(v);
  }
  const method = req.method ?? 'GET';
  return {
    resource,
    path: url.pathname,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: Object.keys(query).length ? query : null,
    multiValueQueryStringParameters: Object.keys(multiQuery).length ? multiQuery : null,
    pathParameters,
    stageVariables: null,
    isBase64Encoded: false,
    body: body.length > 0 ? body : null,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      protocol: `HTTP/${req.httpVersion}`,
      httpMethod: method,
      identity: {
        accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
        cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null,
        cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        user: null, userAgent: req.headers['user-agent'] ?? null, userArn: null,
      },
      path: url.pathname,
      stage: STAGE,
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: resource,
    },
  };
};

/** The longest step `POST /_local/advance` takes: a year (and a day), past the 90-day history retention. */
export const MAX_ADVANCE_SECONDS = 366 * 24 * 3600;

/** The seconds of a `POST /_local/advance` body, or a one-line reason it is not one. */
export const advanceSecondsOf = (body: string): number | string => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'the body must be JSON: {"seconds": N}';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'the body must be a JSON object: {"seconds": N}';
  const extra = Object.keys(parsed).filter((k) => k !== 'seconds');
  if (extra.length > 0) return `unknown field(s) ${extra.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}: the body is {"seconds": N}`;
  const seconds = (parsed as { seconds?: unknown }).seconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_ADVANCE_SECONDS) {
    return `seconds must be a number above 0 and at most ${MAX_ADVANCE_SECONDS} (366 days)`;
  }
  return seconds;
};

/** The rules of serverless/triggers.yml, evaluated locally: which start function an event goes to, if any. */
export const ruleFor = (event: unknown): 'provisioning' | 'teardown' | undefined => {
  const e = event as { source?: unknown; 'detail-type'?: unknown } | null;
  if (e?.source !== REQUEST_EVENT_SOURCE) return undefined;
  if (e['detail-type'] === DETAIL_TYPE_REQUESTED) return 'provisioning';
  if (e['detail-type'] === DETAIL_TYPE_TEARDOWN_REQUESTED) return 'teardown';
  return undefined;
};

/** The provisioning rule of serverless/triggers.yml, evaluated locally. */
export const matchesRequestRule = (event: unknown): boolean => ruleFor(event) === 'provisioning';

/** The largest request body API Gateway takes (REST API payload quota, 10 MB); a larger one is answered 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Request bodies being read at once, across connections: beyond it a request is answered 503 (busy). */
export const MAX_BODY_BYTES_IN_FLIGHT = 8 * MAX_BODY_BYTES;
/** Connections at once; more are refused by the server. */
export const MAX_CONNECTIONS = 256;
/** The longest a request may take to arrive whole (API Gateway's integration timeout is 29 s; a body on loopback takes ms). */
export const REQUEST_TIMEOUT_MS = 60_000;

/** Why a request body was not read: the answer to give, if the client is still there to get it. */
class BodyRefused extends Error {
  constructor(readonly status: 413 | 503, message: string) {
    super(message);
    this.name = 'BodyRefused';
  }
}

/**
 * Reads a request body, counting bytes as they stream in: a body over `maxBodyBytes` (by its Content-Length or by
 * what arrives) or beyond what all bodies in flight may hold is refused before it is buffered. Rejects with the
 * answer to give (BodyRefused), or with another error when the client aborts the upload. `progress` hears the bytes
 * in flight after each change (the server emits them as `body-bytes`).
 */
const bodyReader = (maxBodyBytes: number, maxInFlight: number, progress: (inFlight: number) => void) => {
  let inFlight = 0;
  const tooLong = (): BodyRefused => new BodyRefused(413, `Request Too Long: the body may have at most ${maxBodyBytes} bytes`);
  return (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBodyBytes) {
        reject(tooLong());
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const finish = (error?: Error): void => {
        if (done) return;
        done = true;
        inFlight -= size;
        progress(inFlight);
        req.off('data', onData);
        if (error) reject(error);
        else resolve(Buffer.concat(chunks).toString('utf8'));
      };
      const onData = (chunk: Buffer): void => {
        if (size + chunk.length > maxBodyBytes) return finish(tooLong());
        if (inFlight + chunk.length > maxInFlight) return finish(new BodyRefused(503, 'Service busy: too many request bodies at once, retry later'));
        size += chunk.length;
        inFlight += chunk.length;
        chunks.push(chunk);
        progress(inFlight);
      };
      req.on('data', onData);
      req.on('end', () => finish());
      req.on('error', (err) => finish(err));
      req.on('aborted', () => finish(new Error('the client aborted the request')));
      req.on('close', () => finish(new Error('the connection closed before the body ended')));
    });
};

/**
 * After answering a refused body: what the client still sends is read and dropped, up to another `limit` bytes, then
 * the connection is cut (closing it at once could reset it before the client read the answer).
 */
const discardRest = (req: IncomingMessage, limit: number): void => {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > limit) req.socket.destroy();
  });
  req.resume();
};

/** A path segment as API Gateway hands it to the handler (URL-decoded), or undefined when its escapes are broken. */
const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

export async function startApiServer(opts: ApiServerOptions = {}): Promise<ApiServer> {
  const world = opts.world ?? (await startLocalWorld(opts.worldOptions));
  const ownsWorld = !opts.world;
  // Imported after the world set the endpoint variables (the clients are created lazily anyway).
  const create = (await import('../../src/handlers/api-create-provisioning.ts')).handler as Handler;
  const get = (await import('../../src/handlers/api-get-provisioning.ts')).handler as Handler;
  const del = (await import('../../src/handlers/api-delete-provisioning.ts')).handler as Handler;
  const put = (await import('../../src/handlers/api-update-provisioning.ts')).handler as Handler;
  const { startFromEvent } = await import('../../src/handlers/start-from-event.ts');
  const { startTeardownFromEvent } = await import('../../src/handlers/start-teardown-from-event.ts');
  const { SendMessageCommand } = await import('@aws-sdk/client-sqs');
  const { sqs } = await import('../../src/aws/clients.ts');
  const deadLetters = (): DeadLetter[] => world.emulator.deadLetters().map((m) => asDeadLetter(m.Body));
  const maxBodyBytes = opts.limits?.maxBodyBytes ?? MAX_BODY_BYTES;
  // The server is created below; its `body-bytes` events let a caller follow the bodies in flight.
  let emitProgress: (inFlight: number) => void = () => undefined;
  const readBody = bodyReader(maxBodyBytes, opts.limits?.maxBodyBytesInFlight ?? MAX_BODY_BYTES_IN_FLIGHT, (n) => emitProgress(n));

  /** Lambda's async invocation of an EventBridge target: the first attempt and 2 retries, then the DLQ. */
  const deliver = async (event: unknown): Promise<{ status: number; body: unknown }> => {
    const rule = ruleFor(event);
    if (!rule) return { status: 200, body: { matchedRules: 0, message: 'no rule matches (dropped, as EventBridge would)' } };
    const start = rule === 'teardown' ? startTeardownFromEvent : startFromEvent;
    let last: Error | undefined;
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      try {
        const result = await invokeLocally((e: unknown) => start(e), event, lambdaContext(rule === 'teardown' ? 'startTeardownFromEvent' : 'startFromEvent'));
        if ('rejected' in result) {
          // The function dead-lettered it (redacted) and succeeded: Lambda retries nothing.
          const errorMessage = result.violations.map((v) => `${v.path}: ${v.message}`).join('; ');
          return { status: 202, body: { matchedRules: 1, rule, attempts: attempt, ...result, errorName: 'InvalidRequestError', errorMessage } };
        }
        return { status: 202, body: { matchedRules: 1, rule, attempts: attempt, ...result } };
      } catch (err) {
        last = err instanceof Error ? err : new Error(String(err));
      }
    }
    // Lambda's on-failure destination record (Lambda Developer Guide, "Adding a destination"), to the same queue.
    const record = {
      version: '1.0',
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: event,
      responseContext: { statusCode: 200, functionError: 'Unhandled' },
      responsePayload: { errorType: last?.name ?? 'Error', errorMessage: last?.message ?? '' },
    };
    await sqs().send(new SendMessageCommand({ QueueUrl: world.emulator.deadLetterQueueUrl, MessageBody: JSON.stringify(record) }));
    return { status: 202, body: { matchedRules: 1, rule, delivered: false, deadLettered: true, errorName: record.responsePayload.errorType, errorMessage: record.responsePayload.errorMessage } };
  };

  // Nothing a client does may stop the server: every request runs inside one try, a failed or aborted upload only
  // drops that request, and a response to a client that has gone is skipped.
  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    void (async () => {
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        if (res.headersSent || res.destroyed) return;
        const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
        const merged = new Map<string, [string, string]>([['content-type', ['Content-Type', 'application/json']]]);
        for (const [k, v] of Object.entries(headers)) merged.set(k.toLowerCase(), [k, String(v)]);
        merged.set('content-length', ['Content-Length', String(Buffer.byteLength(text))]);
        res.writeHead(status, Object.fromEntries(merged.values()));
        res.end(text);
      };
      let body: string;
      try {
        body = await readBody(req);
      } catch (err) {
        if (!(err instanceof BodyRefused)) return; // the client went away mid-upload: nobody to answer
        discardRest(req, maxBodyBytes);
        return send(err.status, { message: err.message }, err.status === 503 ? { 'Retry-After': '1' } : {});
      }
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const parts = url.pathname.split('/').filter(Boolean);
        if (parts[0] === 'provisionings' && parts.length === 1 && req.method === 'POST') {
          const event = toProxyEvent(req, url, body, '/provisionings', null);
          const out = await invokeLocally(create, event, lambdaContext('apiCreateProvisioning', { remainingMs: 10_000 }));
          return send(out.statusCode, out.body, { ...(out.headers as Record<string, string>), 'x-amzn-RequestId': event.requestContext.requestId });
        }
        if (parts[0] === 'provisionings' && parts.length === 2 && req.method === 'PUT') {
          const id = decodeSegment(parts[1] ?? '');
          if (id === undefined) return send(400, { message: 'The path has an invalid percent-encoding' });
          const event = toProxyEvent(req, url, body, '/provisionings/{id}', { id });
          const out = await put(event, lambdaContext('apiUpdateProvisioning', { remainingMs: 10_000 }));
          return send(out.statusCode, out.body, { ...(out.headers as Record<string, string>), 'x-amzn-RequestId': event.requestContext.requestId });
        }
        if (parts[0] === 'provisionings' && parts.length === 2 && (req.method === 'GET' || req.method === 'DELETE')) {
          // API Gateway hands the handler the path parameter URL-decoded (and refuses a broken escape)
          const id = decodeSegment(parts[1] ?? '');
          if (id === undefined) return send(400, { message: 'The path has an invalid percent-encoding' });
          const event = toProxyEvent(req, url, body, '/provisionings/{id}', { id });
          const out = req.method === 'GET'
            ? await invokeLocally(get, event, lambdaContext('apiGetProvisioning', { remainingMs: 10_000 }))
            : await invokeLocally(del, event, lambdaContext('apiDeleteProvisioning', { remainingMs: 10_000 }));
          return send(out.statusCode, out.body, { ...(out.headers as Record<string, string>), 'x-amzn-RequestId': event.requestContext.requestId });
        }
        if (url.pathname === '/_local/events' && req.method === 'POST') {
          let event: unknown;
          try {
            event = JSON.parse(withoutBom(body));
          } catch {
            return send(400, { message: 'the body must be an EventBridge event (JSON)' });
          }
          const out = await deliver(event);
          return send(out.status, out.body);
        }
        if (url.pathname === '/_local/dlq' && req.method === 'GET') return send(200, deadLetters());
        if (url.pathname === '/_local/advance' && req.method === 'POST') {
          const seconds = advanceSecondsOf(body);
          if (typeof seconds === 'string') return send(400, { message: `Invalid advance: ${seconds}` });
          world.emulator.clock.advance(seconds);
          return send(200, { advancedSeconds: seconds, simulatedNow: new Date(world.emulator.clock.now()).toISOString() });
        }
        if (parts[0] === '_local' && parts[1] === 'wait' && parts.length === 3 && req.method === 'GET') {
          // Answers when the execution's current run has ended: tests and scripts wait on this instead of polling.
          const name = decodeSegment(parts[2] ?? '');
          const machine = url.searchParams.get('machine') === 'teardown' ? world.teardownStateMachineArn : world.stateMachineArn;
          const arn = name === undefined ? undefined : `${machine.replace(':stateMachine:', ':execution:')}:${name}`;
          if (!arn || !world.stepFunctions.has(arn)) return send(404, { message: 'no such execution' });
          return send(200, { executionArn: arn, status: await world.stepFunctions.waitFor(arn) });
        }
        // what API Gateway answers for a route it does not have
        return send(403, { message: 'Missing Authentication Token' });
      } catch (err) {
        // the handlers answer 5xx themselves; this is the "Lambda crashed" case
        console.error('local API: handler crashed:', err instanceof Error ? err.name : err);
        return send(502, { message: 'Internal server error' });
      }
    })();
  });
  emitProgress = (n) => server.emit('body-bytes', n);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.maxConnections = MAX_CONNECTIONS;
  // A request (headers and body) that trickles in for longer is answered 408 and its connection closed.
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (err) {
    if (ownsWorld) await world.stop();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    world,
    server,
    get deadLetters() {
      return deadLetters();
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsWorld) await world.stop();
    },
  };
}

const USAGE = `Usage: npm run api -- [--port 3000] [--verbose]

Serves POST /provisionings, GET, PUT and DELETE /provisionings/{id}[?force=true] on 127.0.0.1 with
the real handlers, against the local world (emulated AWS + local Step Functions running the real workflow and the
teardown). No SigV4 check locally.

Serves until SIGINT/SIGTERM (exit 0). Exit codes otherwise: 2 usage error (e.g. the port is in use), 1 anything else.
`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: process.env['PORT'] ?? '3000' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0] ?? ''} (npm run api -- --help for the options)`);
  }
  if (values.help) {
    console.log(USAGE);
    return EXIT_OK;
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port must be 0-65535, got "${values.port}"`);
  process.env['POWERTOOLS_LOG_LEVEL'] ??= values.verbose ? 'INFO' : 'WARN';
  let api: ApiServer;
  try {
    api = await startApiServer({ port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--port ${port}: the port is in use (pick another, or --port 0 for a free one)`);
    if (code === 'EACCES') throw new UsageError(`--port ${port}: not allowed to listen on it (use a port above 1023)`);
    throw err;
  }
  console.log(`local provisioning API listening on ${api.url}`);
  console.log(`  local Step Functions: ${api.world.sfnEndpoint} (state machine ${api.world.stateMachineArn})`);
  console.log(`  curl -s -X POST ${api.url}/provisionings -H 'content-type: application/json' -H 'Idempotency-Key: demo-1' --data @events/execution-input.json`);
  console.log(`  curl -s ${api.url}/provisionings/api-key-demo-1`);
  console.log(`  curl -s -X DELETE ${api.url}/provisionings/api-key-demo-1    # starts its teardown; GET shows it`);
  console.log(`  npm run put-event -- --file events/provisioning-requested.json --api ${api.url}`);
  console.log(`  AWS_ENDPOINT_URL_SFN=${api.world.sfnEndpoint} STATE_MACHINE_ARN=${api.world.stateMachineArn} TEARDOWN_STATE_MACHINE_ARN=${api.world.teardownStateMachineArn} AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local npm run executions -- list`);
  const stop = () => {
    void api.stop().then(() => process.exit(EXIT_OK));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => undefined); // serve until stopped
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(() => main(process.argv.slice(2)));
}
