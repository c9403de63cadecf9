/**
 * Transport failures produced for real: SDK clients (client-directory-service on node-http-handler 4.x and
 * client-acm-pca on 2.x) against a loopback server that misbehaves in each way, then classified and renamed.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ACMPCAClient, DescribeCertificateAuthorityCommand } from '@aws-sdk/client-acm-pca';
import { DescribeDirectoriesCommand, DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import type { Context } from 'aws-lambda';
import { TransportMaybeSentError, TransportNotSentError } from '../../src/domain/errors.ts';
import { logger } from '../../src/lib/logger.ts';
import { wrapHandler } from '../../src/lib/wrap-handler.ts';
import { classifyTransportError, renameTransportError } from '../../src/lib/transport-errors.ts';
import { lambdaContext } from '../../tools/local/lambda.ts';

logger.setLogLevel('SILENT');

type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;
const behaviours: Record<string, Behaviour> = {
  /** The connection is dropped before any response: "socket hang up". */
  hangup: (req) => req.socket.destroy(),
  /** A TCP reset: "read ECONNRESET". */
  rst: (req) => req.socket.resetAndDestroy(),
  /** Headers and part of the body, then the connection drops: "aborted" while the body is read. */
  partial: (req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': '1000' });
    res.write('{', () => req.socket.destroy());
  },
  /** Never answers (the client's socket timeout fires). */
  silent: () => undefined,
  /** A modelled service error: not a transport failure. */
  serviceError: (_req, res) => {
    const body = JSON.stringify({ __type: 'ServiceException', message: 'boom' });
    res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  },
};

let server: Server;
let garbage: ReturnType<typeof createNetServer>;
let base = '';
let garbageUrl = '';
let closedUrl = '';
const requests: Record<string, number> = {};

const listen = (s: { listen: (port: number, host: string, cb: () => void) => unknown; address: () => unknown }): Promise<number> =>
  new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));

before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const name = (req.url ?? '/').split('/')[1] ?? '';
      requests[name] = (requests[name] ?? 0) + 1;
      behaviours[name]?.(req, res);
    });
  });
  base = `http://127.0.0.1:${await listen(server)}`;
  garbage = createNetServer((socket) => socket.end('NOT HTTP\r\n\r\n'));
  garbageUrl = `http://127.0.0.1:${await listen(garbage)}`;
  const closed = createNetServer();
  closedUrl = `http://127.0.0.1:${await listen(closed)}`;
  await new Promise((resolve) => closed.close(resolve));
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => garbage.close(resolve));
});

