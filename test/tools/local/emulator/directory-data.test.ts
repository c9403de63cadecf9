/**
 * Directory Service Data in the local world: a Managed AD's domain SID and built-in groups, Directory Data access
 * (Directory Service EnableDirectoryDataAccess / DescribeDirectoryDataAccess) on the simulated clock, and the ds-data
 * service (DescribeGroup, CreateGroup) through the real in-repo client, checked against the service model.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  CreateDirectoryCommand,
  CreateMicrosoftADCommand,
  DescribeDirectoriesCommand,
  DescribeDirectoryDataAccessCommand,
  DisableDirectoryDataAccessCommand,
  EnableDirectoryDataAccessCommand,
} from '@aws-sdk/client-directory-service';
import { CreateGroupCommand, DescribeGroupCommand, DirectoryServiceDataClient } from '../../../../src/aws/directory-service-data/index.ts';
import { templateShapesFrom } from '../../../../src/domain/template-spec.ts';
import { BUILT_IN_GROUPS } from '../../../../tools/local/emulator/directory-service-data/index.ts';
import { startEmulator } from '../../../../tools/local/emulator/index.ts';
import type { Emulator, EmulatorOptions, EmulatorSnapshot } from '../../../../tools/local/emulator/index.ts';
import { SEED, clients, errorOf, microsoftAd, simpleAd, start } from './helpers.ts';

const MODEL = new URL('../../../../../shared/reference/ds-data-2023-05-31.json', import.meta.url).pathname;
const VENDORED = new URL('../../../../tools/local/emulator/directory-service-data/models/ds-data-shapes.json', import.meta.url).pathname;
const MS_ACTIVE_AFTER = 2220;

const dataClient = (emu: Emulator) =>
  new DirectoryServiceDataClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, maxAttempts: 1 });

/** An emulator with one Active Managed AD (data access Disabled), its clients and the directory id. */
async function world(opts: Partial<EmulatorOptions> = {}) {
  const emu = await start(opts);
  const { ds } = clients(emu);
  const data = dataClient(emu);
  const { DirectoryId = '' } = await ds.send(new CreateMicrosoftADCommand(microsoftAd()));
  emu.clock.advance(MS_ACTIVE_AFTER);
  return { emu, ds, data, id: DirectoryId };
}

const domainSidOf = (emu: Emulator, id: string): string => emu.snapshot().directories.find((d) => d.DirectoryId === id)?.DomainSid ?? '';

