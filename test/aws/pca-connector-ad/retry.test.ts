import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import {
  GetConnectorCommand,
  InternalServerException,
  ThrottlingException,
  type PcaConnectorAdClient,
} from '../../../src/aws/pca-connector-ad/index.ts';
import { CONNECTOR_ARN, makeClient, startServer, type LocalServer, type Reply } from './helpers.ts';

const errorReply = (status: number, code: string): Reply => ({
  status,
  headers: { 'x-amzn-errortype': code },
  body: { message: code },
});

describe('PcaConnectorAdClient retries (standard strategy, real HTTP server)', () => {
  let server: LocalServer | undefined;
  let client: PcaConnectorAdClient | undefined;
  afterEach(async () => {
    client?.destroy();
    await server?.close();
  });

  /** Standard retry strategy with a 1 ms backoff so the test stays fast. */
  const fastRetries = (maxAttempts: number) => ({ retryStrategy: new ConfiguredRetryStrategy(maxAttempts, () => 1) });

  for (const [status, code, ctor] of [
    [500, 'InternalServerException', InternalServerException],
    [429, 'ThrottlingException', ThrottlingException],
  ] as const) {
    it(`${status} ${code} is retried up to maxAttempts (3 requests), then thrown`, async () => {
      // Prepare
      server = await startServer(() => errorReply(status, code));
      client = makeClient(server.endpoint, fastRetries(3));
      // Act
      const error: unknown = await client.send(new GetConnectorCommand({ ConnectorArn: CONNECTOR_ARN })).catch((e) => e);
      // Assess
      assert.equal(server.requests.length, 3);
      assert.ok(error instanceof ctor);
      assert.equal(error.$metadata.attempts, 3);
      const attempts = server.requests.map((r) => r.headers['amz-sdk-request']);
      assert.deepEqual(attempts, ['attempt=1; max=3', 'attempt=2; max=3', 'attempt=3; max=3']);
    });
  }

  it('a 500 followed by a 200 succeeds on the second attempt', async () => {
    server = await startServer((_req, n) =>
      n === 0 ? errorReply(500, 'InternalServerException') : { status: 200, body: { Connector: { Status: 'ACTIVE' } } },
    );
    client = makeClient(server.endpoint, fastRetries(3));
    const output = await client.send(new GetConnectorCommand({ ConnectorArn: CONNECTOR_ARN }));
    assert.equal(output.Connector?.Status, 'ACTIVE');
    assert.equal(output.$metadata.attempts, 2);
    assert.equal(server.requests.length, 2);
  });

  for (const [status, code] of [
    [400, 'ValidationException'],
    [403, 'AccessDeniedException'],
    [404, 'ResourceNotFoundException'],
    [409, 'ConflictException'],
  ] as const) {
    it(`${status} ${code} is not retried (1 request)`, async () => {
      server = await startServer(() => errorReply(status, code));
      client = makeClient(server.endpoint, fastRetries(3));
      const error: unknown = await client.send(new GetConnectorCommand({ ConnectorArn: CONNECTOR_ARN })).catch((e) => e);
      assert.equal(server.requests.length, 1);
      assert.equal((error as Error).name, code);
    });
  }

  it('the default retry strategy honours maxAttempts from the client config (2 → 2 requests)', async () => {
    server = await startServer(() => errorReply(500, 'InternalServerException'));
    client = makeClient(server.endpoint, { maxAttempts: 2 });
    const error: unknown = await client.send(new GetConnectorCommand({ ConnectorArn: CONNECTOR_ARN })).catch((e) => e);
    assert.ok(error instanceof InternalServerException);
    assert.equal(server.requests.length, 2);
    assert.equal(server.requests[0]?.headers['amz-sdk-request'], 'attempt=1; max=2');
  });
});
