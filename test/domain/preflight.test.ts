import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProvisioningRequest } from '../../src/contract.ts';
import type { PreflightFacts } from '../../src/domain/preflight.ts';
import { preflightViolations } from '../../src/domain/preflight.ts';
import { ADMIN_PASSWORD, OTHER_VPC, SG_1, SUBNET_A, SUBNET_B, VPC, sampleRequest } from '../fixtures.ts';

const request = (): ProvisioningRequest => sampleRequest();

const first = <T>(items: T[], i: number): T => {
  const item = items[i];
  assert.ok(item);
  return item;
};

const goodFacts = (): PreflightFacts => ({
  subnets: [
    { SubnetId: SUBNET_A, VpcId: VPC, AvailabilityZone: 'us-east-1a' },
    { SubnetId: SUBNET_B, VpcId: VPC, AvailabilityZone: 'us-east-1b' },
  ],
  securityGroups: [{ GroupId: SG_1, VpcId: VPC }],
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
