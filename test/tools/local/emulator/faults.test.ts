import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CreateDirectoryCommand, DescribeDirectoriesCommand, DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { parseFault } from '../../../../tools/local/emulator/index.ts';
import type { Emulator } from '../../../../tools/local/emulator/index.ts';
import { OPERATION_ERRORS_PATH, OPERATION_ERROR_MODELS, operationErrorsFrom } from '../../../../tools/local/emulator/core/fault-errors.ts';
import type { ServiceModel } from '../../../../tools/local/emulator/core/fault-errors.ts';
import { SUBNET_A, clients, errorOf, simpleAd, start } from './helpers.ts';

const ROOT = new URL('../../../../', import.meta.url).pathname;

test('the vendored operation errors are the service models\' (npm run gen:operation-errors)', (t) => {
  const reference = join(ROOT, '..', 'shared', 'reference');
  if (!existsSync(reference)) {
    t.skip(`the service models are not beside the project (${reference})`);
    return;
  }
  const models = Object.fromEntries(
    Object.entries(OPERATION_ERROR_MODELS).map(([service, file]) => [service, JSON.parse(readFileSync(join(reference, file), 'utf8')) as ServiceModel]),
  );
  assert.deepEqual(JSON.parse(readFileSync(join(ROOT, OPERATION_ERRORS_PATH), 'utf8')), operationErrorsFrom(models));
});

describe('parseFault', () => {
  test('OP:ERROR[:COUNT|:RATE][:after]', () => {
    assert.deepEqual(parseFault('CreateDirectory:ServiceException:1:after'), { operation: 'CreateDirectory', error: 'ServiceException', count: 1, after: true });
    assert.deepEqual(parseFault('PcaConnectorAd.CreateConnector:ThrottlingException'), { operation: 'PcaConnectorAd.CreateConnector', error: 'ThrottlingException' });
    assert.deepEqual(parseFault('GetConnector:InternalServerException:3'), { operation: 'GetConnector', error: 'InternalServerException', count: 3 });
    assert.deepEqual(parseFault('*:ThrottlingException:0.25'), { operation: '*', error: 'ThrottlingException', rate: 0.25 });
    assert.deepEqual(parseFault('CreateConnector:ConflictException:after'), { operation: 'CreateConnector', error: 'ConflictException', after: true });
    assert.deepEqual(parseFault('DirectoryLifecycle:Failed:2'), { operation: 'DirectoryLifecycle', error: 'Failed', count: 2 });
    assert.deepEqual(parseFault('CreateDirectory:reset:1:after'), { operation: 'CreateDirectory', error: 'reset', count: 1, after: true });
    assert.deepEqual(parseFault('GetConnector:timeout'), { operation: 'GetConnector', error: 'timeout' });
  });
  test('bad syntax throws a clear Error', () => {
    for (const bad of ['CreateDirectory', 'CreateDirectory:', ':X', 'Op:Err:0', 'Op:Err:-1', 'Op:Err:1:later', 'Op:Err:after:1', 'Op:Err:1:after:x', 'Op Space:Err', 'Op:Err:1.5']) {
      assert.throws(() => parseFault(bad), (e: Error) => e.message.startsWith(`Invalid fault spec "${bad}"`), bad);
    }
  });
});

async function withEmu(opts: Parameters<typeof start>[0], fn: (emu: Emulator, c: ReturnType<typeof clients>) => Promise<void>): Promise<void> {
  const emu = await start(opts);
  try {
    await fn(emu, clients(emu));
  } finally {
    await emu.stop();
  }
}

