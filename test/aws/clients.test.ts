import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DescribeDirectoriesCommand } from '@aws-sdk/client-directory-service';
import { acmPca, directoryService, directoryServiceCreate, dynamoDb, ec2, eventBridge, pcaConnectorAd, ram, resetClients, secretsManager, sfn } from '../../src/aws/clients.ts';
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
    for (const get of [directoryService, directoryServiceCreate, secretsManager, ec2, acmPca, eventBridge, pcaConnectorAd, ram, dynamoDb, sfn]) {
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
      assert.deepEqual(out.DirectoryDescriptions, []);
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
});
