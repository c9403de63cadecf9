import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY } from '../../src/contract.ts';
import { ConnectorConflictError, DirectoryConflictError } from '../../src/domain/errors.ts';
import type { ConnectorCandidate, DirectoryCandidate, DirectoryWanted } from '../../src/domain/find-or-create.ts';
import {
  adoptableDirectories,
  chooseConnector,
  chooseDirectory,
  connectorDifferences,
  directoryDifferences,
  directoryWanted,
} from '../../src/domain/find-or-create.ts';

const VPC = 'vpc-0a1b2c3d4e5f60718';
const SUBNETS = ['subnet-0a1b2c3d4e5f6a001', 'subnet-0a1b2c3d4e5f6b002'];
const want: DirectoryWanted = { Name: 'corp.example.com', VpcId: VPC, SubnetIds: SUBNETS, Type: 'SimpleAD', Size: 'Small', ShortName: 'CORP' };
const dir = (id: string, over: Partial<DirectoryCandidate> = {}): DirectoryCandidate => ({
  DirectoryId: id, Name: 'corp.example.com', ShortName: 'CORP', Type: 'SimpleAD', Size: 'Small', Stage: 'Active',
  VpcSettings: { VpcId: VPC, SubnetIds: [...SUBNETS] }, ...over,
});
const managedWant: DirectoryWanted = { ...want, Type: 'MicrosoftAD', Size: undefined, Edition: 'Standard' };
const managed = (id: string, over: Partial<DirectoryCandidate> = {}): DirectoryCandidate =>
  dir(id, { Type: 'MicrosoftAD', Size: undefined, Edition: 'Standard', ...over });

/** The error's differences as `field=requested|existing`. */
const diffs = (e: unknown): string[] =>
  (e as DirectoryConflictError | ConnectorConflictError).differences.map((d) => `${d.field}=${d.requested}|${d.existing}`);

describe('directoryWanted', () => {
  const input = (Directory: object, DirectoryType: 'SimpleAD' | 'MicrosoftAD') =>
    ({ ExecutionId: 'x', TimeoutSeconds: 60, DirectoryType, Directory: { Name: 'corp.example.com', PasswordSecretId: 's', VpcSettings: { VpcId: VPC, SubnetIds: SUBNETS }, ...Directory } });
  it('fills the create defaults (Small, Enterprise) and keeps ShortName only when given', () => {
    assert.deepEqual(directoryWanted(input({}, 'SimpleAD')), { Name: 'corp.example.com', VpcId: VPC, SubnetIds: SUBNETS, Type: 'SimpleAD', Size: 'Small' });
    assert.deepEqual(directoryWanted(input({ ShortName: 'CORP' }, 'MicrosoftAD')), {
      Name: 'corp.example.com', VpcId: VPC, SubnetIds: SUBNETS, Type: 'MicrosoftAD', Edition: 'Enterprise', ShortName: 'CORP',
    });
    assert.equal(directoryWanted(input({ Size: 'Large' }, 'SimpleAD')).Size, 'Large');
    assert.equal(directoryWanted(input({ Edition: 'Standard' }, 'MicrosoftAD')).Edition, 'Standard');
  });
});

