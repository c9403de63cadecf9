import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProvisioningRequest } from '../../src/contract.ts';
import type { IngressFact, PreflightFacts, VpcCidrs } from '../../src/domain/preflight.ts';
import { allowsConnectorTraffic, cidrCovers, preflightViolations } from '../../src/domain/preflight.ts';
import { ADMIN_PASSWORD, OTHER_VPC, SG_1, SG_2, SUBNET_A, SUBNET_B, VPC, sampleRequest } from '../fixtures.ts';

const request = (): ProvisioningRequest => sampleRequest();

const first = <T>(items: T[], i: number): T => {
  const item = items[i];
  assert.ok(item);
  return item;
};

const HTTPS_FROM_VPC: IngressFact = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] };

const goodFacts = (): PreflightFacts => ({
  subnets: [
    { SubnetId: SUBNET_A, VpcId: VPC, AvailabilityZone: 'us-east-1a' },
    { SubnetId: SUBNET_B, VpcId: VPC, AvailabilityZone: 'us-east-1b' },
  ],
  securityGroups: [{ GroupId: SG_1, VpcId: VPC, IpPermissions: [HTTPS_FROM_VPC] }],
  vpcCidrs: { ipv4: ['10.0.0.0/16'], ipv6: [] },
  certificateAuthority: { found: true, status: 'ACTIVE' },
  secret: { found: true, secretString: ADMIN_PASSWORD },
});