describe('transport faults', () => {
  /** A client of the emulator with a short socket timeout (the `timeout` fault never answers). */
  const dsClient = (emu: Emulator) =>
    new DirectoryServiceClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, maxAttempts: 1, requestHandler: { socketTimeout: 200 } });

  test('reset: the connection drops before the call runs ("socket hang up"), nothing is created', () =>
    withEmu({ faults: [parseFault('CreateDirectory:reset')] }, async (emu, c) => {
      // Act
      const err = await errorOf(c.ds.send(new CreateDirectoryCommand(simpleAd())));
      const next = await c.ds.send(new CreateDirectoryCommand(simpleAd()));
      // Assess
      assert.equal(err.name, 'TimeoutError');
      assert.equal(err['code'], 'ECONNRESET');
      assert.match(err.message, /socket hang up/);
      assert.match(next.DirectoryId ?? '', /^d-/, 'COUNT 1: the next call goes through');
      assert.equal(emu.counts().directories, 1);
      assert.equal(emu.apiCalls['DirectoryService.CreateDirectory'], 2);
    }));

  test('reset:after: the directory is created, then the connection drops (a lost response)', () =>
    withEmu({ faults: [parseFault('CreateDirectory:reset:1:after')] }, async (emu, c) => {
      const err = await errorOf(c.ds.send(new CreateDirectoryCommand(simpleAd())));
      assert.equal(err.name, 'TimeoutError');
      assert.equal(emu.counts().directories, 1);
    }));

  test('timeout:after: the directory is created and no answer comes; the client\'s socket timeout ends the call', () =>
    withEmu({ faults: [parseFault('CreateDirectory:timeout:1:after')] }, async (emu) => {
      const ds = dsClient(emu);
      try {
        const err = await errorOf(ds.send(new CreateDirectoryCommand(simpleAd())));
        assert.equal(err.name, 'TimeoutError');
        assert.match(err.message, /timed out/);
        assert.equal(emu.counts().directories, 1);
      } finally {
        ds.destroy();
      }
    }));

  test('timeout (before): nothing is created; stop() drops a held call instead of waiting for it', async () => {
    // Prepare
    const emu = await start({ faults: [parseFault('CreateDirectory:timeout:2')] });
    const quick = dsClient(emu);
    const patient = new DirectoryServiceClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, maxAttempts: 1 });
    try {
      // Act: one call times out on the client; another (no client timeout) is still held when the emulator stops
      assert.equal((await errorOf(quick.send(new CreateDirectoryCommand(simpleAd())))).name, 'TimeoutError');
      const held = errorOf(patient.send(new CreateDirectoryCommand(simpleAd())));
      while ((emu.apiCalls['DirectoryService.CreateDirectory'] ?? 0) < 2) await new Promise((r) => setImmediate(r));
      assert.equal(emu.counts().directories, 0);
      await emu.stop();
      // Assess: the held call ends with the connection, as a transport error
      assert.equal((await held).name, 'TimeoutError');
    } finally {
      quick.destroy();
      patient.destroy();
    }
  });
});

