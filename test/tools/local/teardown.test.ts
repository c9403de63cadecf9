/**
 * The teardown end to end: the real handlers and statemachine/teardown.asl.json against the emulator, on the
 * simulated clock, after a real provisioning (the world carried over as `npm start --state` does).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SEED_PATH, loadSeed } from '../../../tools/local/emulator/index.ts';
import type { EmulatorSnapshot, FaultSpec } from '../../../tools/local/emulator/index.ts';
import type { RunResult } from '../../../tools/local/engine/execution.ts';
import { runInNewWorld } from '../../../tools/local/world.ts';
import { sampleRequest } from '../../fixtures.ts';

/** The directories and connectors of a run's world. */
const dirsAndConnectors = (world: { directories: number; connectors: number } | undefined) =>
  world && { directories: world.directories, connectors: world.connectors };
/** Every kind of resource a provisioning creates, but the CA share (kept: docs/teardown.md). */
const EMPTY = { directories: 0, connectors: 0, directoryRegistrations: 0, servicePrincipalNames: 0, templates: 0, accessControlEntries: 0 };
const leftovers = (world: Record<string, number>) => Object.fromEntries(Object.keys(EMPTY).map((k) => [k, world[k]]));
const EVERYTHING = ['connector', 'directory', 'directory-registration', 'service-principal-name', 'template'];

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_LAMBDA_LOG_LEVEL ??= 'FATAL';

const seed = loadSeed(DEFAULT_SEED_PATH);
const request = sampleRequest();

interface TeardownOutput {
  Deleted: { Resource: string; Id: string }[];
  Kept: { Resource: string; Id: string; Reason: string }[];
  AlreadyGone: { Resource: string; Id: string }[];
}

const provision = async (): Promise<RunResult> => {
  const r = await runInNewWorld({ seed }, { input: request });
  assert.equal(r.status, 'SUCCEEDED', `${r.error ?? ''} ${r.cause ?? ''}`);
  assert.deepEqual(dirsAndConnectors(r.world), { directories: 1, connectors: 1 });
  return r;
};

const teardown = (snapshot: EmulatorSnapshot, opts: { force?: boolean; faults?: FaultSpec[] } = {}): Promise<RunResult> =>
  runInNewWorld({ seed, emulator: { snapshot, faults: opts.faults ?? [] } }, { input: opts.force ? { ...request, Force: true } : request, machine: 'teardown' });

const resources = (r: RunResult, list: keyof TeardownOutput): string[] => ((r.output as TeardownOutput)[list] ?? []).map((x) => x.Resource).sort();

