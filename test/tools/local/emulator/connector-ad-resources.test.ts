/**
 * The emulator's PCA Connector AD resources beyond the connector: directory registrations, service principal names,
 * templates and group access control entries, checked against the service model, on the simulated clock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateDirectoryCommand, CreateMicrosoftADCommand } from '@aws-sdk/client-directory-service';
import type { Emulator } from '../../../../tools/local/emulator/index.ts';
import { parseFault } from '../../../../tools/local/emulator/index.ts';
import { CA_ACTIVE, SG_1, TEMPLATE_V2, clients, connectorApi, microsoftAd, simpleAd, start } from './helpers.ts';

const enc = encodeURIComponent;
const SID = 'S-1-5-21-1111111111-2222222222-3333333333-515';

/** An emulator with an Active Managed AD and an Active Simple AD (and their ids). */
async function world(opts: Parameters<typeof start>[0] = {}): Promise<{ emu: Emulator; ms: string; simple: string }> {
  const emu = await start(opts);
  const { ds } = clients(emu);
  const ms = (await ds.send(new CreateMicrosoftADCommand(microsoftAd({ Name: 'ms.example.com' })))).DirectoryId ?? '';
  const simple = (await ds.send(new CreateDirectoryCommand(simpleAd({ Name: 'simple.example.com' })))).DirectoryId ?? '';
  emu.clock.advance(2220);
  return { emu, ms, simple };
}
const status = async (emu: Emulator, path: string, key: string): Promise<[unknown, unknown]> => {
  const out = (await connectorApi(emu, 'GET', path)).json[key] as Record<string, unknown>;
  return [out.Status, out.StatusReason];
};

