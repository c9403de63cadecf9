import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AddTagsToResourceCommand, CreateDirectoryCommand, CreateMicrosoftADCommand, DeleteDirectoryCommand, DescribeDirectoriesCommand,
  GetDirectoryLimitsCommand, ListTagsForResourceCommand, RemoveTagsFromResourceCommand,
} from '@aws-sdk/client-directory-service';
import type { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import type { Emulator } from '../../../../tools/local/emulator/index.ts';
import { PASSWORD, SUBNET_A, SUBNET_B, SUBNET_OTHER_VPC, VPC, SEED, clients, errorOf, simpleAd, start } from './helpers.ts';

async function stageOf(ds: DirectoryServiceClient, id: string): Promise<string | undefined> {
  const out = await ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [id] }));
  return out.DirectoryDescriptions?.[0]?.Stage;
}

describe('Directory Service failure outcome', () => {
  test('a directory with a failure outcome is Requested, then Creating, then the outcome: never Active first', async () => {
    // Prepare: fails at 900 s, after the 600 s a successful Simple AD needs
    const emu = await start({ directoryOutcome: { stage: 'Failed', reason: 'late failure', afterSeconds: 900 } });
    const { ds } = clients(emu);
    try {
      const { DirectoryId = '' } = await ds.send(new CreateDirectoryCommand(simpleAd()));
      const seen: (string | undefined)[] = [await stageOf(ds, DirectoryId)];
      for (const step of [60, 540, 299, 1]) {
        emu.clock.advance(step);
        seen.push(await stageOf(ds, DirectoryId));
      }
      // Assess
      assert.deepEqual(seen, ['Requested', 'Creating', 'Creating', 'Creating', 'Failed']);
      assert.equal(emu.settledAtMs('directory', DirectoryId), emu.clock.now());
    } finally {
      await emu.stop();
    }
  });
});

