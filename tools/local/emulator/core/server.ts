/**
 * The HTTP front: one node:http server for every registered service. A request is routed by the SigV4 credential
 * scope's service name (`Authorization: ... Credential=AKID/DATE/REGION/SERVICE/aws4_request`, a service's
 * `signingName`), falling back on the `X-Amz-Target` prefix (`targetPrefix`), an EC2 `Action=` form body, or a
 * service's `unsignedPath`. Signatures are not verified.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ApiError } from './api-error.ts';
import { isTransportFault } from './faults.ts';
import type { FaultSpec } from './faults.ts';
import { RESPONSE_HEADERS, statusFor } from './service.ts';
import type { Json, Protocol, ServiceContext, ServiceDef } from './service.ts';

interface Call {
  svc: ServiceDef;
  protocol: Protocol;
  op: string;
  input: Json;
  /** Success status (restJson: 200 or 202). */
  status: number;
}

function identify(services: readonly ServiceDef[], req: IncomingMessage, body: string, url: URL): ServiceDef | undefined {
  const scope = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '');
  if (scope) return services.find((svc) => svc.signingName === scope[1]);
  const target = String(req.headers['x-amz-target'] ?? '').split('.')[0] ?? '';
  return (
    services.find((svc) => svc.targetPrefix !== undefined && svc.targetPrefix === target) ??
    (/(^|&)Action=/.test(body) ? services.find((svc) => svc.protocol === 'ec2') : services.find((svc) => svc.unsignedPath?.test(url.pathname)))
  );
}

function parseCall(services: readonly ServiceDef[], req: IncomingMessage, body: string, url: URL): Call {
  const svc = identify(services, req, body, url);
  if (!svc) throw new ApiError('UnrecognizedClientException', 'The emulator could not tell which AWS service this request is for.');
  const { protocol } = svc;
  const json = (): Json => {
    if (!body.trim()) return {};
    try {
      const v: unknown = JSON.parse(body);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Json;
    } catch {
      /* fall through */
    }
    throw new ApiError('SerializationException', 'Request body is not a JSON object.');
  };
  if (protocol === 'awsJson') {
    const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    return { svc, protocol, op, input: json(), status: 200 };
  }
  if (protocol === 'ec2') {
    const form = Object.fromEntries(new URLSearchParams(body));
    const { Action: op = '', Version: _v, ...input } = form;
    return { svc, protocol, op, input, status: 200 };
  }
  const method = req.method ?? 'GET';
  const payload = method === 'POST' || method === 'PATCH' || method === 'PUT' ? json() : {};
  const route = svc.route?.(method, url, payload);
  if (!route) throw new ApiError('UnknownOperationException', `No operation for ${req.method} ${url.pathname}`, 404);
  return { svc, protocol, ...route };
}

/* ---------------- rendering ---------------- */

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
function toXml(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => `<item>${toXml(x)}</item>`).join('');
  if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => `<${k}>${toXml(x)}</${k}>`).join('');
  return xmlEscape(String(v));
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function renderOk(res: ServerResponse, call: Call, out: Json, requestId: string): void {
  if (call.protocol === 'ec2') {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<${call.op}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${requestId}</requestId>${toXml(out)}</${call.op}Response>`;
    return send(res, 200, 'text/xml;charset=UTF-8', xml, { 'x-amzn-requestid': requestId });
  }
  const ct = call.protocol === 'awsJson' ? `application/x-amz-json-${call.svc.awsJsonVersion ?? '1.1'}` : 'application/json';
  const extra = (out as { [RESPONSE_HEADERS]?: Record<string, string> })[RESPONSE_HEADERS] ?? {};
  send(res, call.status, ct, JSON.stringify(out), { 'x-amzn-requestid': requestId, ...extra });
}

function renderError(res: ServerResponse, protocol: Protocol, err: ApiError, requestId: string, svc?: ServiceDef): void {
  if (protocol === 'ec2') {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${xmlEscape(err.code)}</Code><Message>${xmlEscape(err.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
    return send(res, err.status, 'text/xml;charset=UTF-8', xml);
  }
  const headers = { 'x-amzn-requestid': requestId, 'x-amzn-errortype': err.code };
  if (protocol === 'awsJson') {
    const body = { __type: `${svc?.errorTypePrefix ?? ''}${err.code}`, message: err.message, Message: err.message, ...err.fields };
    return send(res, err.status, `application/x-amz-json-${svc?.awsJsonVersion ?? '1.1'}`, JSON.stringify(body), headers);
  }
  send(res, err.status, 'application/json', JSON.stringify({ message: err.message, Message: err.message, ...err.fields }), headers);
}

function injected(call: Call, fault: FaultSpec): ApiError {
  const message = fault.message ?? (/Throttl/.test(fault.error) ? 'Rate exceeded' : `Injected fault (emulator): ${fault.error} on ${call.svc.name}.${call.op}`);
  return new ApiError(fault.error, message, statusFor(call.svc, fault.error), call.svc.faultFields?.(fault.error, call.input) ?? {});
}

/**
 * A transport fault: `reset` drops the connection without an answer; `timeout` keeps it open and silent until the
 * client gives up (its socket timeout) or the server stops.
 */
function failTransport(req: IncomingMessage, fault: FaultSpec): void {
  if (fault.error === 'reset') req.socket.destroy();
}

/** How long an idle keep-alive connection stays open: long, so a client never reuses a socket the server just closed. */
export const KEEP_ALIVE_TIMEOUT_MS = 10 * 60_000;

export function startServer(ctx: ServiceContext, apiCalls: Record<string, number>): Server {
  const { services } = ctx;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    // A failure while answering must not crash the process: the connection is dropped (the caller sees a reset).
    req.on('end', () => void handle().catch(() => req.socket.destroy()));
    const handle = async (): Promise<void> => {
      const requestId = randomUUID();
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://localhost');
      let call: Call;
      try {
        call = parseCall(services, req, body, url);
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError('SerializationException', String(e));
        return renderError(res, identify(services, req, body, url)?.protocol ?? 'awsJson', err, requestId);
      }
      const key = `${call.svc.name}.${call.op}`;
      apiCalls[key] = (apiCalls[key] ?? 0) + 1;
      const handler = call.svc.ops[call.op];
      if (!handler) return renderError(res, call.protocol, new ApiError('UnknownOperationException', `Operation ${call.op} is not supported by the emulator.`), requestId, call.svc);
      const fault = ctx.faults.take(call.svc.name, call.op);
      const transport = fault !== undefined && isTransportFault(fault.error);
      if (fault && !fault.after) return transport ? failTransport(req, fault) : renderError(res, call.protocol, injected(call, fault), requestId, call.svc);
      let out: Json;
      try {
        out = await handler(call.input, ctx);
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError('InternalFailure', `Emulator bug: ${(e as Error).message}`, 500);
        return renderError(res, call.protocol, err, requestId, call.svc);
      }
      // `after`: the side effect above happened, but the caller sees an error (a lost response).
      if (fault) return transport ? failTransport(req, fault) : renderError(res, call.protocol, injected(call, fault), requestId, call.svc);
      renderOk(res, call, out, requestId);
    };
  });
  // Node closes idle keep-alive sockets after 5 s; on a busy machine a client can pick such a socket just as the
  // server closes it and get "socket hang up". Connections are closed on stop() instead.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  return server;
}
