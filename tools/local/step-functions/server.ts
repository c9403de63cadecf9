/**
 * The local Step Functions endpoint: a tiny node:http server speaking the Step Functions wire protocol
 * (awsJson1_0: `POST /`, `X-Amz-Target: AWSStepFunctions.<Operation>`, JSON body, errors as `{"__type": …}` with
 * HTTP 400), so an unmodified `SFNClient` reaches it through `AWS_ENDPOINT_URL_SFN`. SigV4 signatures (service
 * `states`) are accepted without verification, like the emulator's.
 *
 * A second server rather than a route in the emulator's: the emulator routes by SigV4 service name over a fixed
 * table and has no registration hook; a separate port keeps it untouched.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KEEP_ALIVE_TIMEOUT_MS } from '../emulator/core/server.ts';
import { SfnError } from './service.ts';
import type { LocalStepFunctions } from './service.ts';

const OPERATIONS = ['StartExecution', 'DescribeExecution', 'ListExecutions', 'GetExecutionHistory', 'RedriveExecution', 'StopExecution'] as const;
type Operation = (typeof OPERATIONS)[number];

/** Dates as epoch seconds (the awsJson timestamp format), recursively. */
export const toWire = (value: unknown): unknown => {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toWire(v)]));
  }
  return value;
};

export interface SfnServer {
  readonly endpoint: string;
  readonly server: Server;
  stop(): Promise<void>;
}

export async function startSfnServer(service: LocalStepFunctions, port = 0): Promise<SfnServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const requestId = randomUUID();
      const reply = (status: number, body: unknown, extra: Record<string, string> = {}) => {
        const text = JSON.stringify(body);
        res.writeHead(status, {
          'content-type': 'application/x-amz-json-1.0',
          'content-length': Buffer.byteLength(text),
          'x-amzn-requestid': requestId,
          ...extra,
        });
        res.end(text);
      };
      try {
        const target = String(req.headers['x-amz-target'] ?? '');
        const [prefix, op] = target.split('.');
        if (req.method !== 'POST' || prefix !== 'AWSStepFunctions' || !OPERATIONS.includes(op as Operation)) {
          throw new SfnError('UnknownOperationException', `The local Step Functions endpoint does not implement ${target || `${req.method} ${req.url}`}`);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        let input: Record<string, unknown> = {};
        if (raw.trim()) {
          const parsed: unknown = JSON.parse(raw);
          if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SfnError('SerializationException', 'Body is not a JSON object');
          input = parsed as Record<string, unknown>;
        }
        reply(200, toWire(service[op as Operation](input)));
      } catch (err) {
        const e = err instanceof SfnError ? err : new SfnError(err instanceof SyntaxError ? 'SerializationException' : 'InternalError', err instanceof Error ? err.message : String(err), err instanceof SyntaxError ? 400 : 500);
        reply(e.status, { __type: e.name, message: e.message }, { 'x-amzn-errortype': e.name });
      }
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS; // see the emulator's server
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    server,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