describe('Directory Service', () => {
  let emu: Emulator;
  let ds: DirectoryServiceClient;
  before(async () => {
    emu = await start();
    ds = clients(emu).ds;
  });
  after(() => emu.stop());

  test('CreateDirectory then DescribeDirectories returns the AWS shape, without the password', async () => {
    // Act
    const { DirectoryId } = await ds.send(new CreateDirectoryCommand(simpleAd({ Description: 'Corp directory', Tags: [{ Key: 'team', Value: 'pki' }] })));
    const out = await ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [DirectoryId ?? ''] }));
    // Assess
    const d = out.DirectoryDescriptions?.[0];
    assert.equal(d?.DirectoryId, DirectoryId);
    assert.equal(d?.Name, 'corp.example.com');
    assert.equal(d?.ShortName, 'CORP');
    assert.equal(d?.Type, 'SimpleAD');
    assert.equal(d?.Size, 'Small');
    assert.equal(d?.Description, 'Corp directory');
    assert.equal(d?.VpcSettings?.VpcId, VPC);
    assert.deepEqual(d?.VpcSettings?.SubnetIds, [SUBNET_A, SUBNET_B]);
    assert.deepEqual(d?.VpcSettings?.AvailabilityZones, ['us-east-1a', 'us-east-1b']);
    assert.match(d?.VpcSettings?.SecurityGroupId ?? '', /^sg-[0-9a-f]{17}$/);
    assert.ok(d?.LaunchTime instanceof Date);
    assert.ok(!JSON.stringify(out).includes(PASSWORD));
  });

  test('CreateMicrosoftAD defaults to Enterprise and takes 2220 s to become Active', async () => {
    // Act
    const { DirectoryId = '' } = await ds.send(new CreateMicrosoftADCommand({ Name: 'ms.example.com', Password: PASSWORD, VpcSettings: { VpcId: VPC, SubnetIds: [SUBNET_A, SUBNET_B] } }));
    const described = await ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [DirectoryId] }));
    emu.clock.advance(2219);
    const before = await stageOf(ds, DirectoryId);
    emu.clock.advance(1);
    // Assess
    assert.equal(described.DirectoryDescriptions?.[0]?.Edition, 'Enterprise');
    // no ShortName in the request: derived from the first label of the Name, as CreateMicrosoftAD documents
    assert.equal(described.DirectoryDescriptions?.[0]?.ShortName, 'MS');
    assert.equal(described.DirectoryDescriptions?.[0]?.Type, 'MicrosoftAD');
    assert.equal(before, 'Created');
    assert.equal(await stageOf(ds, DirectoryId), 'Active');
  });

  test('lifecycle on the simulated clock: Requested (first 5%) -> Creating -> Created (last 5%) -> Active', async () => {
    // Prepare
    const { DirectoryId = '' } = await ds.send(new CreateDirectoryCommand(simpleAd({ Name: 'life.example.com' })));
    const seen: [number, string | undefined][] = [];
    // Act
    for (const step of [0, 29, 1, 539, 1, 29, 1, 1000]) {
      emu.clock.advance(step);
      seen.push([step, await stageOf(ds, DirectoryId)]);
    }
    // Assess
    assert.deepEqual(seen.map(([, s]) => s), ['Requested', 'Requested', 'Creating', 'Creating', 'Created', 'Created', 'Active', 'Active']);
  });

  test('DescribeDirectories pages with Limit/NextToken; a bad token is InvalidNextTokenException', async () => {
    // Prepare
    const all = (await ds.send(new DescribeDirectoriesCommand({}))).DirectoryDescriptions ?? [];
    // Act
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ds.send(new DescribeDirectoriesCommand({ Limit: 1, NextToken: token }));
      ids.push(...(page.DirectoryDescriptions ?? []).map((d) => d.DirectoryId ?? ''));
      token = page.NextToken;
      pages += 1;
    } while (token);
    const bad = await errorOf(ds.send(new DescribeDirectoriesCommand({ NextToken: 'not-a-token' })));
    const emptyFilter = await ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [] }));
    // Assess
    assert.ok(all.length >= 3);
    assert.equal(pages, all.length);
    assert.deepEqual(ids, all.map((d) => d.DirectoryId));
    assert.equal(bad.name, 'InvalidNextTokenException');
    assert.equal(emptyFilter.DirectoryDescriptions?.length, all.length);
  });

  test('unknown directory id -> EntityDoesNotExistException; malformed id -> ValidationException', async () => {
    const unknown = await errorOf(ds.send(new DescribeDirectoriesCommand({ DirectoryIds: ['d-0000000000'] })));
    const malformed = await errorOf(ds.send(new DescribeDirectoriesCommand({ DirectoryIds: ['nope'] })));
    assert.equal(unknown.name, 'EntityDoesNotExistException');
    assert.equal(unknown.message, 'Directory d-0000000000 does not exist');
    assert.equal(malformed.name, 'ValidationException');
  });

  test('tags: create tags, AddTagsToResource, RemoveTagsFromResource, ListTagsForResource with paging', async () => {
    // Prepare
    const { DirectoryId = '' } = await ds.send(new CreateDirectoryCommand(simpleAd({ Name: 'tags.example.com', Tags: [{ Key: 'a', Value: '1' }] })));
    // Act
    await ds.send(new AddTagsToResourceCommand({ ResourceId: DirectoryId, Tags: [{ Key: 'b', Value: '2' }, { Key: 'c', Value: '3' }, { Key: 'a', Value: '9' }] }));
    await ds.send(new RemoveTagsFromResourceCommand({ ResourceId: DirectoryId, TagKeys: ['c'] }));
    const p1 = await ds.send(new ListTagsForResourceCommand({ ResourceId: DirectoryId, Limit: 1 }));
    const p2 = await ds.send(new ListTagsForResourceCommand({ ResourceId: DirectoryId, Limit: 1, NextToken: p1.NextToken }));
    const badTag = await errorOf(ds.send(new AddTagsToResourceCommand({ ResourceId: DirectoryId, Tags: [{ Key: 'aws:reserved', Value: 'x' }] })));
    const tooMany = await errorOf(ds.send(new AddTagsToResourceCommand({ ResourceId: DirectoryId, Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })));
    const unknown = await errorOf(ds.send(new ListTagsForResourceCommand({ ResourceId: 'd-0000000000' })));
    // Assess
    assert.deepEqual([...(p1.Tags ?? []), ...(p2.Tags ?? [])], [{ Key: 'a', Value: '9' }, { Key: 'b', Value: '2' }]);
    assert.equal(p2.NextToken, undefined);
    assert.equal(badTag.name, 'ValidationException');
    assert.equal(tooMany.name, 'TagLimitExceededException');
    assert.equal(unknown.name, 'EntityDoesNotExistException');
  });

  test('DeleteDirectory: Deleting, then gone (EntityDoesNotExistException); not counted as live', async () => {
    // Prepare
    const { DirectoryId = '' } = await ds.send(new CreateDirectoryCommand(simpleAd({ Name: 'gone.example.com' })));
    const liveBefore = emu.counts().directories;
    // Act
    const del = await ds.send(new DeleteDirectoryCommand({ DirectoryId }));
    const deleting = await stageOf(ds, DirectoryId);
    emu.clock.advance(61);
    const gone = await errorOf(ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [DirectoryId] })));
    const again = await errorOf(ds.send(new DeleteDirectoryCommand({ DirectoryId })));
    // Assess
    assert.equal(del.DirectoryId, DirectoryId);
    assert.equal(deleting, 'Deleting');
    assert.equal(gone.name, 'EntityDoesNotExistException');
    assert.equal(again.name, 'EntityDoesNotExistException');
    assert.equal(emu.counts().directories, liveBefore - 1);
  });

  test('GetDirectoryLimits reports the limit and current counts per type', async () => {
    const out = await ds.send(new GetDirectoryLimitsCommand({}));
    assert.equal(out.DirectoryLimits?.CloudOnlyDirectoriesLimit, 10);
    // The one created here and the seed's existing.example.com.
    assert.equal(out.DirectoryLimits?.CloudOnlyMicrosoftADCurrentCount, 2);
    assert.equal(out.DirectoryLimits?.CloudOnlyDirectoriesCurrentCount, emu.counts().directories - 1);
  });
});

