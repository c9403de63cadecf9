/**
 * A request by DirectoryId end to end: the real handlers and state machines against the emulator, on the simulated
 * clock. The existing directory is used, never created, and the teardown leaves it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SEED_PATH, loadSeed } from '../../../tools/local/emulator/index.ts';
import type { EmulatorSnapshot, Seed } from '../../../tools/local/emulator/index.ts';
import type { RunResult } from '../../../tools/local/engine/execution.ts';
import { runInNewWorld } from '../../../tools/local/world.ts';
import { readEvent } from '../../fixtures.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_LAMBDA_LOG_LEVEL ??= 'FATAL';

const EXISTING = 'd-9067e1a2b3';
const SIMPLE_AD = 'd-1111aaaa22';
const AD_CONNECTOR = 'd-2222bbbb33';
const IMPAIRED = 'd-3333cccc44';
const VPC = 'vpc-0a1b2c3d4e5f60718';
const SUBNETS = ['subnet-0a1b2c3d4e5f6a001', 'subnet-0a1b2c3d4e5f6b002'];

type Request = { Directory: Record<string, unknown>; Connector: { Templates: { AccessControlEntries: Record<string, unknown>[] }[] } } & Record<string, unknown>;
const sample = (): Request => readEvent('execution-input-existing-directory.json');

/** The default seed, with one directory of each other kind beside existing.example.com. */
const seed = (): Seed => {
  const s = loadSeed(DEFAULT_SEED_PATH);
  const at = { VpcId: VPC, SubnetIds: SUBNETS };
  s.directories = [
    ...(s.directories ?? []),
    { DirectoryId: SIMPLE_AD, Type: 'SimpleAD', Name: 'simple.example.com', ShortName: 'SIMPLE', ...at },
    { DirectoryId: AD_CONNECTOR, Type: 'ADConnector', Name: 'onprem.example.com', ShortName: 'ONPREM', CustomerDnsIps: ['192.0.2.10'], CustomerUserName: 'svc-connector', ...at },
    { DirectoryId: IMPAIRED, Type: 'MicrosoftAD', Name: 'impaired.example.com', ShortName: 'IMPAIRED', Stage: 'Impaired', ...at },
  ];
  return s;
};

const ok = (r: RunResult): void => assert.equal(r.status, 'SUCCEEDED', `${r.error ?? ''} ${r.cause ?? ''}`);
const created = (r: RunResult): number =>
  (r.apiCalls['DirectoryService.CreateMicrosoftAD'] ?? 0) + (r.apiCalls['DirectoryService.CreateDirectory'] ?? 0) + (r.apiCalls['DirectoryService.ConnectDirectory'] ?? 0);
const teardown = (snapshot: EmulatorSnapshot, input: Record<string, unknown>): Promise<RunResult> =>
  runInNewWorld({ seed: seed(), emulator: { snapshot } }, { input, machine: 'teardown' });

interface TeardownOutput {
  Deleted: { Resource: string; Id: string }[];
  Kept: { Resource: string; Id: string; Reason: string }[];
}

describe('an existing directory by DirectoryId (real handlers, emulator)', () => {
  it('provisions the connector side on it without creating a directory; the teardown removes that side and leaves the directory, Force or not', async () => {
    const r = await runInNewWorld({ seed: seed() }, { input: sample() });
    ok(r);
    assert.equal(created(r), 0);
    assert.equal(r.apiCalls['DirectoryService.DescribeDirectories'], 2, 'described by its id at validation and by the plan; never polled');
    assert.deepEqual(
      [r.world.directories, r.world.connectors, r.world.directoryRegistrations, r.world.servicePrincipalNames, r.world.templates],
      [0, 1, 1, 1, 1],
    );
    assert.equal((r.output as { DirectoryId: string }).DirectoryId, EXISTING);

    for (const force of [false, true]) {
      const t = await teardown(r.snapshot, force ? { ...sample(), Force: true } : sample());
      ok(t);
      assert.equal(t.apiCalls['DirectoryService.DeleteDirectory'] ?? 0, 0);
      assert.deepEqual([t.world.connectors, t.world.directoryRegistrations, t.world.servicePrincipalNames, t.world.templates], [0, 0, 0, 0]);
      const out = t.output as TeardownOutput;
      assert.deepEqual(out.Kept.filter((k) => k.Resource === 'directory').map((k) => k.Id), [EXISTING]);
      assert.match(out.Kept.find((k) => k.Resource === 'directory')?.Reason ?? '', /named by DirectoryId/);
      assert.deepEqual(out.Deleted.map((d) => d.Resource).sort(), ['connector', 'directory-registration', 'service-principal-name', 'template']);
    }
  });

  const refused = async (input: Request): Promise<RunResult> => {
    const r = await runInNewWorld({ seed: seed() }, { input });
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error, 'InvalidRequestError');
    assert.equal(created(r), 0);
    assert.deepEqual([r.world.directories, r.world.connectors, r.world.directoryRegistrations, r.world.resourceShares], [0, 0, 0, 0]);
    return r;
  };

  it('refuses an unknown id, a Simple AD and a directory that is not Active, naming the field; nothing is created', async () => {
    for (const [id, why] of [
      ['d-0000000000', /Directory\.DirectoryId: directory d-0000000000 does not exist in this account and Region \(EntityDoesNotExistException\)/],
      [SIMPLE_AD, /Directory\.DirectoryId: directory d-1111aaaa22 is of type SimpleAD \(DIRECTORY_TYPE_NOT_SUPPORTED\)/],
      [IMPAIRED, /Directory\.DirectoryId: directory d-3333cccc44 is Impaired; it must be Active/],
    ] as const) {
      const input = sample();
      input.Directory = { DirectoryId: id };
      const r = await refused(input);
      assert.match(r.cause ?? '', why);
    }
  });

  it('refuses a group by name on an AD Connector, every such entry listed at once; by SID it provisions', async () => {
    const input = sample();
    input.Directory = { DirectoryId: AD_CONNECTOR };
    const template = input.Connector.Templates[0];
    assert.ok(template);
    template.AccessControlEntries.push({ GroupName: 'PKI Admins', AccessRights: { Enroll: 'ALLOW' } });
    const r = await refused(input);
    assert.match(r.cause ?? '', /2 violations/);
    for (const e of [0, 1]) {
      assert.match(r.cause ?? '', new RegExp(`Connector\\.Templates\\[0\\]\\.AccessControlEntries\\[${e}\\]\\.GroupName: needs Directory Service Data, which serves AWS Managed Microsoft AD only \\(directory d-2222bbbb33 is ADConnector\\): name the group by GroupSecurityIdentifier instead`));
    }

    // An example SID of the on-premises domain (Domain Computers, RID 515).
    template.AccessControlEntries = [
      { GroupSecurityIdentifier: 'S-1-5-21-3623811015-3361044348-30300820-515', GroupDisplayName: 'Domain Computers', AccessRights: { Enroll: 'ALLOW', AutoEnroll: 'ALLOW' } },
    ];
    const bySid = await runInNewWorld({ seed: seed() }, { input });
    ok(bySid);
    assert.equal(created(bySid), 0);
    assert.equal(bySid.apiCalls['DirectoryService.EnableDirectoryDataAccess'] ?? 0, 0);
    assert.deepEqual([bySid.world.connectors, bySid.world.accessControlEntries], [1, 1]);
  });
});