describe('preflightViolations', () => {
  it('passes the default seed', () => {
    assert.deepEqual(preflightViolations(request(), goodFacts()), []);
  });

  const cases: [string, (f: PreflightFacts) => void, string, RegExp][] = [
    ['subnet missing', (f) => { f.subnets.pop(); }, 'Directory.VpcSettings.SubnetIds[1]', /does not exist/],
    ['subnet in another VPC', (f) => { first(f.subnets, 1).VpcId = OTHER_VPC; }, 'Directory.VpcSettings.SubnetIds[1]', /is in vpc-0f9e8d7c6b5a40321, not in vpc-0a1b2c3d4e5f60718/],
    ['subnets in the same AZ', (f) => { first(f.subnets, 1).AvailabilityZone = 'us-east-1a'; }, 'Directory.VpcSettings.SubnetIds[1]', /two different Availability Zones/],
    ['VPC missing', (f) => { f.vpcMissing = true; }, 'Directory.VpcSettings.VpcId', /does not exist/],
    ['SG missing', (f) => { f.securityGroups = []; }, 'Connector.VpcInformation.SecurityGroupIds[0]', /does not exist/],
    ['SG in another VPC', (f) => { first(f.securityGroups, 0).VpcId = OTHER_VPC; }, 'Connector.VpcInformation.SecurityGroupIds[0]', /not in the directory's VPC/],
    ['SG without inbound 443', (f) => { first(f.securityGroups, 0).IpPermissions = []; }, 'Connector.VpcInformation.SecurityGroupIds[0]',
      /security group sg-0a1b2c3d4e5f6a101 does not allow inbound TCP 443 from the VPC \(10\.0\.0\.0\/16\)/],
    ['CA not found', (f) => { f.certificateAuthority = { found: false, reason: 'ResourceNotFoundException' }; }, 'Connector.CertificateAuthorityArn', /not found \(ResourceNotFoundException\)/],
    ['CA DISABLED', (f) => { f.certificateAuthority = { found: true, status: 'DISABLED' }; }, 'Connector.CertificateAuthorityArn', /DISABLED; it must be ACTIVE/],
    ['CA PENDING_CERTIFICATE', (f) => { f.certificateAuthority = { found: true, status: 'PENDING_CERTIFICATE' }; }, 'Connector.CertificateAuthorityArn', /must be ACTIVE/],
    ['secret missing', (f) => { f.secret = { found: false, reason: 'ResourceNotFoundException' }; }, 'Directory.PasswordSecretId', /secret not found/],
    ['weak password', (f) => { f.secret = { found: true, secretString: 'password' }; }, 'Directory.PasswordSecretId', /complexity rule/],
    ['short password', (f) => { f.secret = { found: true, secretString: 'Ab1!' }; }, 'Directory.PasswordSecretId', /length rule/],
    ['JSON secret without password', (f) => { f.secret = { found: true, secretString: '{"user":"x"}' }; }, 'Directory.PasswordSecretId', /no string "password" key/],
    ['binary secret', (f) => { f.secret = { found: true, secretString: undefined }; }, 'Directory.PasswordSecretId', /binary/],
  ];
  for (const [name, breakIt, path, message] of cases) {
    it(name, () => {
      // Prepare
      const facts = goodFacts();
      breakIt(facts);
      // Act
      const violations = preflightViolations(request(), facts);
      // Assess
      assert.equal(violations.length, 1, JSON.stringify(violations));
      assert.equal(violations[0]?.path, path);
      assert.match(violations[0]?.message ?? '', message);
    });
  }

  it('names every connector security group that does not let TCP 443 in from the VPC', () => {
    // Prepare
    const req = request();
    if (!req.Connector) throw new Error('the sample has a connector');
    req.Connector.VpcInformation.SecurityGroupIds = [SG_2, SG_1, 'sg-0a1b2c3d4e5f6a103'];
    const facts = goodFacts();
    facts.securityGroups = [
      { GroupId: SG_2, VpcId: VPC, IpPermissions: [{ ...HTTPS_FROM_VPC, FromPort: 389, ToPort: 389 }] },
      { GroupId: SG_1, VpcId: VPC, IpPermissions: [HTTPS_FROM_VPC] },
      { GroupId: 'sg-0a1b2c3d4e5f6a103', VpcId: VPC, IpPermissions: [{ ...HTTPS_FROM_VPC, IpProtocol: 'udp' }] },
    ];
    // Act
    const violations = preflightViolations(req, facts);
    // Assess
    assert.deepEqual(violations.map((v) => v.path), ['Connector.VpcInformation.SecurityGroupIds[0]', 'Connector.VpcInformation.SecurityGroupIds[2]']);
    assert.match(violations[0]?.message ?? '', /sg-0a1b2c3d4e5f6a102/);
    assert.match(violations[1]?.message ?? '', /sg-0a1b2c3d4e5f6a103/);
  });

  it('the 443 rule: port range, all protocols, CIDR covering every VPC block, any group or prefix list; IPv6 for DUALSTACK', () => {
    const v4: VpcCidrs = { ipv4: ['10.0.0.0/16'], ipv6: [] };
    const dual: VpcCidrs = { ipv4: ['10.0.0.0/16'], ipv6: ['2600:1f18:abc:de00::/56'] };
    const allows = (IpPermissions: IngressFact[], cidrs = v4, type?: string) => allowsConnectorTraffic({ GroupId: SG_1, IpPermissions }, cidrs, type);
    const rule = (over: Partial<IngressFact>): IngressFact => ({ ...HTTPS_FROM_VPC, ...over });
    const cases: [string, boolean, boolean][] = [
      ['tcp 443 from the VPC', allows([HTTPS_FROM_VPC]), true],
      ['tcp 0-65535', allows([rule({ FromPort: 0, ToPort: 65535 })]), true],
      ['tcp 444-500', allows([rule({ FromPort: 444, ToPort: 500 })]), false],
      ['all protocols, no ports', allows([{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]), true],
      ['protocol number 6', allows([rule({ IpProtocol: '6' })]), true],
      ['udp 443', allows([rule({ IpProtocol: 'udp' })]), false],
      ['a wider CIDR', allows([rule({ IpRanges: [{ CidrIp: '10.0.0.0/8' }] })]), true],
      ['a subnet of the VPC only', allows([rule({ IpRanges: [{ CidrIp: '10.0.1.0/24' }] })]), false],
      ['another network', allows([rule({ IpRanges: [{ CidrIp: '192.168.0.0/16' }] })]), false],
      ['a security group', allows([rule({ IpRanges: [], UserIdGroupPairs: [{ GroupId: 'sg-0123456789abcdef0' }] })]), true],
      ['a prefix list', allows([rule({ IpRanges: [], PrefixListIds: [{ PrefixListId: 'pl-0123456789abcdef0' }] })]), true],
      ['a second VPC block not covered', allows([HTTPS_FROM_VPC], { ipv4: ['10.0.0.0/16', '100.64.0.0/16'], ipv6: [] }), false],
      ['both VPC blocks, by two rules', allows([HTTPS_FROM_VPC, rule({ IpRanges: [{ CidrIp: '100.64.0.0/10' }] })], { ipv4: ['10.0.0.0/16', '100.64.0.0/16'], ipv6: [] }), true],
      ['IPV4 ignores the IPv6 block', allows([HTTPS_FROM_VPC], dual, 'IPV4'), true],
      ['DUALSTACK without IPv6', allows([HTTPS_FROM_VPC], dual, 'DUALSTACK'), false],
      ['DUALSTACK with ::/0', allows([rule({ Ipv6Ranges: [{ CidrIpv6: '::/0' }] })], dual, 'DUALSTACK'), true],
      ['DUALSTACK with the VPC block', allows([rule({ Ipv6Ranges: [{ CidrIpv6: '2600:1f18:abc:de00::/56' }] })], dual, 'DUALSTACK'), true],
      ['DUALSTACK with a /64 of it', allows([rule({ Ipv6Ranges: [{ CidrIpv6: '2600:1f18:abc:de00::/64' }] })], dual, 'DUALSTACK'), false],
      ['no rules', allows([]), false],
    ];
    for (const [what, got, want] of cases) assert.equal(got, want, what);
  });

  it('cidrCovers: same family, prefix no longer, network inside', () => {
    assert.equal(cidrCovers('10.0.0.0/16', '10.0.0.0/16'), true);
    assert.equal(cidrCovers('10.0.0.0/16', '10.0.255.0/24'), true);
    assert.equal(cidrCovers('10.0.0.0/24', '10.0.0.0/16'), false);
    assert.equal(cidrCovers('0.0.0.0/0', '172.31.0.0/16'), true);
    assert.equal(cidrCovers('::/0', '10.0.0.0/16'), false);
    assert.equal(cidrCovers('not-a-cidr', '10.0.0.0/16'), false);
  });

  it('reports every preflight violation at once and never the secret value', () => {
    // Prepare
    const weak = 'weakpassword';
    const facts: PreflightFacts = {
      subnets: [{ SubnetId: 'subnet-0a1b2c3d4e5f6a001', VpcId: OTHER_VPC, AvailabilityZone: 'us-east-1a' }],
      securityGroups: [],
      certificateAuthority: { found: true, status: 'DISABLED' },
      secret: { found: true, secretString: JSON.stringify({ password: weak }) },
    };
    // Act
    const violations = preflightViolations(request(), facts);
    // Assess
    assert.equal(violations.length, 5);
    assert.ok(!JSON.stringify(violations).includes(weak));
  });
});
