import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ACMPCAClient, DescribeCertificateAuthorityCommand, ResourceNotFoundException as PcaNotFound } from '@aws-sdk/client-acm-pca';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { DescribeSecurityGroupsCommandInput, DescribeSubnetsCommandInput, IpPermission } from '@aws-sdk/client-ec2';
import { GetSecretValueCommand, ResourceNotFoundException as SecretNotFound, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { InvalidRequestError } from '../../src/domain/errors.ts';
import { validateRequestCore } from '../../src/handlers/validate-request.ts';
import { logger } from '../../src/lib/logger.ts';
import { ADMIN_PASSWORD as PASSWORD, defaultSeed, readEvent } from '../fixtures.ts';

const load = (file: string): Record<string, unknown> => readEvent<Record<string, unknown>>(file);
const seed = defaultSeed();

const EXEC = 'arn:aws:states:us-east-1:111122223333:execution:provision:req-1';

const ec2 = mockClient(EC2Client);
// @aws-sdk/client-acm-pca 3.523 (the newest our registry serves) is typed against an older @smithy/types than
// aws-sdk-client-mock: same runtime, so the ACM PCA stub is typed loosely through this one helper.
const pca = mockClient(ACMPCAClient as never);
const onDescribeCa = () => pca.on(DescribeCertificateAuthorityCommand as never);
const caStatus = (Status: string) => ({ CertificateAuthority: { Status } }) as never;
const sm = mockClient(SecretsManagerClient);
const deps = () => ({ ec2: new EC2Client({ region: 'us-east-1' }), acmPca: new ACMPCAClient({ region: 'us-east-1' }), secretsManager: new SecretsManagerClient({ region: 'us-east-1' }) });

/** An AWS error as the SDK surfaces unmodelled codes: an Error whose name is the code. */
const ec2Error = (name: string): Error => Object.assign(new Error(`${name}: it does not exist`), { name });

/** A seeded security group's inbound rules as EC2 describes them. */
const permissionsOf = (g: (typeof seed.securityGroups)[number]): IpPermission[] =>
  (g.IngressRules ?? []).map((r) => ({
    IpProtocol: r.IpProtocol,
    FromPort: r.FromPort,
    ToPort: r.ToPort,
    IpRanges: r.CidrIpv4 ? [{ CidrIp: r.CidrIpv4 }] : [],
    Ipv6Ranges: r.CidrIpv6 ? [{ CidrIpv6: r.CidrIpv6 }] : [],
    UserIdGroupPairs: r.ReferencedGroupId ? [{ GroupId: r.ReferencedGroupId }] : [],
  }));
type GroupFact = { GroupId: string; VpcId: string; IpPermissions?: IpPermission[] };
const SEED_GROUPS: GroupFact[] = seed.securityGroups.map((g) => ({ GroupId: g.GroupId, VpcId: g.VpcId, IpPermissions: permissionsOf(g) }));

/** EC2 behaving like the default seed: describing a missing id fails the whole call. */
const seedEc2 = (subnets: { SubnetId: string; VpcId: string; AvailabilityZone: string }[] = seed.subnets, groups: GroupFact[] = SEED_GROUPS) => {
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: seed.vpcs.map((v) => ({ VpcId: v.VpcId, CidrBlock: v.CidrBlock })) });
  ec2.on(DescribeSubnetsCommand).callsFake((input: DescribeSubnetsCommandInput) => {
    const ids = input.SubnetIds ?? [];
    if (ids.some((id) => !subnets.find((s) => s.SubnetId === id))) throw ec2Error('InvalidSubnetID.NotFound');
    return { Subnets: subnets.filter((s) => ids.includes(s.SubnetId)) };
  });
  ec2.on(DescribeSecurityGroupsCommand).callsFake((input: DescribeSecurityGroupsCommandInput) => {
    const ids = input.GroupIds ?? [];
    if (ids.some((id) => !groups.find((g) => g.GroupId === id))) throw ec2Error('InvalidGroup.NotFound');
    return { SecurityGroups: groups.filter((g) => ids.includes(g.GroupId)) };
  });
};

beforeEach(() => {
  ec2.reset();
  pca.reset();
  sm.reset();
  logger.setLogLevel('SILENT');
  seedEc2();
  onDescribeCa().resolves(caStatus('ACTIVE'));
  sm.on(GetSecretValueCommand).resolves({ SecretString: PASSWORD });
});
afterEach(() => logger.setLogLevel('INFO'));

const rejectsWith = async (promise: Promise<unknown>, paths: string[]): Promise<InvalidRequestError> => {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof InvalidRequestError, String(error));
    assert.equal(error.name, 'InvalidRequestError');
    assert.deepEqual(error.violations.map((v) => v.path).sort(), [...paths].sort(), JSON.stringify(error.violations));
    return error;
  }
  assert.fail('expected InvalidRequestError');
};

