import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateDirectoryCommand, CreateMicrosoftADCommand, DeleteDirectoryCommand } from '@aws-sdk/client-directory-service';
import type { Emulator } from '../../../../tools/local/emulator/index.ts';
import { CA_ACTIVE, CA_DISABLED, SG_1, SG_2, SG_OTHER_VPC, SEED, clients, connectorApi, microsoftAd, simpleAd, start } from './helpers.ts';

/** An emulator with `n` Active AWS Managed Microsoft AD directories (2220 s each). */
async function withActiveDirectories(n: number, opts: Parameters<typeof start>[0] = {}): Promise<{ emu: Emulator; dirs: string[] }> {
  const emu = await start(opts);
  const { ds } = clients(emu);
  const dirs: string[] = [];
  for (let i = 0; i < n; i++) dirs.push((await ds.send(new CreateMicrosoftADCommand(microsoftAd({ Name: `d${i}.example.com` })))).DirectoryId ?? '');
  emu.clock.advance(2220);
  return { emu, dirs };
}

const request = (DirectoryId: string, over: Record<string, unknown> = {}) => ({
  DirectoryId, CertificateAuthorityArn: CA_ACTIVE, VpcInformation: { SecurityGroupIds: [SG_1] }, ...over,
});
const getPath = (arn: string) => `/connectors/${encodeURIComponent(arn)}`;

describe('PCA Connector AD', () => {
  let emu: Emulator;
  let dirs: string[];
  before(async () => {
    ({ emu, dirs } = await withActiveDirectories(4, { connectorActiveAfterSeconds: 120 }));
  });
  after(() => emu.stop());

  test('CreateConnector (202) -> GetConnector by URI-encoded ARN: CREATING, ACTIVE after 120 s', async () => {
    // Act
    const created = await connectorApi(emu, 'POST', '/connectors', request(dirs[0] ?? '', { Tags: { team: 'pki' }, VpcInformation: { IpAddressType: 'IPV4', SecurityGroupIds: [SG_1, SG_2] } }));
    const arn = String(created.json.ConnectorArn);
    const first = await connectorApi(emu, 'GET', getPath(arn));
    emu.clock.advance(119);
    const almost = await connectorApi(emu, 'GET', getPath(arn));
    emu.clock.advance(1);
    const active = await connectorApi(emu, 'GET', getPath(arn));
    // Assess
    assert.equal(created.status, 202);
    const c = first.json.Connector as Record<string, unknown>;
    assert.equal(first.status, 200);
    assert.equal(c.Arn, arn);
    assert.equal(c.DirectoryId, dirs[0]);
    assert.equal(c.CertificateAuthorityArn, CA_ACTIVE);
    assert.deepEqual(c.VpcInformation, { IpAddressType: 'IPV4', SecurityGroupIds: [SG_1, SG_2] });
    assert.equal(typeof c.CreatedAt, 'number');
    assert.equal(c.Status, 'CREATING');
    assert.equal((almost.json.Connector as Record<string, unknown>).Status, 'CREATING');
    assert.equal((active.json.Connector as Record<string, unknown>).Status, 'ACTIVE');
  });

  test('ListConnectors pages with MaxResults/NextToken', async () => {
    // Prepare
    await connectorApi(emu, 'POST', '/connectors', request(dirs[1] ?? ''));
    await connectorApi(emu, 'POST', '/connectors', request(dirs[2] ?? ''));
    // Act
    const p1 = await connectorApi(emu, 'GET', '/connectors?MaxResults=2');
    const p2 = await connectorApi(emu, 'GET', `/connectors?MaxResults=2&NextToken=${encodeURIComponent(String(p1.json.NextToken))}`);
    const bad = await connectorApi(emu, 'GET', '/connectors?MaxResults=0');
    // Assess
    const ids = [...(p1.json.Connectors as { DirectoryId: string }[]), ...(p2.json.Connectors as { DirectoryId: string }[])].map((c) => c.DirectoryId);
    assert.deepEqual(ids, dirs.slice(0, 3));
    assert.equal(p2.json.NextToken, undefined);
    // the summaries carry the security groups (ConnectorSummary.VpcInformation): CreateConnector compares them
    for (const c of p1.json.Connectors as { VpcInformation?: unknown }[]) assert.ok(c.VpcInformation, 'VpcInformation in the summary');
    assert.equal(bad.status, 400);
    assert.equal(bad.errorType, 'ValidationException');
  });

  test('a second live connector for the same directory -> ConflictException 409 with ResourceId/ResourceType', async () => {
    const out = await connectorApi(emu, 'POST', '/connectors', request(dirs[0] ?? '', { ClientToken: 'another' }));
    assert.equal(out.status, 409);
    assert.equal(out.errorType, 'ConflictException');
    assert.equal(out.json.ResourceType, 'CONNECTOR');
    assert.match(String(out.json.ResourceId), /^arn:aws:pca-connector-ad:/);
    assert.equal(typeof out.json.Message, 'string');
    assert.equal(out.json.message, out.json.Message);
  });

  test('ClientToken: same token + same input -> same ARN (202); same token + different input -> ConflictException', async () => {
    // Act
    const a = await connectorApi(emu, 'POST', '/connectors', request(dirs[3] ?? '', { ClientToken: 'exec-hash-1' }));
    const b = await connectorApi(emu, 'POST', '/connectors', request(dirs[3] ?? '', { ClientToken: 'exec-hash-1' }));
    const c = await connectorApi(emu, 'POST', '/connectors', request(dirs[3] ?? '', { ClientToken: 'exec-hash-1', VpcInformation: { SecurityGroupIds: [SG_2] } }));
    // Assess
    assert.equal(a.status, 202);
    assert.equal(b.status, 202);
    assert.equal(b.json.ConnectorArn, a.json.ConnectorArn);
    assert.equal(c.status, 409);
    assert.equal(c.errorType, 'ConflictException');
    assert.equal(emu.counts().connectors, 4);
  });

  test('DeleteConnector (202): DELETING, then gone (404); the directory can then get a new connector', async () => {
    // Prepare
    const list = await connectorApi(emu, 'GET', '/connectors');
    const arn = (list.json.Connectors as { Arn: string; DirectoryId: string }[]).find((c) => c.DirectoryId === dirs[1])?.Arn ?? '';
    // Act
    const del = await connectorApi(emu, 'DELETE', getPath(arn));
    const deleting = await connectorApi(emu, 'GET', getPath(arn));
    emu.clock.advance(31);
    const gone = await connectorApi(emu, 'GET', getPath(arn));
    const again = await connectorApi(emu, 'POST', '/connectors', request(dirs[1] ?? ''));
    // Assess
    assert.equal(del.status, 202);
    assert.equal((deleting.json.Connector as Record<string, unknown>).Status, 'DELETING');
    assert.equal(gone.status, 404);
    assert.equal(gone.errorType, 'ResourceNotFoundException');
    assert.equal(gone.json.ResourceType, 'CONNECTOR');
    assert.equal(again.status, 202);
  });
});

