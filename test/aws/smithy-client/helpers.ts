import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';

export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };
export const REGION = 'us-east-1';
export const DIRECTORY_ID = 'd-1234567890';

export interface RecordedRequest {
  method: string;
  /** Raw request target as sent (path + query, still percent-encoded). */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface LocalServer {
  endpoint: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) that records every request and answers with `reply(request, n)`
 * (n = 0-based index of the request), JSON-encoding the body.
 */
export const startServer = async (reply: (request: RecordedRequest, n: number) => Reply): Promise<LocalServer> => {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const [path = '/', search = ''] = url.split('?');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url,
        path,
        query: new URLSearchParams(search),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const { status, headers = {}, body } = reply(recorded, requests.length - 1);
      const payload = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, {
        ...(payload ? { 'content-type': 'application/json' } : {}),
        'x-amzn-requestid': `req-${requests.length}`,
        ...headers,
      });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** Parses the SigV4 `Authorization` header's credential scope: `<key>/<date>/<region>/<service>/aws4_request`. */
export const credentialScope = (headers: http.IncomingHttpHeaders) => {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, /.exec(
    headers.authorization ?? '',
  );
  if (!match) return undefined;
  const [, accessKeyId, date, region, service] = match;
  return { accessKeyId, date, region, service };
};

/** `makeClient(endpoint?, config?)` for a client class: the fixed region and credentials, then `config`. */
export const clientMaker =
  <Config extends object, C>(Client: new (config: Config) => C) =>
  (endpoint: string | undefined, config?: Config): C =>
    new Client({
      region: REGION,
      credentials: CREDENTIALS,
      ...(endpoint === undefined ? {} : { endpoint }),
      ...config,
    } as Config);

/**
 * For the enclosing suite: a local server answering with `reply` and a client on it, both closed after the suite.
 * `sendOne` sends one command and returns the single request the server saw for it.
 */
export const clientOnLocalServer = <C extends { destroy(): void }>(
  reply: (request: RecordedRequest, n: number) => Reply,
  makeClient: (endpoint: string) => C,
) => {
  let server: LocalServer | undefined;
  let client: C | undefined;
  before(async () => {
    server = await startServer(reply);
    client = makeClient(server.endpoint);
  });
  after(async () => {
    client?.destroy();
    await server?.close();
  });
  const wire = {
    get server(): LocalServer {
      assert.ok(server, 'the suite has started');
      return server;
    },
    get client(): C {
      assert.ok(client, 'the suite has started');
      return client;
    },
    sendOne: async <T>(send: () => Promise<T>): Promise<{ output: T; request: RecordedRequest }> => {
      const count = wire.server.requests.length;
      const output = await send();
      assert.equal(wire.server.requests.length, count + 1, 'exactly one HTTP request');
      const request = wire.server.requests.at(-1);
      assert.ok(request);
      return { output, request };
    },
  };
  return wire;
};
