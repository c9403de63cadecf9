/**
 * Parity with moto (an independent Directory Service implementation): the same bad CreateDirectory /
 * CreateMicrosoftAD requests must fail with the same error names on moto_server and on the emulator.
 * Skips, with the reason printed, where `moto_server` is not on PATH.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateDirectoryCommand, CreateMicrosoftADCommand, DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { MOTO_MISSING, onPath, startMoto } from '../../../support/moto.ts';
import { PASSWORD, SUBNET_A, SUBNET_B, VPC, SEED, errorOf, start } from './helpers.ts';
import { sampleCreateDirectoryParams } from '../../../fixtures.ts';

const SUBNET_A2 = 'subnet-0a1b2c3d4e5f6a003';

interface Net {
  vpc: string;
  a: string;
  b: string;
  /** A second subnet in a's AZ. */
  a2: string;
}

type Case = [what: string, op: 'CreateDirectory' | 'CreateMicrosoftAD', build: (n: Net) => Record<string, unknown>];
const base = (n: Net, over: Record<string, unknown> = {}) => ({
  ...sampleCreateDirectoryParams(PASSWORD), VpcSettings: { VpcId: n.vpc, SubnetIds: [n.a, n.b] }, ...over,
});
const CASES: Case[] = [
  ['bad Name', 'CreateDirectory', (n) => base(n, { Name: 'nodots' })],
  ['weak password', 'CreateDirectory', (n) => base(n, { Password: 'password' })],
  ['short password', 'CreateDirectory', (n) => base(n, { Password: 'Ab1!' })],
  ['bad Size', 'CreateDirectory', (n) => base(n, { Size: 'Huge' })],
  ['Description too long', 'CreateDirectory', (n) => base(n, { Description: 'd'.repeat(129) })],
  ['bad ShortName', 'CreateDirectory', (n) => base(n, { ShortName: 'A/B' })],
  ['malformed subnet id', 'CreateDirectory', (n) => base(n, { VpcSettings: { VpcId: n.vpc, SubnetIds: ['subnet-zz', n.b] } })],
  ['three violations', 'CreateDirectory', (n) => base(n, { Name: 'x', Password: 'weak', Size: 'Tiny' })],
  ['no VpcSettings', 'CreateDirectory', (n) => base(n, { VpcSettings: undefined })],
  ['one subnet', 'CreateDirectory', (n) => base(n, { VpcSettings: { VpcId: n.vpc, SubnetIds: [n.a] } })],
  ['three subnets', 'CreateDirectory', (n) => base(n, { VpcSettings: { VpcId: n.vpc, SubnetIds: [n.a, n.b, n.a2] } })],
  ['unknown subnet', 'CreateDirectory', (n) => base(n, { VpcSettings: { VpcId: n.vpc, SubnetIds: [n.a, 'subnet-0000000000000000f'] } })],
  ['two subnets in one AZ', 'CreateDirectory', (n) => base(n, { VpcSettings: { VpcId: n.vpc, SubnetIds: [n.a, n.a2] } })],
  ['unknown VPC', 'CreateDirectory', (n) => base(n, { VpcSettings: { VpcId: 'vpc-0000000000000000f', SubnetIds: [n.a, n.b] } })],
  ['reserved tag key', 'CreateDirectory', (n) => base(n, { Tags: [{ Key: 'aws:owner', Value: 'x' }] })],
  ['MicrosoftAD bad Edition', 'CreateMicrosoftAD', (n) => ({ ...base(n, { Edition: 'Gold' }), Size: undefined })],
  ['MicrosoftAD weak password', 'CreateMicrosoftAD', (n) => ({ ...base(n, { Password: 'alllowercase' }), Size: undefined })],
  ['MicrosoftAD two subnets in one AZ', 'CreateMicrosoftAD', (n) => ({ ...base(n, { VpcSettings: { VpcId: n.vpc, SubnetIds: [n.a, n.a2] } }), Size: undefined })],
];

async function outcome(ds: DirectoryServiceClient, op: Case[1], input: Record<string, unknown>): Promise<{ name: string; message: string }> {
  const cmd = op === 'CreateDirectory' ? new CreateDirectoryCommand(input as never) : new CreateMicrosoftADCommand(input as never);
  const err = await errorOf(ds.send(cmd as never));
  return { name: err.name, message: err.message };
}

test('Directory Service: the same bad requests fail with the same error names on moto and on the emulator', async (t) => {
  if (!onPath('moto_server')) {
    t.skip(MOTO_MISSING);
    return;
  }
  // Prepare: moto on a free port, with a VPC and three subnets (two in us-east-1a).
  const moto = await startMoto();
  const emu = await start({
    seed: { ...SEED, subnets: [...SEED.subnets, { SubnetId: SUBNET_A2, VpcId: VPC, AvailabilityZone: 'us-east-1a', CidrBlock: '10.0.3.0/24' }] },
  });
  try {
    const motoUrl = moto.url;
    const cfg = (endpoint: string) => ({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, maxAttempts: 1 });
    const ec2 = new EC2Client(cfg(motoUrl));
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc?.VpcId ?? '';
    const subnet = async (az: string, cidr: string) =>
      (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, AvailabilityZone: az, CidrBlock: cidr }))).Subnet?.SubnetId ?? '';
    const motoNet: Net = { vpc, a: await subnet('us-east-1a', '10.0.1.0/24'), b: await subnet('us-east-1b', '10.0.2.0/24'), a2: await subnet('us-east-1a', '10.0.3.0/24') };
    const emuNet: Net = { vpc: VPC, a: SUBNET_A, b: SUBNET_B, a2: SUBNET_A2 };
    const motoDs = new DirectoryServiceClient(cfg(motoUrl));
    const emuDs = new DirectoryServiceClient(cfg(emu.endpoint));

    for (const [what, op, build] of CASES) {
      // Act
      const fromMoto = await outcome(motoDs, op, build(motoNet));
      const fromEmu = await outcome(emuDs, op, build(emuNet));
      if (process.env.DEBUG_PARITY) console.log(what, '|', fromMoto.name, fromMoto.message.slice(0, 90), '|', fromEmu.name, fromEmu.message.slice(0, 90));
      // Assess
      assert.equal(fromEmu.name, fromMoto.name, `${what}: moto says ${fromMoto.name} (${fromMoto.message})`);
      const count = (m: string) => /^(\d+) validation errors? detected/.exec(m)?.[1];
      assert.equal(count(fromEmu.message), count(fromMoto.message), `${what}: number of violations`);
      if (fromMoto.name !== 'ValidationException') assert.equal(fromEmu.message, fromMoto.message, what);
    }
    // The good request passes on both.
    assert.match((await motoDs.send(new CreateDirectoryCommand(base(motoNet) as never))).DirectoryId ?? '', /^d-/);
    assert.match((await emuDs.send(new CreateDirectoryCommand(base(emuNet) as never))).DirectoryId ?? '', /^d-/);
  } finally {
    moto.stop();
    await emu.stop();
  }
});