describe('PCA Connector AD validations', () => {
  let emu: Emulator;
  let dirs: string[];
  before(async () => {
    ({ emu, dirs } = await withActiveDirectories(1));
  });
  after(() => emu.stop());

  test('each validation maps to its error, status and fields', async () => {
    // Prepare
    const { ds } = clients(emu);
    const young = (await ds.send(new CreateMicrosoftADCommand(microsoftAd({ Name: 'young.example.com' })))).DirectoryId ?? '';
    const simple = (await ds.send(new CreateDirectoryCommand(simpleAd({ Name: 'simple.example.com' })))).DirectoryId ?? '';
    emu.clock.advance(600);
    const dir = dirs[0] ?? '';
    const cases: [string, Record<string, unknown>, number, string, Record<string, unknown>][] = [
      ['unknown directory', request('d-0123456789'), 404, 'ResourceNotFoundException', { ResourceId: 'd-0123456789', ResourceType: 'DIRECTORY' }],
      ['directory not Active', request(young), 400, 'ValidationException', { Reason: 'INVALID_STATE' }],
      ['Active Simple AD directory (not supported: never an ACTIVE connector)', request(simple), 400, 'ValidationException', { Reason: 'OTHER' }],
      ['unknown CA', request(dir, { CertificateAuthorityArn: CA_ACTIVE.replace('5555', 'aaaa') }), 404, 'ResourceNotFoundException', { ResourceType: 'CERTIFICATE_AUTHORITY' }],
      ['CA not ACTIVE', request(dir, { CertificateAuthorityArn: CA_DISABLED }), 400, 'ValidationException', { Reason: 'INVALID_STATE' }],
      ['malformed CA ARN', request(dir, { CertificateAuthorityArn: 'arn:nope' }), 400, 'ValidationException', { Reason: 'FIELD_VALIDATION_FAILED' }],
      ['SG in another VPC', request(dir, { VpcInformation: { SecurityGroupIds: [SG_OTHER_VPC] } }), 400, 'ValidationException', { Reason: 'MISMATCHED_VPC' }],
      ['unknown SG', request(dir, { VpcInformation: { SecurityGroupIds: ['sg-0000000000000000f'] } }), 404, 'ResourceNotFoundException', { ResourceType: 'SECURITY_GROUP' }],
      ['no SG', request(dir, { VpcInformation: { SecurityGroupIds: [] } }), 400, 'ValidationException', { Reason: 'FIELD_VALIDATION_FAILED' }],
      ['5 SGs', request(dir, { VpcInformation: { SecurityGroupIds: [SG_1, SG_2, SG_1, SG_2, SG_1] } }), 400, 'ValidationException', { Reason: 'FIELD_VALIDATION_FAILED' }],
      ['bad ClientToken', request(dir, { ClientToken: 'has space' }), 400, 'ValidationException', { Reason: 'FIELD_VALIDATION_FAILED' }],
      ['unknown directory (malformed id)', request('dir-1'), 400, 'ValidationException', { Reason: 'FIELD_VALIDATION_FAILED' }],
    ];
    for (const [what, body, status, errorType, fields] of cases) {
      // Act
      const out = await connectorApi(emu, 'POST', '/connectors', body);
      // Assess
      assert.equal(out.status, status, what);
      assert.equal(out.errorType, errorType, what);
      for (const [k, v] of Object.entries(fields)) assert.equal(out.json[k], v, `${what}: ${k}`);
      assert.equal(typeof out.json.Message, 'string', what);
    }
    assert.equal(emu.counts().connectors, 0);
  });

  test('GetConnector: malformed ARN -> ValidationException 400, unknown -> ResourceNotFoundException 404', async () => {
    const malformed = await connectorApi(emu, 'GET', getPath('arn:aws:pca-connector-ad:us-east-1:111122223333:connector/x'));
    const unknown = await connectorApi(emu, 'GET', getPath('arn:aws:pca-connector-ad:us-east-1:111122223333:connector/00000000-0000-4000-8000-000000000000'));
    assert.equal(malformed.status, 400);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.ResourceType, 'CONNECTOR');
  });

  test('connector quota -> ServiceQuotaExceededException 402 with QuotaCode/ServiceCode', async () => {
    // Prepare
    const { emu: small, dirs: two } = await withActiveDirectories(2, { seed: { ...SEED, connectorLimit: 1 } });
    try {
      // Act
      const ok = await connectorApi(small, 'POST', '/connectors', request(two[0] ?? ''));
      const over = await connectorApi(small, 'POST', '/connectors', request(two[1] ?? ''));
      // Assess
      assert.equal(ok.status, 202);
      assert.equal(over.status, 402);
      assert.equal(over.errorType, 'ServiceQuotaExceededException');
      assert.equal(over.json.ServiceCode, 'pca-connector-ad');
      assert.equal(typeof over.json.QuotaCode, 'string');
    } finally {
      await small.stop();
    }
  });

  test('a deleted (Deleting) directory cannot get a connector', async () => {
    const { ds } = clients(emu);
    await ds.send(new DeleteDirectoryCommand({ DirectoryId: dirs[0] ?? '' }));
    const out = await connectorApi(emu, 'POST', '/connectors', request(dirs[0] ?? ''));
    assert.equal(out.status, 404);
  });
});

