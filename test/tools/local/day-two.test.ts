/**
 * Day two in the local world: a provisioned world (the sample), then changed requests applied by the real workflow
 * (the real ASL and handlers, the emulator): templates and access entries changed in place, new ones created, this
 * tool's no longer listed ones pruned or kept, tags added; applying the same request again writes nothing.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { GetTemplateCommand, ListTagsForResourceCommand, ListTemplateGroupAccessControlEntriesCommand, PcaConnectorAdClient } from '../../../src/aws/pca-connector-ad/index.ts';
import type { ProvisioningRequest } from '../../../src/contract.ts';
import { DEFAULT_SEED_PATH, PROVISIONED_SERVICES, loadSeed, writeCallsOf } from '../../../tools/local/emulator/index.ts';
import type { EmulatorSnapshot } from '../../../tools/local/emulator/index.ts';
import type { RunResult } from '../../../tools/local/engine/execution.ts';
import { runInNewWorld, withLocalWorld } from '../../../tools/local/world.ts';
import { readEvent, sampleRequest } from '../../fixtures.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_LAMBDA_LOG_LEVEL ??= 'FATAL';

const seed = loadSeed(DEFAULT_SEED_PATH);
type Request = ProvisioningRequest & { Connector: NonNullable<ProvisioningRequest['Connector']> };
const dayTwo = (): Request => readEvent<Request>('execution-input-day-two.json');

interface Output {
  TemplateArns: string[];
  Warnings: string[];
  DirectoryAdopted: boolean;
  ConnectorAdopted: boolean;
}

const apply = async (snapshot: EmulatorSnapshot, input: unknown): Promise<RunResult> => {
  const r = await runInNewWorld({ seed, emulator: { snapshot } }, { input });
  assert.equal(r.status, 'SUCCEEDED', `${r.error ?? ''} ${r.cause ?? ''}`);
  return r;
};
const writes = (r: RunResult): Record<string, number> => writeCallsOf(r.apiCalls, PROVISIONED_SERVICES);
const output = (r: RunResult): Output => r.output as Output;

/** Reads a world's template (and one entry, one set of tags) through the real client, without running anything. */
const inspect = <T>(snapshot: EmulatorSnapshot, read: (client: PcaConnectorAdClient) => Promise<T>): Promise<T> =>
  withLocalWorld({ seed, emulator: { snapshot } }, async ({ emulator }) => {
    const client = new PcaConnectorAdClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' } });
    try {
      return await read(client);
    } finally {
      client.destroy();
    }
  });