describe('PCA Connector AD: directory registration, SPN, templates, access entries', () => {
  let emu: Emulator;
  let ms: string;
  let simple: string;
  let registration: string;
  let connector: string;
  let template: string;
  before(async () => {
    ({ emu, ms, simple } = await world());
  });
  after(() => emu.stop());

  test('CreateDirectoryRegistration (202) -> CREATING, ACTIVE after 60 s; same ClientToken -> same ARN; another token -> ConflictException', async () => {
    // Act
    const created = await connectorApi(emu, 'POST', '/directoryRegistrations', { DirectoryId: ms, ClientToken: 'reg-1', Tags: { team: 'pki' } });
    registration = String(created.json.DirectoryRegistrationArn);
    const again = await connectorApi(emu, 'POST', '/directoryRegistrations', { DirectoryId: ms, ClientToken: 'reg-1', Tags: { team: 'pki' } });
    const other = await connectorApi(emu, 'POST', '/directoryRegistrations', { DirectoryId: ms, ClientToken: 'reg-2' });
    const first = await status(emu, `/directoryRegistrations/${enc(registration)}`, 'DirectoryRegistration');
    emu.clock.advance(59);
    const almost = await status(emu, `/directoryRegistrations/${enc(registration)}`, 'DirectoryRegistration');
    emu.clock.advance(1);
    const active = await status(emu, `/directoryRegistrations/${enc(registration)}`, 'DirectoryRegistration');
    const list = await connectorApi(emu, 'GET', '/directoryRegistrations?MaxResults=10');
    // Assess
    assert.equal(created.status, 202);
    assert.equal(registration, `arn:aws:pca-connector-ad:us-east-1:111122223333:directory-registration/${ms}`);
    assert.equal(again.json.DirectoryRegistrationArn, registration);
    assert.equal(other.status, 409);
    assert.equal(other.errorType, 'ConflictException');
    assert.deepEqual([first, almost, active], [['CREATING', undefined], ['CREATING', undefined], ['ACTIVE', undefined]]);
    assert.deepEqual((list.json.DirectoryRegistrations as { DirectoryId: string }[]).map((r) => r.DirectoryId), [ms]);
    assert.equal(emu.settledAtMs('directoryRegistration', registration), emu.clock.now());
  });

  test('a Simple AD registration ends FAILED with DIRECTORY_TYPE_NOT_SUPPORTED', async () => {
    // Act
    const arn = String((await connectorApi(emu, 'POST', '/directoryRegistrations', { DirectoryId: simple })).json.DirectoryRegistrationArn);
    const first = await status(emu, `/directoryRegistrations/${enc(arn)}`, 'DirectoryRegistration');
    emu.clock.advance(60);
    const settled = await status(emu, `/directoryRegistrations/${enc(arn)}`, 'DirectoryRegistration');
    // Assess
    assert.deepEqual(first, ['CREATING', undefined]);
    assert.deepEqual(settled, ['FAILED', 'DIRECTORY_TYPE_NOT_SUPPORTED']);
  });

  test('CreateServicePrincipalName needs an ACTIVE registration and a connector of the same directory; ACTIVE after 30 s', async () => {
    // Prepare
    connector = String((await connectorApi(emu, 'POST', '/connectors', { DirectoryId: ms, CertificateAuthorityArn: CA_ACTIVE, VpcInformation: { SecurityGroupIds: [SG_1] } })).json.ConnectorArn);
    emu.clock.advance(120);
    const path = `/directoryRegistrations/${enc(registration)}/servicePrincipalNames/${enc(connector)}`;
    // Act
    const created = await connectorApi(emu, 'POST', path, { ClientToken: 'spn-1' });
    const again = await connectorApi(emu, 'POST', path, { ClientToken: 'spn-1' });
    const duplicate = await connectorApi(emu, 'POST', path, { ClientToken: 'spn-2' });
    const first = await status(emu, path, 'ServicePrincipalName');
    emu.clock.advance(30);
    const active = await status(emu, path, 'ServicePrincipalName');
    const list = await connectorApi(emu, 'GET', `/directoryRegistrations/${enc(registration)}/servicePrincipalNames`);
    const unknown = await connectorApi(emu, 'GET', `/directoryRegistrations/${enc(registration)}/servicePrincipalNames/${enc(connector.replace(/.{4}$/, 'ffff'))}`);
    // Assess
    assert.equal(created.status, 202);
    assert.equal(again.status, 202);
    assert.equal(duplicate.errorType, 'ConflictException');
    assert.deepEqual([first, active], [['CREATING', undefined], ['ACTIVE', undefined]]);
    assert.equal((list.json.ServicePrincipalNames as unknown[]).length, 1);
    assert.equal(unknown.status, 404);
  });

  test('CreateTemplate (200) validates the definition against the model; ListTemplates/GetTemplate; name conflict', async () => {
    // Act
    const created = await connectorApi(emu, 'POST', '/templates', { ConnectorArn: connector, Name: 'Computer AutoEnroll', Definition: TEMPLATE_V2, ClientToken: 'tpl-1' });
    template = String(created.json.TemplateArn);
    const again = await connectorApi(emu, 'POST', '/templates', { ConnectorArn: connector, Name: 'Computer AutoEnroll', Definition: TEMPLATE_V2, ClientToken: 'tpl-1' });
    const sameName = await connectorApi(emu, 'POST', '/templates', { ConnectorArn: connector, Name: 'Computer AutoEnroll', Definition: TEMPLATE_V2 });
    const got = await connectorApi(emu, 'GET', `/templates/${enc(template)}`);
    const list = await connectorApi(emu, 'GET', `/templates?ConnectorArn=${enc(connector)}`);
    // Assess
    assert.equal(created.status, 200);
    assert.match(template, /^arn:aws:pca-connector-ad:us-east-1:111122223333:connector\/[0-9a-f-]{36}\/template\/[0-9a-f-]{36}$/);
    assert.equal(again.json.TemplateArn, template);
    assert.equal(sameName.errorType, 'ConflictException');
    const t = got.json.Template as Record<string, unknown>;
    assert.deepEqual([t.Name, t.Status, t.Definition], ['Computer AutoEnroll', 'ACTIVE', TEMPLATE_V2]);
    assert.deepEqual((list.json.Templates as { Arn: string }[]).map((x) => x.Arn), [template]);
  });

  test('template requests AWS would reject: ValidationException naming the member', async () => {
    const v2 = TEMPLATE_V2.TemplateV2;
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['no definition member', { ConnectorArn: connector, Name: 'x', Definition: {} }, /exactly one of: TemplateV2, TemplateV3, TemplateV4/],
      ['two definition members', { ConnectorArn: connector, Name: 'x', Definition: { ...TEMPLATE_V2, TemplateV4: v2 } }, /exactly one/],
      ['client version outside the V2 enum', { ConnectorArn: connector, Name: 'x', Definition: { TemplateV2: { ...v2, PrivateKeyFlags: { ClientVersion: 'WINDOWS_SERVER_2019' } } } }, /'definition\.templateV2\.privateKeyFlags\.clientVersion'.*enum/],
      ['missing required', { ConnectorArn: connector, Name: 'x', Definition: { TemplateV2: { ...v2, SubjectNameFlags: undefined } } }, /'definition\.templateV2\.subjectNameFlags'.*must not be null/],
      ['validity period 0', { ConnectorArn: connector, Name: 'x', Definition: { TemplateV2: { ...v2, CertificateValidity: { ValidityPeriod: { Period: 0, PeriodType: 'YEARS' }, RenewalPeriod: { Period: 6, PeriodType: 'WEEKS' } } } } }, /greater than or equal to 1/],
      ['name with a comma', { ConnectorArn: connector, Name: 'a,b', Definition: TEMPLATE_V2 }, /'name'.*pattern/],
      ['name 65 chars', { ConnectorArn: connector, Name: 'a'.repeat(65), Definition: TEMPLATE_V2 }, /less than or equal to 64/],
      ['unknown member', { ConnectorArn: connector, Name: 'x', Definition: TEMPLATE_V2, Colour: 'red' }, /not a member/],
    ];
    for (const [what, body, message] of cases) {
      const out = await connectorApi(emu, 'POST', '/templates', body);
      assert.equal(out.status, 400, what);
      assert.equal(out.errorType, 'ValidationException', what);
      assert.match(String(out.json.Message), message, what);
    }
    const unknownConnector = await connectorApi(emu, 'POST', '/templates', { ConnectorArn: connector.replace(/.{4}$/, 'ffff'), Name: 'x', Definition: TEMPLATE_V2 });
    assert.equal(unknownConnector.status, 404);
    assert.equal(emu.counts().templates, 1);
  });

  test('CreateTemplateGroupAccessControlEntry: SID pattern, Get/List, duplicate SID -> ConflictException', async () => {
    // Prepare
    const path = `/templates/${enc(template)}/accessControlEntries`;
    const body = { GroupDisplayName: 'Domain Computers', GroupSecurityIdentifier: SID, AccessRights: { Enroll: 'ALLOW', AutoEnroll: 'ALLOW' }, ClientToken: 'ace-1' };
    // Act
    const created = await connectorApi(emu, 'POST', path, body);
    const again = await connectorApi(emu, 'POST', path, body);
    const duplicate = await connectorApi(emu, 'POST', path, { ...body, ClientToken: 'ace-2' });
    const badSid = await connectorApi(emu, 'POST', path, { ...body, GroupSecurityIdentifier: 'S-1-5', ClientToken: 'ace-3' });
    const badRight = await connectorApi(emu, 'POST', path, { ...body, AccessRights: { Enroll: 'YES' }, ClientToken: 'ace-4' });
    const got = await connectorApi(emu, 'GET', `${path}/${enc(SID)}`);
    const list = await connectorApi(emu, 'GET', path);
    // Assess
    assert.deepEqual([created.status, again.status], [200, 200]);
    assert.equal(duplicate.errorType, 'ConflictException');
    assert.equal(badSid.errorType, 'ValidationException');
    assert.match(String(badSid.json.Message), /groupSecurityIdentifier/);
    assert.equal(badRight.errorType, 'ValidationException');
    assert.deepEqual((got.json.AccessControlEntry as Record<string, unknown>).AccessRights, { Enroll: 'ALLOW', AutoEnroll: 'ALLOW' });
    assert.equal((list.json.AccessControlEntries as unknown[]).length, 1);
    assert.deepEqual(emu.counts(), { directories: 2, connectors: 1, directoryRegistrations: 2, servicePrincipalNames: 1, templates: 1, accessControlEntries: 1, resourceShares: 0, directoryDataAccessEnabled: 0, groupsCreated: 0 });
  });

  test('the new resources survive a snapshot', async () => {
    const next = await start({ snapshot: emu.snapshot() });
    next.clock.advance((emu.clock.now() - next.clock.now()) / 1000);
    try {
      assert.deepEqual(next.counts(), emu.counts());
      assert.deepEqual(await status(next, `/directoryRegistrations/${enc(registration)}`, 'DirectoryRegistration'), ['ACTIVE', undefined]);
    } finally {
      await next.stop();
    }
  });
});