describe('Directory Service Data in the local world', () => {
  test('the vendored request shapes are the service model\'s', (t) => {
    if (!existsSync(MODEL)) {
      t.skip(`the service model is not beside the project (${MODEL})`);
      return;
    }
    const model = JSON.parse(readFileSync(MODEL, 'utf8')) as { shapes: Record<string, unknown> };
    assert.deepEqual(JSON.parse(readFileSync(VENDORED, 'utf8')), templateShapesFrom(model, ['DescribeGroupRequest', 'CreateGroupRequest']));
  });

  test('every new Managed AD gets a domain SID from the seeded RNG (the same per seed, never returned by DescribeDirectories); Simple AD none', async () => {
    const sids: string[] = [];
    for (const randomSeed of [7, 7, 8]) {
      const emu = await start({ randomSeed });
      try {
        const { ds } = clients(emu);
        const { DirectoryId = '' } = await ds.send(new CreateMicrosoftADCommand(microsoftAd()));
        sids.push(domainSidOf(emu, DirectoryId));
        const described = await ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [DirectoryId] }));
        assert.doesNotMatch(JSON.stringify(described), /S-1-5-21/);
        const simple = await ds.send(new CreateDirectoryCommand(simpleAd({ Name: 'simple.example.com' })));
        assert.equal(domainSidOf(emu, simple.DirectoryId ?? ''), '');
      } finally {
        await emu.stop();
      }
    }
    for (const sid of sids) assert.match(sid, /^S-1-5-21-\d{1,10}-\d{1,10}-\d{1,10}$/);
    assert.equal(sids[0], sids[1], 'deterministic per seed');
    assert.notEqual(sids[0], sids[2]);
  });

  test('data access: Disabled -> Enabling -> Enabled on the simulated clock; settledAtMs; counted once Enabled', async () => {
    const { emu, ds, id } = await world();
    try {
      const status = async () => (await ds.send(new DescribeDirectoryDataAccessCommand({ DirectoryId: id }))).DataAccessStatus;
      assert.equal(await status(), 'Disabled');
      await ds.send(new EnableDirectoryDataAccessCommand({ DirectoryId: id }));
      assert.equal(await status(), 'Enabling');
      assert.equal(emu.settledAtMs('directoryDataAccess', id), emu.clock.now() + 60_000);
      assert.equal(emu.counts().directoryDataAccessEnabled, 0);
      emu.clock.advance(59);
      assert.equal(await status(), 'Enabling');
      emu.clock.advance(1);
      assert.equal(await status(), 'Enabled');
      assert.equal(emu.counts().directoryDataAccessEnabled, 1);
      // Enabled (or Enabling): DirectoryInDesiredStateException, as the model documents
      assert.equal((await errorOf(ds.send(new EnableDirectoryDataAccessCommand({ DirectoryId: id })))).name, 'DirectoryInDesiredStateException');
      await ds.send(new DisableDirectoryDataAccessCommand({ DirectoryId: id }));
      assert.equal(await status(), 'Disabled');
      assert.equal((await errorOf(ds.send(new DisableDirectoryDataAccessCommand({ DirectoryId: id })))).name, 'DirectoryInDesiredStateException');
    } finally {
      await emu.stop();
    }
  });

  test('data access: an unknown directory, a Simple AD, a directory not Active, a bad id: the model\'s errors', async () => {
    const emu = await start();
    try {
      const { ds } = clients(emu);
      assert.equal((await errorOf(ds.send(new DescribeDirectoryDataAccessCommand({ DirectoryId: 'd-0000000000' })))).name, 'DirectoryDoesNotExistException');
      assert.equal((await errorOf(ds.send(new DescribeDirectoryDataAccessCommand({ DirectoryId: 'x' })))).name, 'ValidationException');
      const simple = await ds.send(new CreateDirectoryCommand(simpleAd()));
      const unsupported = await errorOf(ds.send(new EnableDirectoryDataAccessCommand({ DirectoryId: simple.DirectoryId ?? '' })));
      assert.deepEqual([unsupported.name, unsupported.message], ['UnsupportedOperationException', 'Directory Service Data is not supported for SimpleAD directories.']);
      const { DirectoryId = '' } = await ds.send(new CreateMicrosoftADCommand(microsoftAd({ Name: 'other.example.com' })));
      assert.equal((await errorOf(ds.send(new EnableDirectoryDataAccessCommand({ DirectoryId })))).name, 'DirectoryUnavailableException');
    } finally {
      await emu.stop();
    }
  });

  test('a DirectoryDataAccessLifecycle fault (or dataAccessFailsAfterSeconds) ends the next enabling Failed; enabling again is allowed', async () => {
    const { emu, ds, id } = await world({ faults: [{ operation: 'DirectoryDataAccessLifecycle', error: 'Failed' }] });
    try {
      await ds.send(new EnableDirectoryDataAccessCommand({ DirectoryId: id }));
      emu.clock.advance(60);
      assert.equal((await ds.send(new DescribeDirectoryDataAccessCommand({ DirectoryId: id }))).DataAccessStatus, 'Failed');
      await ds.send(new EnableDirectoryDataAccessCommand({ DirectoryId: id }));
      emu.clock.advance(60);
      assert.equal((await ds.send(new DescribeDirectoryDataAccessCommand({ DirectoryId: id }))).DataAccessStatus, 'Enabled');
    } finally {
      await emu.stop();
    }
    const late = await world({ dataAccessFailsAfterSeconds: 300 });
    try {
      await late.ds.send(new EnableDirectoryDataAccessCommand({ DirectoryId: late.id }));
      late.emu.clock.advance(299);
      assert.equal((await late.ds.send(new DescribeDirectoryDataAccessCommand({ DirectoryId: late.id }))).DataAccessStatus, 'Enabling');
      late.emu.clock.advance(1);
      assert.equal((await late.ds.send(new DescribeDirectoryDataAccessCommand({ DirectoryId: late.id }))).DataAccessStatus, 'Failed');
    } finally {
      await late.emu.stop();
    }
  });

  test('DescribeGroup: AccessDeniedException DATA_DISABLED while access is off, then the built-in groups (case-insensitive) with their well-known RIDs', async () => {
    const { emu, ds, data, id } = await world();
    try {
      const off = await errorOf(data.send(new DescribeGroupCommand({ DirectoryId: id, SAMAccountName: 'Domain Computers' })));
      assert.deepEqual([off.name, off['Reason'], off.$metadata?.httpStatusCode], ['AccessDeniedException', 'DATA_DISABLED', 403]);
      await ds.send(new EnableDirectoryDataAccessCommand({ DirectoryId: id }));
      emu.clock.advance(60);
      const domain = domainSidOf(emu, id);
      const computers = await data.send(new DescribeGroupCommand({ DirectoryId: id, SAMAccountName: 'domain COMPUTERS' }));
      assert.deepEqual(
        [computers.SID, computers.SAMAccountName, computers.GroupType, computers.GroupScope, computers.DistinguishedName, computers.Realm],
        [`${domain}-515`, 'Domain Computers', 'Security', 'Global', 'CN=Domain Computers,CN=Users,DC=corp,DC=example,DC=com', 'corp.example.com'],
      );
      for (const g of BUILT_IN_GROUPS.filter((x) => ['Domain Admins', 'Domain Users', 'Cert Publishers', 'Enterprise Admins'].includes(x.name))) {
        assert.equal((await data.send(new DescribeGroupCommand({ DirectoryId: id, SAMAccountName: g.name }))).SID, `${domain}-${g.rid}`);
      }
      const missing = await errorOf(data.send(new DescribeGroupCommand({ DirectoryId: id, SAMAccountName: 'Domain Computerz' })));
      assert.deepEqual([missing.name, missing.$metadata?.httpStatusCode], ['ResourceNotFoundException', 404]);
      const invalid = await errorOf(data.send(new DescribeGroupCommand({ DirectoryId: id, SAMAccountName: 'pki@corp' })));
      assert.deepEqual([invalid.name, invalid.$metadata?.httpStatusCode], ['ValidationException', 400]);
      assert.match(invalid.message, /at 'sAMAccountName' failed to satisfy constraint: Member must satisfy regular expression pattern/);
      const unknown = await errorOf(data.send(new DescribeGroupCommand({ DirectoryId: 'd-0000000000', SAMAccountName: 'Domain Computers' })));
      assert.equal(unknown.name, 'AccessDeniedException');
    } finally {
      await emu.stop();
    }
  });

  test('CreateGroup: a new RID of the domain; the same ClientToken again: the same group; another name or request: ConflictException', async () => {
    const { emu, ds, data, id } = await world({ dataAccessEnabledAfterSeconds: 0 });
    try {
      await ds.send(new EnableDirectoryDataAccessCommand({ DirectoryId: id }));
      const domain = domainSidOf(emu, id);
      const request = { DirectoryId: id, SAMAccountName: 'PKI Enrollers', GroupType: 'Security' as const, GroupScope: 'Global' as const, ClientToken: 'token-1' };
      const created = await data.send(new CreateGroupCommand(request));
      assert.deepEqual([created.SID, created.SAMAccountName, created.DirectoryId], [`${domain}-1105`, 'PKI Enrollers', id]);
      assert.equal((await data.send(new CreateGroupCommand(request))).SID, created.SID, 'replayed, not created again');
      assert.equal(emu.counts().groupsCreated, 1);
      const again = await errorOf(data.send(new CreateGroupCommand({ ...request, ClientToken: 'token-2', SAMAccountName: 'pki ENROLLERS' })));
      assert.deepEqual([again.name, again.$metadata?.httpStatusCode], ['ConflictException', 409]);
      const builtIn = await errorOf(data.send(new CreateGroupCommand({ ...request, ClientToken: 'token-3', SAMAccountName: 'Domain Computers' })));
      assert.equal(builtIn.name, 'ConflictException');
      const reused = await errorOf(data.send(new CreateGroupCommand({ ...request, SAMAccountName: 'Other' })));
      assert.equal(reused.name, 'ConflictException', 'a ClientToken reused with other parameters');
      const described = await data.send(new DescribeGroupCommand({ DirectoryId: id, SAMAccountName: 'pki enrollers' }));
      assert.deepEqual([described.SID, described.DistinguishedName], [created.SID, 'CN=PKI Enrollers,OU=Users,OU=CORP,DC=corp,DC=example,DC=com']);
      assert.equal((await data.send(new CreateGroupCommand({ ...request, ClientToken: 'token-4', SAMAccountName: 'Second' }))).SID, `${domain}-1106`);
      assert.equal(emu.counts().groupsCreated, 2);
    } finally {
      await emu.stop();
    }
  });

  test('--fault reaches the new operations (a lost CreateGroup response still creates the group once)', async () => {
    const { emu, ds, data, id } = await world({ dataAccessEnabledAfterSeconds: 0, faults: [{ operation: 'CreateGroup', error: 'InternalServerException', after: true }] });
    try {
      await ds.send(new EnableDirectoryDataAccessCommand({ DirectoryId: id }));
      const request = { DirectoryId: id, SAMAccountName: 'PKI Enrollers', ClientToken: 'token-1' };
      const lost = await errorOf(data.send(new CreateGroupCommand(request)));
      assert.deepEqual([lost.name, lost.$metadata?.httpStatusCode], ['InternalServerException', 500]);
      assert.equal(emu.counts().groupsCreated, 1);
      await data.send(new CreateGroupCommand(request));
      assert.equal(emu.counts().groupsCreated, 1);
      assert.deepEqual([emu.apiCalls['DirectoryServiceData.CreateGroup'], emu.apiCalls['DirectoryService.EnableDirectoryDataAccess']], [2, 1]);
      emu.addFault({ operation: 'DescribeGroup', error: 'ThrottlingException' });
      assert.equal((await errorOf(data.send(new DescribeGroupCommand({ DirectoryId: id, SAMAccountName: 'x' })))).name, 'ThrottlingException');
    } finally {
      await emu.stop();
    }
  });

  test('snapshots keep the domain SID, the data access and the groups created', async () => {
    const { emu, ds, data, id } = await world({ dataAccessEnabledAfterSeconds: 0 });
    let snapshot: EmulatorSnapshot | undefined;
    try {
      await ds.send(new EnableDirectoryDataAccessCommand({ DirectoryId: id }));
      await data.send(new CreateGroupCommand({ DirectoryId: id, SAMAccountName: 'PKI Enrollers', ClientToken: 't' }));
      snapshot = emu.snapshot();
    } finally {
      await emu.stop();
    }
    const again = await startEmulator({ seed: SEED, snapshot: JSON.parse(JSON.stringify(snapshot)) as EmulatorSnapshot });
    try {
      const group = await dataClient(again).send(new DescribeGroupCommand({ DirectoryId: id, SAMAccountName: 'PKI Enrollers' }));
      assert.equal(group.SID, `${domainSidOf(again, id)}-1105`);
      assert.deepEqual([again.counts().directoryDataAccessEnabled, again.counts().groupsCreated], [1, 1]);
    } finally {
      await again.stop();
    }
  });
});