describe('Directory Service validations', () => {
  let emu: Emulator;
  let ds: DirectoryServiceClient;
  before(async () => {
    emu = await start();
    ds = clients(emu).ds;
  });
  after(() => emu.stop());

  const cases: [string, Record<string, unknown>, string, RegExp?][] = [
    ['bad Name', { Name: 'no_dots' }, 'ValidationException', /at 'name' failed to satisfy constraint/],
    ['missing Name', { Name: undefined }, 'ValidationException', /Value null at 'name'/],
    ['bad ShortName', { ShortName: 'CO/RP' }, 'ValidationException', /'shortName'/],
    ['Description too long', { Description: 'x'.repeat(129) }, 'ValidationException', /length less than or equal to 128/],
    ['Description bad pattern', { Description: '-leading dash' }, 'ValidationException', /'description'/],
    ['weak password', { Password: 'password' }, 'ValidationException', /Value at 'password'/],
    ['password too short', { Password: 'Ab1!' }, 'ValidationException', /Value at 'password'/],
    ['bad Size', { Size: 'Huge' }, 'ValidationException', /enum value set: \[Small, Large\]/],
    ['malformed subnet id', { VpcSettings: { VpcId: VPC, SubnetIds: ['subnet-xyz', SUBNET_B] } }, 'ValidationException', /vpcSettings.subnetIds/],
    ['bad tag key', { Tags: [{ Key: 'aws:x', Value: 'v' }] }, 'ValidationException'],
    ['no VpcSettings', { VpcSettings: undefined }, 'InvalidParameterException', /VpcSettings must be specified/],
    ['one subnet', { VpcSettings: { VpcId: VPC, SubnetIds: [SUBNET_A] } }, 'InvalidParameterException', /two subnets in different Availability Zones/],
    ['unknown subnet', { VpcSettings: { VpcId: VPC, SubnetIds: [SUBNET_A, 'subnet-0000000000000000f'] } }, 'InvalidParameterException'],
    ['same AZ twice', { VpcSettings: { VpcId: VPC, SubnetIds: [SUBNET_A, SUBNET_A] } }, 'ClientException', /different Availability Zones/],
    ['unknown VPC', { VpcSettings: { VpcId: 'vpc-00000000000000000', SubnetIds: [SUBNET_A, SUBNET_B] } }, 'ClientException', /^Invalid VPC ID\.$/],
    ['subnet outside the VPC', { VpcSettings: { VpcId: VPC, SubnetIds: [SUBNET_A, SUBNET_OTHER_VPC] } }, 'ClientException', /does not belong to VPC/],
    ['51 tags', { Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }, 'DirectoryLimitExceededException'],
  ];
  for (const [what, over, name, message] of cases) {
    test(`CreateDirectory with ${what} -> ${name}`, async () => {
      const err = await errorOf(ds.send(new CreateDirectoryCommand(simpleAd(over) as never)));
      assert.equal(err.name, name);
      assert.equal(err.$metadata?.httpStatusCode, 400);
      if (message) assert.match(err.message, message);
      assert.ok(!err.message.includes(PASSWORD) && !err.message.includes("'password'  "));
    });
  }

  test('CreateMicrosoftAD with a bad Edition -> ValidationException; the weak password is never echoed', async () => {
    const err = await errorOf(ds.send(new CreateMicrosoftADCommand({ Name: 'ms.example.com', Password: 'weakpassword', Edition: 'Gold' as never, VpcSettings: { VpcId: VPC, SubnetIds: [SUBNET_A, SUBNET_B] } })));
    assert.equal(err.name, 'ValidationException');
    assert.match(err.message, /^2 validation errors detected/);
    assert.ok(!err.message.includes('weakpassword'));
  });

  test('directory limit (configurable) -> DirectoryLimitExceededException; per type', async () => {
    // Prepare
    const small = await start({ seed: { ...SEED, directoryLimit: 2 } });
    const c = clients(small).ds;
    try {
      // Act
      await c.send(new CreateDirectoryCommand(simpleAd({ Name: 'one.example.com' })));
      await c.send(new CreateDirectoryCommand(simpleAd({ Name: 'two.example.com' })));
      const err = await errorOf(c.send(new CreateDirectoryCommand(simpleAd({ Name: 'three.example.com' }))));
      const ms = await c.send(new CreateMicrosoftADCommand({ Name: 'ms.example.com', Password: PASSWORD, VpcSettings: { VpcId: VPC, SubnetIds: [SUBNET_A, SUBNET_B] } }));
      // Assess
      assert.equal(err.name, 'DirectoryLimitExceededException');
      assert.match(err.message, /A maximum of 2 directories may be created/);
      assert.match(ms.DirectoryId ?? '', /^d-/);
    } finally {
      await small.stop();
    }
  });
});