describe('wire faults', () => {
  test('after: the directory is created but the caller gets ServiceException (500); a second DescribeDirectories shows it', () =>
    withEmu({ faults: [parseFault('CreateDirectory:ServiceException:1:after')] }, async (emu, c) => {
      // Act
      const err = await errorOf(c.ds.send(new CreateDirectoryCommand(simpleAd())));
      const seen = await c.ds.send(new DescribeDirectoriesCommand({}));
      const retry = await c.ds.send(new CreateDirectoryCommand(simpleAd({ Name: 'next.example.com' })));
      // Assess
      assert.equal(err.name, 'ServiceException');
      assert.equal(err.$metadata?.httpStatusCode, 500);
      assert.equal(seen.DirectoryDescriptions?.length, 1);
      assert.equal(seen.DirectoryDescriptions?.[0]?.Name, 'corp.example.com');
      assert.match(retry.DirectoryId ?? '', /^d-/);
      assert.equal(emu.apiCalls['DirectoryService.CreateDirectory'], 2);
      assert.equal(emu.counts().directories, 2);
    }));

  test('before (default): no side effect', () =>
    withEmu({ faults: [{ operation: 'DirectoryService.CreateDirectory', error: 'ClientException', message: 'Rate exceeded' }] }, async (emu, c) => {
      const err = await errorOf(c.ds.send(new CreateDirectoryCommand(simpleAd())));
      assert.equal(err.name, 'ClientException');
      assert.equal(err.message, 'Rate exceeded');
      assert.equal(err.$metadata?.httpStatusCode, 400);
      assert.equal(emu.counts().directories, 0);
    }));

  test('count: fails exactly N times, every call counted; clearFaults removes the rest', () =>
    withEmu({ faults: [{ operation: 'DescribeDirectories', error: 'ServiceException', count: 2 }, { operation: 'SecretsManager.*', error: 'InternalServiceError', count: 5 }] }, async (emu, c) => {
      // Act
      const results: string[] = [];
      for (let i = 0; i < 3; i++) results.push(await c.ds.send(new DescribeDirectoriesCommand({})).then(() => 'ok', (e: Error) => e.name));
      const smErr = await errorOf(c.sm.send(new GetSecretValueCommand({ SecretId: 'ad-cert-orchestrator/ad-admin-password' })));
      emu.clearFaults();
      const sm = await c.sm.send(new GetSecretValueCommand({ SecretId: 'ad-cert-orchestrator/ad-admin-password' }));
      // Assess
      assert.deepEqual(results, ['ServiceException', 'ServiceException', 'ok']);
      assert.equal(emu.apiCalls['DirectoryService.DescribeDirectories'], 3);
      assert.equal(smErr.name, 'InternalServiceError');
      assert.equal(smErr.$metadata?.httpStatusCode, 500);
      assert.equal(sm.Name, 'ad-cert-orchestrator/ad-admin-password');
      assert.equal(emu.apiCalls['SecretsManager.GetSecretValue'], 2);
    }));

  test('rate: a deterministic fraction of calls fails (same seed, same pattern)', async () => {
    const pattern = async (seed: number): Promise<string> => {
      let out = '';
      await withEmu({ randomSeed: seed, faults: [{ operation: '*', error: 'ThrottlingException', rate: 0.3 }] }, async (_emu, c) => {
        for (let i = 0; i < 40; i++) out += await c.ds.send(new DescribeDirectoriesCommand({})).then(() => '.', () => 'x');
      });
      return out;
    };
    const a = await pattern(7);
    const b = await pattern(7);
    const other = await pattern(8);
    const failures = [...a].filter((ch) => ch === 'x').length;
    assert.equal(a, b);
    assert.notEqual(a, other);
    assert.ok(failures >= 4 && failures <= 20, `${failures} of 40`);
  });

  test('EC2 faults come back in the EC2 XML error shape; unknown names -> 400, *InternalError -> 500', () =>
    withEmu({ faults: [{ operation: 'EC2.DescribeSubnets', error: 'RequestLimitExceeded' }, { operation: 'DescribeSubnets', error: 'InternalError' }] }, async (emu, c) => {
      const throttled = await errorOf(c.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [SUBNET_A] })));
      const internal = await errorOf(c.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [SUBNET_A] })));
      assert.equal(throttled.name, 'RequestLimitExceeded');
      assert.equal(throttled.$metadata?.httpStatusCode, 400);
      assert.equal(internal.name, 'InternalError');
      assert.equal(internal.$metadata?.httpStatusCode, 500);
      assert.equal(emu.apiCalls['EC2.DescribeSubnets'], 2);
    }));

  test('after + a call that fails on its own: the real error wins (nothing happened)', () =>
    withEmu({ faults: [parseFault('CreateDirectory:ServiceException:1:after')] }, async (emu, c) => {
      const err = await errorOf(c.ds.send(new CreateDirectoryCommand(simpleAd({ Password: 'weak' }))));
      assert.equal(err.name, 'ValidationException');
      assert.equal(emu.counts().directories, 0);
    }));

  test('addFault rejects bad specs', () =>
    withEmu({}, async (emu) => {
      assert.throws(() => emu.addFault({ operation: 'X', error: 'Y', rate: 2 }), /rate/);
      assert.throws(() => emu.addFault({ operation: 'X', error: 'Y', count: 0 }), /count/);
      assert.throws(() => emu.addFault({ operation: 'ConnectorLifecycle', error: 'NOT_A_REASON' }), /ConnectorLifecycle error must be one of/);
    }));
});