describe('directoryDifferences', () => {
  it('none for the same attributes: subnets in another order, ShortName in another case', () => {
    assert.deepEqual(directoryDifferences(dir('d-1', { ShortName: 'corp', VpcSettings: { VpcId: VPC, SubnetIds: [...SUBNETS].reverse() } }), want), []);
    assert.deepEqual(directoryDifferences(managed('d-1'), managedWant), []);
  });

  it('Size (Simple AD) and Edition (Managed AD)', () => {
    assert.deepEqual(directoryDifferences(dir('d-1'), { ...want, Size: 'Large' }), [{ field: 'Directory.Size', requested: 'Large', existing: 'Small' }]);
    assert.deepEqual(directoryDifferences(managed('d-1', { Edition: 'Enterprise' }), managedWant), [
      { field: 'Directory.Edition', requested: 'Standard', existing: 'Enterprise' },
    ]);
  });

  it('ShortName only when the request gives one', () => {
    assert.deepEqual(directoryDifferences(dir('d-1', { ShortName: 'OTHER' }), want), [{ field: 'Directory.ShortName', requested: 'CORP', existing: 'OTHER' }]);
    const { ShortName: _s, ...noShortName } = want;
    assert.deepEqual(directoryDifferences(dir('d-1', { ShortName: 'OTHER' }), noShortName), []);
  });

  it('subnets as a set: one more, one other', () => {
    const [a = '', b = ''] = SUBNETS;
    assert.deepEqual(directoryDifferences(dir('d-1', { VpcSettings: { VpcId: VPC, SubnetIds: [a, 'subnet-0c'] } }), want), [
      { field: 'Directory.VpcSettings.SubnetIds', requested: `[${a}, ${b}]`, existing: `[${a}, subnet-0c]` },
    ]);
  });

  it('another type names the type, not the size; a missing attribute counts as different', () => {
    assert.deepEqual(directoryDifferences(managed('d-1'), want).map((d) => d.field), ['Directory.Type']);
    assert.deepEqual(directoryDifferences(dir('d-1', { Size: undefined, VpcSettings: { VpcId: VPC } }), want), [
      { field: 'Directory.Size', requested: 'Small', existing: '(none)' },
      { field: 'Directory.VpcSettings.SubnetIds', requested: `[${SUBNETS.join(', ')}]`, existing: '(none)' },
    ]);
  });

  it('every differing field at once, VPC included', () => {
    const other = dir('d-1', { Size: 'Large', ShortName: 'X', VpcSettings: { VpcId: 'vpc-0f', SubnetIds: ['subnet-0c'] } });
    assert.deepEqual(directoryDifferences(other, want).map((d) => d.field), [
      'Directory.Size', 'Directory.ShortName', 'Directory.VpcSettings.VpcId', 'Directory.VpcSettings.SubnetIds',
    ]);
  });
});

