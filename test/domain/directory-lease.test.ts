import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LEASE_SECONDS, epochSeconds, leaseItem, leaseKey } from '../../src/domain/directory-lease.ts';

describe('directory creation lease (pure)', () => {
  it('the key is the directory identity adoption uses: VPC + Name, case-insensitive', () => {
    assert.equal(leaseKey({ VpcId: 'vpc-0a1b2c3d4e5f60718', Name: 'Corp.Example.COM' }), 'dir#vpc-0a1b2c3d4e5f60718#corp.example.com');
    assert.equal(leaseKey({ VpcId: 'vpc-1', Name: 'corp.example.com' }), leaseKey({ VpcId: 'vpc-1', Name: 'CORP.example.com' }));
    assert.notEqual(leaseKey({ VpcId: 'vpc-1', Name: 'corp.example.com' }), leaseKey({ VpcId: 'vpc-2', Name: 'corp.example.com' }));
  });

  it('the lease item: owner = execution ARN, expiresAt = now + 15 min in epoch seconds', () => {
    const now = new Date('2026-01-01T12:00:00.750Z');
    assert.equal(LEASE_SECONDS, 900);
    assert.equal(epochSeconds(now), 1767268800);
    assert.deepEqual(leaseItem({ VpcId: 'vpc-1', Name: 'A.b' }, 'arn:exec', now), { pk: 'dir#vpc-1#a.b', owner: 'arn:exec', expiresAt: 1767268800 + 900 });
    assert.equal(leaseItem({ VpcId: 'vpc-1', Name: 'a' }, 'arn:exec', now, 60).expiresAt, 1767268860);
  });
});