describe('Connector failure outcomes', () => {
  test('connectorOutcome and ConnectorLifecycle faults land in FAILED with a StatusReason', async () => {
    // Prepare
    const { emu, dirs } = await withActiveDirectories(3, {
      connectorOutcome: { statusReason: 'VPC_ACCESS_DENIED', afterSeconds: 60 },
    });
    try {
      // Act
      const a = String((await connectorApi(emu, 'POST', '/connectors', request(dirs[0] ?? ''))).json.ConnectorArn);
      emu.setOutcomes({});
      emu.addFault({ operation: 'PcaConnectorAd.ConnectorLifecycle', error: 'INSUFFICIENT_FREE_ADDRESSES' });
      const b = String((await connectorApi(emu, 'POST', '/connectors', request(dirs[1] ?? ''))).json.ConnectorArn);
      const c = String((await connectorApi(emu, 'POST', '/connectors', request(dirs[2] ?? ''))).json.ConnectorArn);
      emu.clock.advance(59);
      const early = ((await connectorApi(emu, 'GET', getPath(a))).json.Connector as Record<string, unknown>).Status;
      emu.clock.advance(61);
      const view = async (arn: string) => {
        const con = (await connectorApi(emu, 'GET', getPath(arn))).json.Connector as Record<string, unknown>;
        return [con.Status, con.StatusReason];
      };
      // Assess
      assert.equal(early, 'CREATING');
      assert.deepEqual(await view(a), ['FAILED', 'VPC_ACCESS_DENIED']);
      assert.deepEqual(await view(b), ['FAILED', 'INSUFFICIENT_FREE_ADDRESSES']);
      assert.deepEqual(await view(c), ['ACTIVE', undefined]);
      // when each lifecycle ended, as the engine's detections read it
      const created = emu.clock.now() - 120_000;
      assert.deepEqual([a, b, c].map((arn) => (emu.settledAtMs('connector', arn) ?? 0) - created), [60_000, 120_000, 120_000]);
      assert.equal(emu.settledAtMs('connector', `${a}x`), undefined);
    } finally {
      await emu.stop();
    }
  });
});