describe('adoptableDirectories', () => {
  it('matches the same Name case-insensitively in the same VPC', () => {
    const found = adoptableDirectories([dir('d-0000000001', { Name: 'CORP.Example.com' })], want);
    assert.deepEqual(found.map((d) => d.DirectoryId), ['d-0000000001']);
  });

  it('ignores other names, other VPCs (another directory, not a conflict), Deleting and Deleted', () => {
    const found = adoptableDirectories(
      [
        dir('d-0000000001', { Name: 'other.example.com', Size: 'Large' }),
        dir('d-0000000002', { VpcSettings: { VpcId: 'vpc-0f9e8d7c6b5a40321' } }),
        dir('d-0000000003', { Stage: 'Deleting', Size: 'Large' }),
        dir('d-0000000004', { Stage: 'Deleted' }),
      ],
      want,
    );
    assert.deepEqual(found, []);
  });

  it('keeps Failed ones (the poll then names the failure)', () => {
    assert.equal(adoptableDirectories([dir('d-0000000001', { Stage: 'Failed' })], want).length, 1);
  });

  it('same name and VPC but another type → DirectoryConflictError', () => {
    assert.throws(
      () => adoptableDirectories([managed('d-0000000001')], want),
      (e: Error) => e instanceof DirectoryConflictError && e.name === 'DirectoryConflictError' && /MicrosoftAD/.test(e.message),
    );
  });

  it('a Small directory for a Large request → DirectoryConflictError listing every differing field, request vs existing', () => {
    const existing = dir('d-0000000001', { ShortName: 'OLD', VpcSettings: { VpcId: VPC, SubnetIds: ['subnet-0c', SUBNETS[0] ?? ''] } });
    let error: unknown;
    try {
      adoptableDirectories([existing], { ...want, Size: 'Large' });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof DirectoryConflictError, String(error));
    assert.deepEqual(diffs(error), [
      'Directory.Size=Large|Small',
      'Directory.ShortName=CORP|OLD',
      `Directory.VpcSettings.SubnetIds=[${SUBNETS.join(', ')}]|[${SUBNETS[0]}, subnet-0c]`,
    ]);
    assert.match(error.message, /d-0000000001/);
    assert.match(error.message, /Directory\.Size: requested Large, existing Small/);
    assert.match(error.message, /Directory\.ShortName: requested CORP, existing OLD/);
    assert.match(error.message, /Directory\.VpcSettings\.SubnetIds: requested \[/);
    assert.match(error.message, /nothing created/);
  });

  it('a differing directory is no conflict when a matching one exists', () => {
    const found = adoptableDirectories([managed('d-0000000001'), dir('d-0000000003', { Size: 'Large' }), dir('d-0000000002')], want);
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
  const SG = ['sg-0a1b2c3d4e5f6a101', 'sg-0a1b2c3d4e5f6a102'];
  const base = { DirectoryId: 'd-0000000001', CertificateAuthorityArn: 'arn:ca' };
  const wanted = { ...base, SecurityGroupIds: SG };
  const conn = (Arn: string, over: Partial<ConnectorCandidate> = {}): ConnectorCandidate =>
    ({ Arn, ...base, Status: 'ACTIVE', VpcInformation: { SecurityGroupIds: [...SG].reverse() }, ...over });

  it('adopts a CREATING or ACTIVE connector of the directory with the same CA and groups (any order), ACTIVE first', () => {
    const picked = chooseConnector([conn('arn:1', { Status: 'CREATING' }), conn('arn:2'), conn('arn:3', { Status: 'FAILED' })], wanted);
    assert.equal(picked?.Arn, 'arn:2');
  });

  it('ignores other directories, FAILED and DELETING, whatever their CA or groups', () => {
    const picked = chooseConnector(
      [
        conn('arn:1', { DirectoryId: 'd-0000000002', CertificateAuthorityArn: 'arn:other' }),
        conn('arn:3', { Status: 'FAILED', CertificateAuthorityArn: 'arn:other' }),
        conn('arn:4', { Status: 'DELETING', VpcInformation: { SecurityGroupIds: ['sg-9'] } }),
      ],
      wanted,
    );
    assert.equal(picked, undefined);
  });

  it('the directory\'s live connector with another CA or other groups → ConnectorConflictError listing each differing field', () => {
    let error: unknown;
    try {
      chooseConnector([conn('arn:1', { CertificateAuthorityArn: 'arn:old-ca', VpcInformation: { SecurityGroupIds: ['sg-0a1b2c3d4e5f6a101'] } })], wanted);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof ConnectorConflictError, String(error));
    assert.equal(error.name, 'ConnectorConflictError');
    assert.deepEqual(diffs(error), [
      'Connector.CertificateAuthorityArn=arn:ca|arn:old-ca',
      `Connector.VpcInformation.SecurityGroupIds=[${SG.join(', ')}]|[sg-0a1b2c3d4e5f6a101]`,
    ]);
    assert.match(error.message, /arn:1/);
    assert.match(error.message, /Connector\.CertificateAuthorityArn: requested arn:ca, existing arn:old-ca/);
    assert.throws(() => chooseConnector([conn('arn:1', { Status: 'CREATING', VpcInformation: undefined })], wanted), (e: unknown) =>
      diffs(e).join() === `Connector.VpcInformation.SecurityGroupIds=[${SG.join(', ')}]|(none)`);
  });

  it('a differing connector is no conflict when a matching one exists', () => {
    assert.equal(chooseConnector([conn('arn:1', { CertificateAuthorityArn: 'arn:old-ca' }), conn('arn:2', { Status: 'CREATING' })], wanted)?.Arn, 'arn:2');
  });

  it('connectorDifferences: none for the same CA and the same groups', () => {
    assert.deepEqual(connectorDifferences(conn('arn:1'), wanted), []);
  });
});
