import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeDirectoriesCommand } from '@aws-sdk/client-directory-service';
import { acmPca, directoryService, directoryServiceCreate, directoryServiceData, dynamoDb, ec2, eventBridge, lambda, pcaConnectorAd, ram, resetClients, secretsManager, sfn } from '../../src/aws/clients.ts';
import { startEmulator } from '../../tools/local/emulator/index.ts';
import { DEFAULT_SEED_PATH, loadSeed } from '../../tools/local/emulator/index.ts';

process.env.AWS_REGION ??= 'us-east-1';
// Dummy credentials so the SDK gets as far as building the request (nothing is sent).
process.env.AWS_ACCESS_KEY_ID ??= 'AKIDLOCALTEST';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-test-secret';
after(() => resetClients());

describe('src/aws/clients.ts', () => {
  it('memoises one client per service and builds them lazily', () => {
    // Prepare
    resetClients();
    // Act + Assess
    for (const get of [directoryService, directoryServiceCreate, secretsManager, ec2, acmPca, eventBridge, pcaConnectorAd, directoryServiceData, ram, dynamoDb, sfn, lambda]) {
      assert.equal(get(), get());
    }
    assert.notEqual(directoryService(), directoryServiceCreate());
  });

  it('resetClients() drops the cache; env set before first use is honoured', async () => {
    // Prepare
    const before = directoryService();
    process.env.AWS_ENDPOINT_URL_DIRECTORY_SERVICE = 'http://127.0.0.1:4599';
    try {
      // Act
      resetClients();
      const client = directoryService();
      // Assess
      assert.notEqual(client, before);
      client.middlewareStack.add(
        () => async (args) => {
          throw Object.assign(new Error('stop before sending'), { request: args.request });
        },
        { step: 'build', name: 'captureRequest' },
      );
      const error = (await client.send(new DescribeDirectoriesCommand({})).catch((e: unknown) => e)) as { request?: { hostname?: string; port?: number } };
      assert.equal(error.request?.hostname, '127.0.0.1');
      assert.equal(error.request?.port, 4599);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_DIRECTORY_SERVICE;
      resetClients();
    }
  });

  it('CreateDirectory goes through a client without SDK retries (a resend after a lost response would duplicate)', async () => {
    assert.equal(await directoryServiceCreate().config.maxAttempts(), 1);
    assert.ok((await directoryService().config.maxAttempts()) > 1);
  });

  it('Directory Service throttles (ClientException "Rate exceeded") are retried by the SDK; other ClientExceptions are not', async () => {
    // Prepare: the emulator answers the first two DescribeDirectories with a throttle, on the real wire protocol
    const emu = await startEmulator({ seed: loadSeed(DEFAULT_SEED_PATH) });
    process.env.AWS_ENDPOINT_URL_DIRECTORY_SERVICE = emu.endpoint;
    try {
      resetClients();
      emu.addFault({ operation: 'DescribeDirectories', error: 'ClientException', count: 2, message: 'Rate exceeded' });
      // Act
      const out = await directoryService().send(new DescribeDirectoriesCommand({}));
      // Assess
      assert.deepEqual(out.DirectoryDescriptions?.map((d) => d.DirectoryId), (loadSeed(DEFAULT_SEED_PATH).directories ?? []).map((d) => d.DirectoryId), 'the seeded directories');
      assert.equal(emu.apiCalls['DirectoryService.DescribeDirectories'], 3, 'two throttles, then the answer');
      emu.addFault({ operation: 'DescribeDirectories', error: 'ClientException', count: 1, message: 'Subnets are in unsupported AZs' });
      await assert.rejects(directoryService().send(new DescribeDirectoriesCommand({})), { name: 'ClientException' });
      assert.equal(emu.apiCalls['DirectoryService.DescribeDirectories'], 4, 'a real client error is not retried');
    } finally {
      delete process.env.AWS_ENDPOINT_URL_DIRECTORY_SERVICE;
      resetClients();
      await emu.stop();
    }
  });

  it('every client has a connection timeout and the socket timeout of SDK_SOCKET_TIMEOUT_MS (default 8 s)', async () => {
    const getters = [directoryService, directoryServiceCreate, secretsManager, ec2, acmPca, eventBridge, pcaConnectorAd, directoryServiceData, dynamoDb, sfn];
    type Resolved = { connectionTimeout?: number; socketTimeout?: number; requestTimeout?: number };
    const resolved = async (get: (typeof getters)[number]): Promise<Resolved> =>
      (await (get().config.requestHandler as unknown as { configProvider: Promise<Resolved> }).configProvider);
    for (const [env, want] of [[undefined, 8_000], ['1234', 1_234]] as const) {
      if (env === undefined) delete process.env['SDK_SOCKET_TIMEOUT_MS'];
      else process.env['SDK_SOCKET_TIMEOUT_MS'] = env;
      resetClients();
      for (const get of getters) {
        const c = await resolved(get);
        assert.equal(c.connectionTimeout, 3_000, get.name);
        // node-http-handler 2.x (client-acm-pca) takes socketTimeout as its requestTimeout (an idle timeout too)
        assert.equal(c.socketTimeout ?? c.requestTimeout, want, get.name);
      }
    }
    delete process.env['SDK_SOCKET_TIMEOUT_MS'];
    resetClients();
  });

  it('a silent endpoint fails the call with a TimeoutError instead of hanging', async () => {
    // Prepare: a server that reads the request and never answers
    const silent = createServer((req) => req.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    process.env['AWS_ENDPOINT_URL_DIRECTORY_SERVICE'] = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    process.env['SDK_SOCKET_TIMEOUT_MS'] = '200';
    resetClients();
    try {
      // Act + Assess (the client's own timer ends the call; nothing here waits on time)
      await assert.rejects(directoryServiceCreate().send(new DescribeDirectoriesCommand({})), { name: 'TimeoutError', message: /socket timed out after 200 ms/ });
    } finally {
      delete process.env['AWS_ENDPOINT_URL_DIRECTORY_SERVICE'];
      delete process.env['SDK_SOCKET_TIMEOUT_MS'];
      resetClients();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
