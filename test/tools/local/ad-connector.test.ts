/**
 * A new AD Connector end to end (Directory Service ConnectDirectory): the real handlers and state machines against
 * the emulator, on the simulated clock.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SEED_PATH, loadSeed } from '../../../tools/local/emulator/index.ts';
import type { RunResult } from '../../../tools/local/engine/execution.ts';
import { runInNewWorld } from '../../../tools/local/world.ts';
import { readEvent } from '../../fixtures.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_LAMBDA_LOG_LEVEL ??= 'FATAL';

type Input = { Directory: Record<string, unknown> & { ConnectSettings: { CustomerDnsIps: string[] } } } & Record<string, unknown>;
const sample = (): Input => readEvent('execution-input-ad-connector.json');
const seed = loadSeed(DEFAULT_SEED_PATH);
const ok = (r: RunResult): void => assert.equal(r.status, 'SUCCEEDED', `${r.error ?? ''} ${r.cause ?? ''}`);

describe('a new AD Connector (real handlers, emulator)', () => {
  it('is created with exactly one ConnectDirectory, polled to Active, the connector side on it; the teardown deletes it', async () => {
    const r = await runInNewWorld({ seed }, { input: sample() });
    ok(r);
    assert.equal(r.apiCalls['DirectoryService.ConnectDirectory'], 1);
    assert.equal(r.apiCalls['DirectoryService.EnableDirectoryDataAccess'] ?? 0, 0);
    assert.deepEqual([r.world.directories, r.world.connectors, r.world.servicePrincipalNames, r.world.accessControlEntries], [1, 1, 1, 1]);
    assert.equal((r.output as { DirectoryType: string }).DirectoryType, 'ADConnector');

    const t = await runInNewWorld({ seed, emulator: { snapshot: r.snapshot } }, { input: sample(), machine: 'teardown' });
    ok(t);
    assert.equal(t.apiCalls['DirectoryService.DeleteDirectory'], 1);
    assert.deepEqual([t.world.directories, t.world.connectors], [0, 0]);
  });

  it('a lost ConnectDirectory response: the retry adopts the AD Connector it created, still one', async () => {
    const r = await runInNewWorld({ seed, emulator: { faults: [{ operation: 'ConnectDirectory', error: 'ServiceException', count: 1, after: true }] } }, { input: sample() });
    ok(r);
    assert.equal(r.apiCalls['DirectoryService.ConnectDirectory'], 1);
    assert.equal(r.world.directories, 1);
  });

  it('on-premises DNS servers the VPC cannot reach: the AD Connector ends Failed, named by the poll', async () => {
    const input = sample();
    input.Directory.ConnectSettings.CustomerDnsIps = ['192.0.2.99'];
    const r = await runInNewWorld({ seed }, { input });
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error, 'DirectoryFailed');
    assert.match(r.cause ?? '', /DNS unavailable \(TCP port 53\) for IP: 192\.0\.2\.99/);
    assert.equal(r.apiCalls['DirectoryService.ConnectDirectory'], 1);
    assert.equal(r.world.connectors, 0);
  });

  it('missing CustomerDnsIps: a named error at validation, nothing created', async () => {
    const input = sample();
    input.Directory.ConnectSettings = { CustomerUserName: 'svc-adconnector' } as never;
    const r = await runInNewWorld({ seed }, { input });
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error, 'InvalidRequestError');
    assert.match(r.cause ?? '', /Directory\.ConnectSettings\.CustomerDnsIps: is required/);
    assert.equal(r.apiCalls['DirectoryService.ConnectDirectory'] ?? 0, 0);
    assert.deepEqual([r.world.directories, r.world.connectors], [0, 0]);
  });
});