describe('ValidateRequest handler', () => {
  it('a secret outside the deployment\'s PASSWORD_SECRET_PREFIX is refused before it is read', async () => {
    // Prepare
    process.env['PASSWORD_SECRET_PREFIX'] = 'team-pki/';
    try {
      // Act
      const error = await rejectsWith(validateRequestCore({ ExecutionId: EXEC, Request: load('execution-input.json') }, deps()), ['Directory.PasswordSecretId']);
      // Assess
      assert.match(error.message, /must start with "team-pki\/"/);
      assert.equal(sm.commandCalls(GetSecretValueCommand).length, 0, 'no read that IAM would deny');
    } finally {
      delete process.env['PASSWORD_SECRET_PREFIX'];
    }
  });

  it('valid Managed AD + connector request (the sample, a group by name) → ValidationResult with default timeouts, no warning', async () => {
    // Act
    const result = await validateRequestCore({ ExecutionId: EXEC, Request: load('execution-input.json') }, deps());
    // Assess
    assert.deepEqual(result, {
      DirectoryType: 'MicrosoftAD',
      ConnectorRequested: true,
      GroupNamesRequested: true,
      Warnings: [],
      DirectoryTimeoutSeconds: 3600,
      ConnectorTimeoutSeconds: 1800,
    });
    assert.deepEqual(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input, { SecretId: 'ad-cert-orchestrator/ad-admin-password' });
  });

  it('valid Managed AD request → no warning, timeouts from Options', async () => {
    const result = await validateRequestCore({ ExecutionId: EXEC, Request: load('execution-input-microsoft-ad.json') }, deps());
    assert.deepEqual(result, { DirectoryType: 'MicrosoftAD', ConnectorRequested: true, GroupNamesRequested: false, Warnings: [], DirectoryTimeoutSeconds: 4500, ConnectorTimeoutSeconds: 1800 });
  });

  it('Simple AD directory only → ConnectorRequested false, no CA or security group read', async () => {
    // Act
    const result = await validateRequestCore({ ExecutionId: EXEC, Request: load('execution-input-simple-ad.json') }, deps());
    // Assess
    assert.equal(result.DirectoryType, 'SimpleAD');
    assert.equal(result.ConnectorRequested, false);
    assert.equal(result.GroupNamesRequested, false);
    assert.deepEqual(result.Warnings, []);
    assert.equal(pca.calls().length, 0);
    assert.equal(ec2.commandCalls(DescribeSecurityGroupsCommand).length, 0);
  });

  it('Simple AD + Connector → InvalidRequestError on Directory.Type citing DIRECTORY_TYPE_NOT_SUPPORTED, no AWS call', async () => {
    // Act
    const error = await validateRequestCore({ ExecutionId: EXEC, Request: load('invalid-simple-ad-connector.json') }, deps()).catch((e: unknown) => e);
    // Assess
    assert.ok(error instanceof InvalidRequestError, String(error));
    assert.deepEqual(error.violations.map((v) => v.path), ['Directory.Type']);
    assert.match(error.message, /DIRECTORY_TYPE_NOT_SUPPORTED/);
    assert.match(error.message, /AWS Managed Microsoft AD and AD Connector only/);
    assert.equal(ec2.calls().length + pca.calls().length + sm.calls().length, 0);
  });

  it('schema violations → InvalidRequestError, no AWS call', async () => {
    // Act + Assess
    await rejectsWith(validateRequestCore({ ExecutionId: EXEC, Request: load('invalid-name-subnets-password.json') }, deps()), [
      'Directory.Password',
      'Directory.Name',
      'Directory.VpcSettings.SubnetIds',
    ]);
    assert.equal(ec2.calls().length + pca.calls().length + sm.calls().length, 0);
  });

  it('a missing or non-object Request is a violation, not a crash', async () => {
    await rejectsWith(validateRequestCore({ ExecutionId: EXEC, Request: undefined }, deps()), ['(request)']);
    await rejectsWith(validateRequestCore(null as never, deps()), ['(request)']);
  });

  it('preflight: subnet in another VPC, same AZ, SG elsewhere, CA DISABLED, weak password — all at once', async () => {
    // Prepare
    const request = load('execution-input.json') as { Directory: { VpcSettings: { SubnetIds: string[] } }; Connector: { VpcInformation: { SecurityGroupIds: string[] } } };
    request.Directory.VpcSettings.SubnetIds = ['subnet-0a1b2c3d4e5f6a001', 'subnet-0f9e8d7c6b5a4c003']; // 2nd: other VPC
    request.Connector.VpcInformation.SecurityGroupIds = ['sg-0f9e8d7c6b5a4c201']; // other VPC
    onDescribeCa().resolves(caStatus('DISABLED'));
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'password' });
    // Act
    const error = await rejectsWith(validateRequestCore({ ExecutionId: EXEC, Request: request }, deps()), [
      'Directory.VpcSettings.SubnetIds[1]',
      'Connector.VpcInformation.SecurityGroupIds[0]',
      'Connector.CertificateAuthorityArn',
      'Directory.PasswordSecretId',
    ]);
    // Assess
    assert.match(error.message, /not in vpc-0a1b2c3d4e5f60718/);
    assert.match(error.message, /DISABLED/);
    assert.match(error.message, /complexity rule/);
  });

  it('preflight: a connector security group without inbound TCP 443 from the VPC is named (the VPC\'s CIDR from DescribeVpcs)', async () => {
    // Prepare
    const request = load('execution-input.json') as { Connector: { VpcInformation: { SecurityGroupIds: string[] } } };
    request.Connector.VpcInformation.SecurityGroupIds = ['sg-0a1b2c3d4e5f6a101', 'sg-0a1b2c3d4e5f6a102'];
    // Act
    const error = await rejectsWith(validateRequestCore({ ExecutionId: EXEC, Request: request }, deps()), ['Connector.VpcInformation.SecurityGroupIds[1]']);
    // Assess
    assert.match(error.message, /security group sg-0a1b2c3d4e5f6a102 does not allow inbound TCP 443 from the VPC \(10\.0\.0\.0\/16\)/);
    assert.deepEqual(ec2.commandCalls(DescribeVpcsCommand)[0]?.args[0].input, { VpcIds: ['vpc-0a1b2c3d4e5f60718'] });
  });

  it('preflight: subnets in the same AZ', async () => {
    seedEc2([
      { SubnetId: 'subnet-0a1b2c3d4e5f6a001', VpcId: 'vpc-0a1b2c3d4e5f60718', AvailabilityZone: 'us-east-1a' },
      { SubnetId: 'subnet-0a1b2c3d4e5f6b002', VpcId: 'vpc-0a1b2c3d4e5f60718', AvailabilityZone: 'us-east-1a' },
    ]);
    const error = await rejectsWith(validateRequestCore({ ExecutionId: EXEC, Request: load('execution-input.json') }, deps()), [
      'Directory.VpcSettings.SubnetIds[1]',
    ]);
    assert.match(error.message, /two different Availability Zones/);
  });

  it('preflight: NotFound errors of EC2, ACM PCA and Secrets Manager become violations naming the missing ids', async () => {
    // Prepare
    seedEc2(seed.subnets.slice(1), []);
    onDescribeCa().rejects(new PcaNotFound({ message: 'no CA', $metadata: {} }));
    sm.on(GetSecretValueCommand).rejects(new SecretNotFound({ message: 'no secret', $metadata: {} }));
    // Act
    const error = await rejectsWith(validateRequestCore({ ExecutionId: EXEC, Request: load('execution-input.json') }, deps()), [
      'Directory.VpcSettings.SubnetIds[0]',
      'Connector.VpcInformation.SecurityGroupIds[0]',
      'Connector.CertificateAuthorityArn',
      'Directory.PasswordSecretId',
    ]);
    // Assess
    assert.match(error.message, /subnet subnet-0a1b2c3d4e5f6a001 does not exist/);
    assert.match(error.message, /certificate authority not found \(ResourceNotFoundException\)/);
    assert.match(error.message, /secret not found \(ResourceNotFoundException\)/);
  });

  it('preflight: InvalidVpcID.NotFound → a VpcId violation', async () => {
    ec2.on(DescribeSubnetsCommand).rejects(ec2Error('InvalidVpcID.NotFound'));
    await rejectsWith(validateRequestCore({ ExecutionId: EXEC, Request: load('execution-input.json') }, deps()), [
      'Directory.VpcSettings.VpcId',
      'Directory.VpcSettings.SubnetIds[0]',
      'Directory.VpcSettings.SubnetIds[1]',
    ]);
  });

  it('access and throttling errors propagate with their names', async () => {
    sm.on(GetSecretValueCommand).rejects(ec2Error('AccessDeniedException')); // a common AWS error, not modelled per service
    await assert.rejects(validateRequestCore({ ExecutionId: EXEC, Request: load('execution-input.json') }, deps()), { name: 'AccessDeniedException' });
    sm.on(GetSecretValueCommand).resolves({ SecretString: PASSWORD });
    ec2.on(DescribeSubnetsCommand).rejects(ec2Error('UnauthorizedOperation'));
    await assert.rejects(validateRequestCore({ ExecutionId: EXEC, Request: load('execution-input.json') }, deps()), { name: 'UnauthorizedOperation' });
    ec2.on(DescribeSubnetsCommand).rejects(ec2Error('RequestLimitExceeded'));
    await assert.rejects(validateRequestCore({ ExecutionId: EXEC, Request: load('execution-input.json') }, deps()), { name: 'RequestLimitExceeded' });
  });
});