describe('day two: apply a changed request to a provisioned world (real workflow, emulator)', () => {
  let provisioned: RunResult;
  before(async () => {
    provisioned = await runInNewWorld({ seed }, { input: sampleRequest() });
    assert.equal(provisioned.status, 'SUCCEEDED', `${provisioned.error ?? ''} ${provisioned.cause ?? ''}`);
  });

  it('a 2-year validity and a second template: one UpdateTemplate, one CreateTemplate, no directory or connector created; again: 0 write calls', async () => {
    const changed = await apply(provisioned.snapshot, dayTwo());
    assert.deepEqual(writes(changed), {
      'DirectoryServiceData.CreateGroup': 1,
      'PcaConnectorAd.UpdateTemplate': 1,
      'PcaConnectorAd.CreateTemplate': 1,
      'PcaConnectorAd.CreateTemplateGroupAccessControlEntry': 1,
    }, 'the new template\'s group (CreateGroup), no directory, share, registration or connector');
    assert.equal(output(changed).DirectoryAdopted, true);
    assert.equal(output(changed).ConnectorAdopted, true);
    const [first] = output(changed).TemplateArns;
    assert.equal(output(changed).TemplateArns.length, 2);
    const template = await inspect(changed.snapshot, async (c) => (await c.send(new GetTemplateCommand({ TemplateArn: first ?? '' }))).Template);
    assert.deepEqual(template?.Definition, dayTwo().Connector.Templates?.[0]?.Definition, 'the definition is the request\'s');
    assert.deepEqual(template?.Revision, { MajorRevision: 100, MinorRevision: 1 }, 'no re-enrollment unless asked');

    const again = await apply(changed.snapshot, dayTwo());
    assert.deepEqual(writes(again), {}, 'applying it again writes nothing');
    assert.deepEqual(output(again).TemplateArns, output(changed).TemplateArns);
  });

  it('ReenrollAllCertificateHolders on a changed template raises its major revision', async () => {
    const r = dayTwo();
    const t = r.Connector.Templates?.[0];
    assert.ok(t);
    t.ReenrollAllCertificateHolders = true;
    const changed = await apply(provisioned.snapshot, r);
    const template = await inspect(changed.snapshot, async (c) => (await c.send(new GetTemplateCommand({ TemplateArn: output(changed).TemplateArns[0] ?? '' }))).Template);
    assert.deepEqual(template?.Revision, { MajorRevision: 101, MinorRevision: 0 });
  });

  it('an entry\'s rights and name, and the tags: changed in place (UpdateTemplateGroupAccessControlEntry, AddTagsToResource, TagResource)', async () => {
    const r = sampleRequest();
    const entry = r.Connector.Templates?.[0]?.AccessControlEntries?.[0];
    assert.ok(entry);
    entry.AccessRights = { Enroll: 'ALLOW', AutoEnroll: 'DENY' };
    entry.GroupDisplayName = 'All domain computers';
    r.Directory.Tags = [{ Key: 'team', Value: 'platform' }];
    r.Connector.Tags = { team: 'platform', env: 'prod' };
    const changed = await apply(provisioned.snapshot, r);
    assert.deepEqual(writes(changed), {
      'DirectoryService.AddTagsToResource': 1,
      'PcaConnectorAd.TagResource': 3,
      'PcaConnectorAd.UpdateTemplateGroupAccessControlEntry': 1,
    });
    const arn = output(changed).TemplateArns[0] ?? '';
    const [ace, tags] = await inspect(changed.snapshot, async (c) => [
      // The sample names Domain Computers by GroupName: its entry is the template's one entry, under the resolved SID.
      (await c.send(new ListTemplateGroupAccessControlEntriesCommand({ TemplateArn: arn }))).AccessControlEntries?.[0],
      (await c.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags,
    ] as const);
    assert.deepEqual([ace?.AccessRights, ace?.GroupDisplayName], [{ Enroll: 'ALLOW', AutoEnroll: 'DENY' }, 'All domain computers']);
    assert.equal(tags?.['team'], 'platform');
    assert.equal(tags?.['ad-cert-orchestrator:managed-by'], 'ad-cert-orchestrator', 'its own tags stay');
    assert.deepEqual(writes(await apply(changed.snapshot, r)), {});
  });

  it('a template no longer listed: kept and warned without PruneTemplates; deleted with it (its entry first)', async () => {
    const withSecond = await apply(provisioned.snapshot, dayTwo());
    const onlyWeb = dayTwo();
    onlyWeb.Connector.Templates = (onlyWeb.Connector.Templates ?? []).filter((t) => t.Name === 'WebServer');

    const kept = await apply(withSecond.snapshot, onlyWeb);
    assert.deepEqual(writes(kept), {});
    assert.ok(output(kept).Warnings.some((w) => /^orphaned: template ComputerAutoEnroll: No longer requested/.test(w)), output(kept).Warnings.join('\n'));
    assert.equal(kept.world.templates, 2);

    const pruned = await apply(withSecond.snapshot, { ...onlyWeb, Connector: { ...onlyWeb.Connector, PruneTemplates: true } });
    assert.deepEqual(writes(pruned), { 'PcaConnectorAd.DeleteTemplateGroupAccessControlEntry': 1, 'PcaConnectorAd.DeleteTemplate': 1 });
    assert.equal(pruned.world.templates, 1);
    assert.equal(pruned.world.accessControlEntries, 1);
    assert.equal(output(pruned).TemplateArns.length, 1);
  });

  it('back to the first request: the definition changes back in place, the second template is orphaned and kept', async () => {
    const changed = await apply(provisioned.snapshot, dayTwo());
    const back = await apply(changed.snapshot, sampleRequest());
    assert.deepEqual(writes(back), { 'PcaConnectorAd.UpdateTemplate': 1 });
    assert.ok(output(back).Warnings.some((w) => w.startsWith('orphaned: template WebServer')));
  });
});
