import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY } from '../../src/contract.ts';
import { DirectoryConflictError } from '../../src/domain/errors.ts';
import type { DirectoryCandidate } from '../../src/domain/find-or-create.ts';
import { adoptableDirectories, chooseConnector, chooseDirectory } from '../../src/domain/find-or-create.ts';

const VPC = 'vpc-0a1b2c3d4e5f60718';
const want = { Name: 'corp.example.com', VpcId: VPC, Type: 'SimpleAD' as const };
const dir = (id: string, over: Partial<DirectoryCandidate> = {}): DirectoryCandidate => ({
  DirectoryId: id, Name: 'corp.example.com', Type: 'SimpleAD', Stage: 'Active', VpcSettings: { VpcId: VPC }, ...over,
});

describe('adoptableDirectories', () => {
  it('matches the same Name case-insensitively in the same VPC', () => {
    const found = adoptableDirectories([dir('d-0000000001', { Name: 'CORP.Example.com' })], want);
    assert.deepEqual(found.map((d) => d.DirectoryId), ['d-0000000001']);
  });

  it('ignores other names, other VPCs, Deleting and Deleted', () => {
    const found = adoptableDirectories(
      [
        dir('d-0000000001', { Name: 'other.example.com' }),
        dir('d-0000000002', { VpcSettings: { VpcId: 'vpc-0f9e8d7c6b5a40321' } }),
        dir('d-0000000003', { Stage: 'Deleting' }),
        dir('d-0000000004', { Stage: 'Deleted' }),
      ],
      want,
    );
    assert.deepEqual(found, []);
  });

  it('keeps Failed ones (the Choice then names the failure)', () => {
    assert.equal(adoptableDirectories([dir('d-0000000001', { Stage: 'Failed' })], want).length, 1);
  });

  it('same name and VPC but another type → DirectoryConflictError', () => {
    assert.throws(
      () => adoptableDirectories([dir('d-0000000001', { Type: 'MicrosoftAD' })], want),
      (e: Error) => e instanceof DirectoryConflictError && e.name === 'DirectoryConflictError' && /MicrosoftAD/.test(e.message),
    );
  });

  it('another-type directory is no conflict when a same-type one exists', () => {
    const found = adoptableDirectories([dir('d-0000000001', { Type: 'MicrosoftAD' }), dir('d-0000000002')], want);
    assert.deepEqual(found.map((d) => d.DirectoryId), ['d-0000000002']);
  });
});

describe('chooseDirectory', () => {
  it('prefers this execution, then managed-by, then not Failed, then oldest', () => {
    const a = dir('d-000000000a', { LaunchTime: new Date(1000) });
    const b = dir('d-000000000b', { LaunchTime: new Date(2000) });
    const c = dir('d-000000000c', { LaunchTime: new Date(3000) });
    const f = dir('d-000000000f', { LaunchTime: new Date(0), Stage: 'Failed' });
    const tags = new Map<string, Record<string, string>>([
      ['d-000000000b', { [MANAGED_BY_TAG_KEY]: 'ad-cert-orchestrator' }],
      ['d-000000000c', { [MANAGED_BY_TAG_KEY]: 'ad-cert-orchestrator', [EXECUTION_TAG_KEY]: 'arn:exec:1' }],
    ]);
    assert.equal(chooseDirectory([a, b, c, f], tags, 'arn:exec:1')?.DirectoryId, 'd-000000000c');
    assert.equal(chooseDirectory([a, b, c, f], tags, 'arn:exec:2')?.DirectoryId, 'd-000000000b');
    assert.equal(chooseDirectory([a, f])?.DirectoryId, 'd-000000000a');
    assert.equal(chooseDirectory([]), undefined);
  });
});

describe('chooseConnector', () => {
  const base = { DirectoryId: 'd-0000000001', CertificateAuthorityArn: 'arn:ca' };
  it('adopts a CREATING or ACTIVE connector for the same directory + CA, ACTIVE first', () => {
    const picked = chooseConnector(
      [
        { Arn: 'arn:1', ...base, Status: 'CREATING' },
        { Arn: 'arn:2', ...base, Status: 'ACTIVE' },
        { Arn: 'arn:3', ...base, Status: 'FAILED' },
      ],
      base,
    );
    assert.equal(picked?.Arn, 'arn:2');
  });
  it('ignores other directories, other CAs, FAILED and DELETING', () => {
    const picked = chooseConnector(
      [
        { Arn: 'arn:1', ...base, DirectoryId: 'd-0000000002', Status: 'ACTIVE' },
        { Arn: 'arn:2', ...base, CertificateAuthorityArn: 'arn:other', Status: 'ACTIVE' },
        { Arn: 'arn:3', ...base, Status: 'FAILED' },
        { Arn: 'arn:4', ...base, Status: 'DELETING' },
      ],
      base,
    );
    assert.equal(picked, undefined);
  });
});