describe('lifecycle outcomes and faults of registrations and SPNs', () => {
  test('registrationOutcome and the ServicePrincipalNameLifecycle fault end FAILED with the reason; wire faults answer the call', async () => {
    // Prepare
    const { emu, ms } = await world({ registrationOutcome: { statusReason: 'DIRECTORY_NOT_REACHABLE', afterSeconds: 10 } });
    try {
      // Act: a registration that fails
      const failed = String((await connectorApi(emu, 'POST', '/directoryRegistrations', { DirectoryId: ms })).json.DirectoryRegistrationArn);
      emu.clock.advance(10);
      const reason = await status(emu, `/directoryRegistrations/${enc(failed)}`, 'DirectoryRegistration');
      // Act: a throttled call, then an SPN whose lifecycle fails
      emu.addFault(parseFault('CreateDirectoryRegistration:ThrottlingException'));
      const throttled = await connectorApi(emu, 'POST', '/directoryRegistrations', { DirectoryId: ms });
      emu.addFault(parseFault('ServicePrincipalNameLifecycle:SPN_LIMIT_EXCEEDED'));
      // Assess
      assert.deepEqual(reason, ['FAILED', 'DIRECTORY_NOT_REACHABLE']);
      assert.equal(throttled.status, 429);
      assert.equal(throttled.errorType, 'ThrottlingException');
      assert.equal(emu.apiCalls['PcaConnectorAd.CreateDirectoryRegistration'], 2);
      assert.throws(() => emu.addFault(parseFault('DirectoryRegistrationLifecycle:Failed')), /must be one of/);
    } finally {
      await emu.stop();
    }
  });

  test('an SPN created under a ServicePrincipalNameLifecycle fault ends FAILED with that reason', async () => {
    // Prepare
    const { emu, ms } = await world({ registrationActiveAfterSeconds: 1, spnActiveAfterSeconds: 5 });
    try {
      const registration = String((await connectorApi(emu, 'POST', '/directoryRegistrations', { DirectoryId: ms })).json.DirectoryRegistrationArn);
      const connector = String((await connectorApi(emu, 'POST', '/connectors', { DirectoryId: ms, CertificateAuthorityArn: CA_ACTIVE, VpcInformation: { SecurityGroupIds: [SG_1] } })).json.ConnectorArn);
      emu.clock.advance(120);
      emu.addFault(parseFault('ServicePrincipalNameLifecycle:SPN_LIMIT_EXCEEDED'));
      const path = `/directoryRegistrations/${enc(registration)}/servicePrincipalNames/${enc(connector)}`;
      // Act
      await connectorApi(emu, 'POST', path, {});
      emu.clock.advance(5);
      // Assess
      assert.deepEqual(await status(emu, path, 'ServicePrincipalName'), ['FAILED', 'SPN_LIMIT_EXCEEDED']);
      assert.equal(emu.settledAtMs('servicePrincipalName', connector), emu.clock.now());
    } finally {
      await emu.stop();
    }
  });
});