describe('teardown (real handlers, emulator)', () => {
  it('removes the connector and the directory a provisioning created; a second teardown deletes nothing', async () => {
    const provisioned = await provision();
    const first = await teardown(provisioned.snapshot);
    assert.equal(first.status, 'SUCCEEDED', `${first.error ?? ''} ${first.cause ?? ''}`);
    assert.deepEqual(leftovers(first.world as unknown as Record<string, number>), EMPTY);
    assert.deepEqual(resources(first, 'Deleted'), EVERYTHING);
    assert.equal(first.apiCalls['PcaConnectorAd.DeleteConnector'], 1);
    assert.equal(first.apiCalls['PcaConnectorAd.DeleteTemplateGroupAccessControlEntry'], 1);
    assert.equal(first.apiCalls['PcaConnectorAd.DeleteTemplate'], 1);
    assert.equal(first.apiCalls['PcaConnectorAd.DeleteServicePrincipalName'], 1);
    assert.equal(first.apiCalls['PcaConnectorAd.DeleteDirectoryRegistration'], 1);
    assert.equal(first.apiCalls['DirectoryService.DeleteDirectory'], 1);
    // The sample's password secret is the user's own: never deleted.
    assert.deepEqual(resources(first, 'Kept'), ['password-secret']);
    assert.ok(first.events.some((e) => e.DetailType === 'Deprovisioning Succeeded'));

    const again = await teardown(first.snapshot);
    assert.equal(again.status, 'SUCCEEDED');
    assert.deepEqual(resources(again, 'Deleted'), []);
    assert.deepEqual(resources(again, 'AlreadyGone'), ['connector', 'directory']);
    assert.equal(again.apiCalls['PcaConnectorAd.DeleteConnector'], undefined);
    assert.equal(again.apiCalls['DirectoryService.DeleteDirectory'], undefined);
  });

  it('keeps what someone else created unless Force', async () => {
    const provisioned = await provision();
    // Someone else's: the same resources without this tool's tags.
    const foreign = structuredClone(provisioned.snapshot);
    for (const d of foreign.directories) d.Tags = d.Tags.filter((t) => !t.Key.startsWith('ad-cert-orchestrator:'));
    for (const c of foreign.connectors) c.Tags = Object.fromEntries(Object.entries(c.Tags).filter(([k]) => !k.startsWith('ad-cert-orchestrator:')));
    const own = (tags: Record<string, string>) => Object.fromEntries(Object.entries(tags).filter(([k]) => !k.startsWith('ad-cert-orchestrator:')));
    for (const r of foreign.connectorAd?.registrations ?? []) r.Tags = own(r.Tags);
    for (const t of foreign.connectorAd?.templates ?? []) t.Tags = own(t.Tags);

    const kept = await teardown(foreign);
    assert.equal(kept.status, 'SUCCEEDED');
    assert.deepEqual(dirsAndConnectors(kept.world), { directories: 1, connectors: 1 });
    assert.deepEqual(resources(kept, 'Deleted'), []);
    assert.deepEqual(resources(kept, 'Kept'), ['connector', 'directory', 'directory-registration', 'password-secret']);
    assert.equal(kept.apiCalls['PcaConnectorAd.DeleteConnector'], undefined);

    const forced = await teardown(kept.snapshot, { force: true });
    assert.equal(forced.status, 'SUCCEEDED');
    assert.deepEqual(leftovers(forced.world as unknown as Record<string, number>), EMPTY);
    assert.deepEqual(resources(forced, 'Deleted'), EVERYTHING);
  });

  it('waits for a connector still CREATING before deleting it', async () => {
    const r = await runInNewWorld(
      { seed, emulator: { connectorActiveAfterSeconds: 1200, faults: [{ operation: 'GetConnector', error: 'AccessDeniedException', count: 1 }] } },
      { input: request },
    );
    assert.equal(r.status, 'FAILED');
    assert.deepEqual(dirsAndConnectors(r.world), { directories: 1, connectors: 1 });
    const t = await teardown(r.snapshot);
    assert.equal(t.status, 'SUCCEEDED', `${t.error ?? ''} ${t.cause ?? ''}`);
    assert.deepEqual(dirsAndConnectors(t.world), { directories: 0, connectors: 0 });
    // Deleted only once the connector left CREATING (20 min after its creation, on the simulated clock).
    assert.ok(t.simulatedSeconds >= 900, `${t.simulatedSeconds} s`);
    assert.equal(t.apiCalls['PcaConnectorAd.DeleteConnector'], 1);
  });

  it('ends with 0 leftovers under throttling and lost responses of the deletes', async () => {
    const provisioned = await provision();
    const t = await teardown(provisioned.snapshot, {
      faults: [
        { operation: 'DeleteConnector', error: 'ThrottlingException', count: 2 },
        { operation: 'DeleteConnector', error: 'InternalServerException', count: 1, after: true },
        { operation: 'DeleteDirectory', error: 'ServiceException', count: 1, after: true },
        { operation: 'DeleteTemplate', error: 'ThrottlingException', count: 1 },
        { operation: 'DeleteServicePrincipalName', error: 'InternalServerException', count: 1, after: true },
        { operation: 'DeleteDirectoryRegistration', error: 'InternalServerException', count: 1, after: true },
        { operation: 'ListTagsForResource', error: 'reset', count: 1 },
      ],
    });
    assert.equal(t.status, 'SUCCEEDED', `${t.error ?? ''} ${t.cause ?? ''}`);
    assert.deepEqual(leftovers(t.world as unknown as Record<string, number>), EMPTY);
    assert.deepEqual(resources(t, 'Deleted'), EVERYTHING);
  });

  it('retries DeleteDirectory while the directory still has authorized applications, then fails with the remedy', async () => {
    const provisioned = await provision();
    const message = 'Cannot delete the directory because it still has authorized applications.';
    const brief = await teardown(provisioned.snapshot, { faults: [{ operation: 'DeleteDirectory', error: 'ClientException', count: 3, message }] });
    assert.equal(brief.status, 'SUCCEEDED', `${brief.error ?? ''} ${brief.cause ?? ''}`);
    assert.deepEqual(dirsAndConnectors(brief.world), { directories: 0, connectors: 0 });

    const stuck = await teardown(provisioned.snapshot, { faults: [{ operation: 'DeleteDirectory', error: 'ClientException', count: 100, message }] });
    assert.equal(stuck.status, 'FAILED');
    assert.equal(stuck.error, 'DirectoryHasAuthorizedApplicationsError');
    assert.deepEqual(dirsAndConnectors(stuck.world), { directories: 1, connectors: 0 }, 'the connector was deleted before');
    const failed = stuck.events.find((e) => e.DetailType === 'Deprovisioning Failed')?.Detail as { Deleted: { Resource: string }[] } | undefined;
    assert.deepEqual(failed?.Deleted.map((d) => d.Resource), ['template', 'service-principal-name', 'connector']);
  });

  it('keeps trying DeleteDirectory for up to 60 simulated minutes after the registration is gone (AWS: wait 30 to 60 minutes)', async () => {
    const provisioned = await provision();
    const refusedFor = (minutes: number): Promise<RunResult> =>
      runInNewWorld({ seed, emulator: { snapshot: provisioned.snapshot, deauthorizationSeconds: minutes * 60 } }, { input: request, machine: 'teardown' });

    const fifty = await refusedFor(50);
    assert.equal(fifty.status, 'SUCCEEDED', `${fifty.error ?? ''} ${fifty.cause ?? ''}`);
    assert.deepEqual(leftovers(fifty.world as unknown as Record<string, number>), EMPTY);
    assert.ok(fifty.simulatedSeconds >= 50 * 60, `${fifty.simulatedSeconds} s`);
    assert.ok((fifty.apiCalls['DirectoryService.DeleteDirectory'] ?? 0) >= 50, 'refused about once a minute, then accepted');

    const seventy = await refusedFor(70);
    assert.equal(seventy.status, 'FAILED');
    assert.equal(seventy.error, 'DirectoryHasAuthorizedApplicationsError');
    assert.match(seventy.cause ?? '', /authorized applications/);
    assert.deepEqual(dirsAndConnectors(seventy.world), { directories: 1, connectors: 0 });
    assert.ok(seventy.simulatedSeconds >= 60 * 60 && seventy.simulatedSeconds < 70 * 60, `gave up after 60 minutes of refusals: ${seventy.simulatedSeconds} s`);
});
});