const config = (endpoint: string, maxAttempts = 1) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
  maxAttempts,
  requestHandler: { connectionTimeout: 2_000, socketTimeout: 300 },
});
const ds = (endpoint: string, maxAttempts = 1) => new DirectoryServiceClient(config(endpoint, maxAttempts));
const failureOf = async (p: Promise<unknown>): Promise<Error & { code?: string }> => {
  try {
    await p;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected the call to fail');
};
const describeDirectories = (endpoint: string, maxAttempts = 1) => {
  const client = ds(endpoint, maxAttempts);
  return failureOf(client.send(new DescribeDirectoriesCommand({}))).finally(() => client.destroy());
};

describe('classifyTransportError: real SDK failures', () => {
  for (const [path, name] of [['hangup', 'TimeoutError'], ['rst', 'TimeoutError'], ['partial', 'Error'], ['silent', 'TimeoutError']] as const) {
    it(`${path}: the SDK throws ${name}; may have been sent`, async () => {
      // Act
      const err = await describeDirectories(`${base}/${path}`);
      // Assess
      assert.equal(err.name, name, err.message);
      assert.equal(classifyTransportError(err), 'maybe-sent');
      const renamed = renameTransportError(err) as Error;
      assert.ok(renamed instanceof TransportMaybeSentError);
      assert.equal(renamed.name, 'TransportMaybeSentError');
      assert.ok(renamed.message.startsWith(err.message.split('\n')[0] ?? ''), renamed.message);
      assert.equal(renamed.cause, err);
    });
  }

  it('an HTTP parse error (not HTTP at all): may have been sent', async () => {
    const err = await describeDirectories(garbageUrl);
    assert.match(err.code ?? '', /^HPE_/);
    assert.equal(classifyTransportError(err), 'maybe-sent');
  });

  it('connection refused on the only attempt: not sent; after an earlier attempt: may have been sent', async () => {
    // Act
    const once = await describeDirectories(closedUrl, 1);
    const twice = await describeDirectories(closedUrl, 2);
    // Assess
    assert.equal(once.code, 'ECONNREFUSED');
    assert.equal(classifyTransportError(once), 'not-sent');
    const renamed = renameTransportError(once) as Error;
    assert.ok(renamed instanceof TransportNotSentError);
    assert.match(renamed.message, /ECONNREFUSED/);
    assert.equal((twice as { $metadata?: { attempts?: number } }).$metadata?.attempts, 2);
    assert.equal(classifyTransportError(twice), 'maybe-sent');
  });

  it('client-acm-pca (node-http-handler 2.x): hang-up and refused classify the same way', async () => {
    const pca = (endpoint: string) => new ACMPCAClient(config(endpoint));
    const command = new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555' });
    const hung = pca(`${base}/hangup`);
    const refused = pca(closedUrl);
    try {
      assert.equal(classifyTransportError(await failureOf(hung.send(command))), 'maybe-sent');
      assert.equal(classifyTransportError(await failureOf(refused.send(command))), 'not-sent');
    } finally {
      hung.destroy();
      refused.destroy();
    }
  });

  it('a modelled service error (HTTP 500 ServiceException) and an abort are left alone', async () => {
    const err = await describeDirectories(`${base}/serviceError`);
    assert.equal(err.name, 'ServiceException');
    assert.equal(classifyTransportError(err), undefined);
    assert.equal(renameTransportError(err), err);
    const abort = Object.assign(new Error('Request aborted'), { name: 'AbortError', code: 'ECONNRESET' });
    assert.equal(classifyTransportError(abort), undefined);
  });

  it('DNS and routing failures (as node reports them) are not sent; anything else is not a transport error', () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']) {
      assert.equal(classifyTransportError(Object.assign(new Error(`getaddrinfo ${code} host`), { code })), 'not-sent', code);
    }
    assert.equal(classifyTransportError(Object.assign(new Error('x'), { name: 'TimeoutError', $metadata: { attempts: 1 } })), 'maybe-sent');
    assert.equal(classifyTransportError(new TypeError('x')), undefined);
    assert.equal(classifyTransportError('string'), undefined);
    assert.equal(classifyTransportError(null), undefined);
  });
});

describe('the task handler wrapper', () => {
  it('a handler whose SDK call hangs up fails with TransportMaybeSentError, the SDK error as cause', async () => {
    // Prepare: a task core making one real call (the SDK's own retries included)
    const client = ds(`${base}/hangup`, 2);
    const handler = wrapHandler(async () => client.send(new DescribeDirectoriesCommand({})), 'GetDirectoryStage');
    try {
      // Act
      const err = await failureOf(handler({}, lambdaContext('test') as Context));
      // Assess
      assert.equal(err.name, 'TransportMaybeSentError');
      assert.equal((err.cause as Error).name, 'TimeoutError');
    } finally {
      client.destroy();
    }
  });

  it('other errors leave the wrapper with their own names', async () => {
    const handler = wrapHandler(async () => {
      throw Object.assign(new Error('no'), { name: 'DirectoryLimitExceededException', $fault: 'client' });
    }, 'CreateDirectory');
    await assert.rejects(handler({}, lambdaContext('test') as Context), { name: 'DirectoryLimitExceededException' });
  });
});