describe('Directory failure outcomes', () => {
  test('directoryOutcome: the directory lands in Failed with the StageReason', async () => {
    // Prepare
    const emu = await start({ directoryOutcome: { stage: 'Failed', reason: 'Insufficient IP addresses in subnet' } });
    const { ds } = clients(emu);
    try {
      // Act
      const { DirectoryId = '' } = await ds.send(new CreateDirectoryCommand(simpleAd()));
      emu.clock.advance(300);
      const midway = await stageOf(ds, DirectoryId);
      emu.clock.advance(300);
      const out = await ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [DirectoryId] }));
      // Assess
      assert.equal(midway, 'Creating');
      assert.equal(out.DirectoryDescriptions?.[0]?.Stage, 'Failed');
      assert.equal(out.DirectoryDescriptions?.[0]?.StageReason, 'Insufficient IP addresses in subnet');
    } finally {
      await emu.stop();
    }
  });

  test('DirectoryLifecycle fault: only the next N directories fail; setOutcomes switches at run time', async () => {
    // Prepare
    const emu = await start({ faults: [{ operation: 'DirectoryLifecycle', error: 'Failed', message: 'DNS setup failed' }] });
    const { ds } = clients(emu);
    try {
      // Act
      const first = (await ds.send(new CreateDirectoryCommand(simpleAd({ Name: 'a.example.com' })))).DirectoryId ?? '';
      const second = (await ds.send(new CreateDirectoryCommand(simpleAd({ Name: 'b.example.com' })))).DirectoryId ?? '';
      emu.setOutcomes({ directory: { stage: 'Impaired', reason: 'controllers unreachable', afterSeconds: 100 } });
      const third = (await ds.send(new CreateDirectoryCommand(simpleAd({ Name: 'c.example.com' })))).DirectoryId ?? '';
      emu.clock.advance(600);
      const out = await ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [first, second, third] }));
      // Assess
      assert.deepEqual(out.DirectoryDescriptions?.map((d) => [d.Stage, d.StageReason]), [
        ['Failed', 'DNS setup failed'], ['Active', undefined], ['Impaired', 'controllers unreachable'],
      ]);
      assert.deepEqual([first, second, third].map((id) => (emu.settledAtMs('directory', id) ?? 0) - (emu.clock.now() - 600_000)), [600_000, 600_000, 100_000]);
      assert.equal(emu.apiCalls['DirectoryService.DirectoryLifecycle'], undefined);
    } finally {
      await emu.stop();
    }
  });
});
