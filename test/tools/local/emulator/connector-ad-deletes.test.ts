/**
 * The emulator's deletes of PCA Connector AD resources (directory registration, SPN, template, access entry): their
 * DELETING lifecycles on the simulated clock, the ConflictExceptions that enforce the teardown order, tags while
 * DELETING, the world counts, and Directory Service refusing DeleteDirectory while the directory is registered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateMicrosoftADCommand, DeleteDirectoryCommand, DescribeDirectoriesCommand } from '@aws-sdk/client-directory-service';
import {
  DeleteDirectoryRegistrationCommand,
  DeleteServicePrincipalNameCommand,
  DeleteTemplateCommand,
  DeleteTemplateGroupAccessControlEntryCommand,
  GetDirectoryRegistrationCommand,
  ListTagsForResourceCommand,
} from '../../../../src/aws/pca-connector-ad-sdk.ts';
import { classifyDeleteDirectoryError } from '../../../../src/domain/teardown.ts';
import { DirectoryHasAuthorizedApplicationsError } from '../../../../src/domain/teardown-errors.ts';
import type { Emulator } from '../../../../tools/local/emulator/index.ts';
import { CA_ACTIVE, SG_1, clients, connectorApi, errorOf, microsoftAd, start } from './helpers.ts';

const enc = encodeURIComponent;
const SID = 'S-1-5-21-1111111111-2222222222-3333333333-515';
const TEMPLATE_V2 = {
  TemplateV2: {
    CertificateValidity: { ValidityPeriod: { Period: 1, PeriodType: 'YEARS' }, RenewalPeriod: { Period: 6, PeriodType: 'WEEKS' } },
    EnrollmentFlags: {},
    Extensions: { KeyUsage: { UsageFlags: { DigitalSignature: true } } },
    GeneralFlags: { AutoEnrollment: true, MachineType: true },
    PrivateKeyAttributes: { KeySpec: 'KEY_EXCHANGE', MinimalKeyLength: 2048 },
    PrivateKeyFlags: { ClientVersion: 'WINDOWS_SERVER_2008' },
    SubjectNameFlags: { RequireDnsAsCn: true },
  },
};

interface World {
  emu: Emulator;
  directory: string;
  registration: string;
  connector: string;
  template: string;
  spnPath: string;
  acePath: string;
}

/** An Active Managed AD with an ACTIVE registration, connector and SPN, a template with one access entry. */
async function fullWorld(): Promise<World> {
  const emu = await start();
  const { ds } = clients(emu);
  const directory = (await ds.send(new CreateMicrosoftADCommand(microsoftAd({ Name: 'del.example.com' })))).DirectoryId ?? '';
  emu.clock.advance(2220);
  const registration = String((await connectorApi(emu, 'POST', '/directoryRegistrations', { DirectoryId: directory, Tags: { owner: 'reg' } })).json.DirectoryRegistrationArn);
  const connector = String((await connectorApi(emu, 'POST', '/connectors', { DirectoryId: directory, CertificateAuthorityArn: CA_ACTIVE, VpcInformation: { SecurityGroupIds: [SG_1] } })).json.ConnectorArn);
  emu.clock.advance(120);
  const spnPath = `/directoryRegistrations/${enc(registration)}/servicePrincipalNames/${enc(connector)}`;
  assert.equal((await connectorApi(emu, 'POST', spnPath, {})).status, 202);
  emu.clock.advance(30);
  const template = String((await connectorApi(emu, 'POST', '/templates', { ConnectorArn: connector, Name: 'Computers', Definition: TEMPLATE_V2, Tags: { owner: 'tpl' } })).json.TemplateArn);
  const acePath = `/templates/${enc(template)}/accessControlEntries`;
  const ace = await connectorApi(emu, 'POST', acePath, { GroupDisplayName: 'Domain Computers', GroupSecurityIdentifier: SID, AccessRights: { Enroll: 'ALLOW', AutoEnroll: 'ALLOW' } });
  assert.equal(ace.status, 200);
  return { emu, directory, registration, connector, template, spnPath, acePath };
}

const statusOf = async (emu: Emulator, path: string, key: string): Promise<unknown> =>
  (await connectorApi(emu, 'GET', path)).json[key] === undefined ? 'gone' : ((await connectorApi(emu, 'GET', path)).json[key] as { Status?: unknown }).Status;

describe('PCA Connector AD deletes in the emulator (teardown order)', () => {
  let w: World;
  let c: ReturnType<typeof clients>;
  before(async () => {
    w = await fullWorld();
    c = clients(w.emu);
  });
  after(() => w.emu.stop());

  test('out of order: each parent is refused with ConflictException while a child remains; DS refuses DeleteDirectory', async () => {
    // Act
    const registration = await connectorApi(w.emu, 'DELETE', `/directoryRegistrations/${enc(w.registration)}`);
    const connector = await connectorApi(w.emu, 'DELETE', `/connectors/${enc(w.connector)}`);
    const template = await connectorApi(w.emu, 'DELETE', `/templates/${enc(w.template)}`);
    const directory = await errorOf(c.ds.send(new DeleteDirectoryCommand({ DirectoryId: w.directory })));
    // Assess
    assert.deepEqual([registration.status, registration.errorType, registration.json.ResourceType], [409, 'ConflictException', 'SERVICE_PRINCIPAL_NAME']);
    assert.deepEqual([connector.status, connector.errorType, connector.json.ResourceType], [409, 'ConflictException', 'TEMPLATE']);
    assert.deepEqual([template.status, template.errorType, template.json.ResourceId], [409, 'ConflictException', SID]);
    assert.equal(directory.name, 'ClientException');
    assert.equal(directory.message, 'Cannot delete the directory because it still has authorized applications.');
    assert.ok(classifyDeleteDirectoryError(directory) instanceof DirectoryHasAuthorizedApplicationsError, 'the teardown recognizes the refusal');
    assert.deepEqual(w.emu.counts(), { directories: 1, connectors: 1, directoryRegistrations: 1, servicePrincipalNames: 1, templates: 1, accessControlEntries: 1, resourceShares: 0, directoryDataAccessEnabled: 0, groupsCreated: 0 });
  });

  test('ListTagsForResource answers for the registration and the template (their ARNs), URI-encoded by the SDK', async () => {
    const reg = await c.connector.send(new ListTagsForResourceCommand({ ResourceArn: w.registration }));
    const tpl = await c.connector.send(new ListTagsForResourceCommand({ ResourceArn: w.template }));
    const other = await errorOf(c.connector.send(new ListTagsForResourceCommand({ ResourceArn: `${w.template.slice(0, -4)}ffff` })));
    assert.deepEqual(reg.Tags, { owner: 'reg' });
    assert.deepEqual(tpl.Tags, { owner: 'tpl' });
    assert.deepEqual([other.name, other.ResourceType], ['ResourceNotFoundException', 'TEMPLATE']);
  });

  test('DeleteTemplateGroupAccessControlEntry (200): gone at once; again -> ResourceNotFoundException; bad SID -> ValidationException', async () => {
    // Act
    const out = await c.connector.send(new DeleteTemplateGroupAccessControlEntryCommand({ TemplateArn: w.template, GroupSecurityIdentifier: SID }));
    const got = await connectorApi(w.emu, 'GET', `${w.acePath}/${SID}`);
    const again = await connectorApi(w.emu, 'DELETE', `${w.acePath}/${SID}`);
    const badSid = await connectorApi(w.emu, 'DELETE', `${w.acePath}/S-1`);
    // Assess
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(got.status, 404);
    assert.deepEqual([again.status, again.errorType], [404, 'ResourceNotFoundException']);
    assert.deepEqual([badSid.status, badSid.errorType], [400, 'ValidationException']);
    assert.match(String(badSid.json.Message), /groupSecurityIdentifier/);
    assert.equal(w.emu.counts().accessControlEntries, 0);
  });

  test('DeleteTemplate (202): DELETING for 10 s (listed, tagged, no new entries), then gone; deleting again while DELETING is accepted', async () => {
    // Act
    const out = await c.connector.send(new DeleteTemplateCommand({ TemplateArn: w.template }));
    const deleting = await statusOf(w.emu, `/templates/${enc(w.template)}`, 'Template');
    const again = await connectorApi(w.emu, 'DELETE', `/templates/${enc(w.template)}`);
    const listed = await connectorApi(w.emu, 'GET', `/templates?ConnectorArn=${enc(w.connector)}`);
    const newEntry = await connectorApi(w.emu, 'POST', w.acePath, { GroupDisplayName: 'x', GroupSecurityIdentifier: SID, AccessRights: { Enroll: 'ALLOW' } });
    const tags = await c.connector.send(new ListTagsForResourceCommand({ ResourceArn: w.template }));
    const counted = w.emu.counts().templates;
    w.emu.clock.advance(9);
    const almost = await statusOf(w.emu, `/templates/${enc(w.template)}`, 'Template');
    w.emu.clock.advance(1);
    const gone = await connectorApi(w.emu, 'GET', `/templates/${enc(w.template)}`);
    const listedAfter = await connectorApi(w.emu, 'GET', `/templates?ConnectorArn=${enc(w.connector)}`);
    const deleteGone = await errorOf(c.connector.send(new DeleteTemplateCommand({ TemplateArn: w.template })));
    // Assess
    assert.equal(out.$metadata.httpStatusCode, 202);
    assert.deepEqual([deleting, again.status, almost], ['DELETING', 202, 'DELETING']);
    assert.deepEqual((listed.json.Templates as { Status: string }[]).map((t) => t.Status), ['DELETING']);
    assert.equal(newEntry.status, 404);
    assert.deepEqual(tags.Tags, { owner: 'tpl' });
    assert.equal(counted, 0, 'a DELETING template is not counted');
    assert.deepEqual([gone.status, gone.errorType], [404, 'ResourceNotFoundException']);
    assert.deepEqual(listedAfter.json.Templates, []);
    assert.equal(deleteGone.name, 'ResourceNotFoundException');
  });

  test('DeleteServicePrincipalName (202): DELETING for 15 s, then gone; the connector is refused until then', async () => {
    // Act
    const out = await c.connector.send(new DeleteServicePrincipalNameCommand({ DirectoryRegistrationArn: w.registration, ConnectorArn: w.connector }));
    const deleting = await statusOf(w.emu, w.spnPath, 'ServicePrincipalName');
    const again = await connectorApi(w.emu, 'DELETE', w.spnPath);
    const connectorRefused = await connectorApi(w.emu, 'DELETE', `/connectors/${enc(w.connector)}`);
    const counted = w.emu.counts().servicePrincipalNames;
    w.emu.clock.advance(15);
    const gone = await connectorApi(w.emu, 'GET', w.spnPath);
    const listed = await connectorApi(w.emu, 'GET', `/directoryRegistrations/${enc(w.registration)}/servicePrincipalNames`);
    const deleteGone = await connectorApi(w.emu, 'DELETE', w.spnPath);
    // Assess
    assert.equal(out.$metadata.httpStatusCode, 202);
    assert.deepEqual([deleting, again.status], ['DELETING', 202]);
    assert.deepEqual([connectorRefused.status, connectorRefused.json.ResourceType], [409, 'SERVICE_PRINCIPAL_NAME']);
    assert.equal(counted, 0);
    assert.equal(gone.status, 404);
    assert.deepEqual(listed.json.ServicePrincipalNames, []);
    assert.equal(deleteGone.status, 404);
  });

  test('DeleteDirectoryRegistration: refused while the connector exists (DELETING too); then DELETING 30 s, then gone; DS DeleteDirectory only then', async () => {
    // Prepare
    assert.equal((await connectorApi(w.emu, 'DELETE', `/connectors/${enc(w.connector)}`)).status, 202);
    // Act
    const whileConnectorDeleting = await errorOf(c.connector.send(new DeleteDirectoryRegistrationCommand({ DirectoryRegistrationArn: w.registration })));
    w.emu.clock.advance(30);
    const out = await c.connector.send(new DeleteDirectoryRegistrationCommand({ DirectoryRegistrationArn: w.registration }));
    const deleting = (await c.connector.send(new GetDirectoryRegistrationCommand({ DirectoryRegistrationArn: w.registration }))).DirectoryRegistration;
    const again = await connectorApi(w.emu, 'DELETE', `/directoryRegistrations/${enc(w.registration)}`);
    const tags = await c.connector.send(new ListTagsForResourceCommand({ ResourceArn: w.registration }));
    const dsWhileDeleting = await errorOf(c.ds.send(new DeleteDirectoryCommand({ DirectoryId: w.directory })));
    const counted = w.emu.counts().directoryRegistrations;
    w.emu.clock.advance(29);
    const almost = await statusOf(w.emu, `/directoryRegistrations/${enc(w.registration)}`, 'DirectoryRegistration');
    w.emu.clock.advance(1);
    const gone = await errorOf(c.connector.send(new GetDirectoryRegistrationCommand({ DirectoryRegistrationArn: w.registration })));
    const listed = await connectorApi(w.emu, 'GET', '/directoryRegistrations');
    const tagsGone = await errorOf(c.connector.send(new ListTagsForResourceCommand({ ResourceArn: w.registration })));
    const deleteGone = await connectorApi(w.emu, 'DELETE', `/directoryRegistrations/${enc(w.registration)}`);
    const deleted = await c.ds.send(new DeleteDirectoryCommand({ DirectoryId: w.directory }));
    const stage = (await c.ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [w.directory] }))).DirectoryDescriptions?.[0]?.Stage;
    // Assess
    assert.deepEqual([whileConnectorDeleting.name, whileConnectorDeleting.ResourceType], ['ConflictException', 'CONNECTOR']);
    assert.equal(out.$metadata.httpStatusCode, 202);
    assert.equal(deleting?.Status, 'DELETING');
    assert.equal(deleting?.UpdatedAt?.getTime(), w.emu.clock.now() - 30_000);
    assert.equal(again.status, 202);
    assert.deepEqual(tags.Tags, { owner: 'reg' });
    assert.equal(dsWhileDeleting.name, 'ClientException');
    assert.match(dsWhileDeleting.message, /authorized applications/);
    assert.equal(counted, 0);
    assert.equal(almost, 'DELETING');
    assert.equal(gone.name, 'ResourceNotFoundException');
    assert.deepEqual(listed.json.DirectoryRegistrations, []);
    assert.equal(tagsGone.name, 'ResourceNotFoundException');
    assert.equal(deleteGone.status, 404);
    assert.equal(deleted.DirectoryId, w.directory);
    assert.equal(stage, 'Deleting');
    assert.deepEqual(w.emu.counts(), { directories: 0, connectors: 0, directoryRegistrations: 0, servicePrincipalNames: 0, templates: 0, accessControlEntries: 0, resourceShares: 0, directoryDataAccessEnabled: 0, groupsCreated: 0 });
  });
});

describe('PCA Connector AD deletes: CREATING resources, validation, re-registration, snapshot', () => {
  let emu: Emulator;
  let directory: string;
  before(async () => {
    emu = await start();
    directory = (await clients(emu).ds.send(new CreateMicrosoftADCommand(microsoftAd({ Name: 'new.example.com' })))).DirectoryId ?? '';
    emu.clock.advance(2220);
  });
  after(() => emu.stop());

  test('a registration or SPN still CREATING cannot be deleted (ConflictException); an ARN off the model pattern is a ValidationException', async () => {
    // Prepare
    const registration = String((await connectorApi(emu, 'POST', '/directoryRegistrations', { DirectoryId: directory })).json.DirectoryRegistrationArn);
    // Act
    const creating = await connectorApi(emu, 'DELETE', `/directoryRegistrations/${enc(registration)}`);
    emu.clock.advance(60);
    const connector = String((await connectorApi(emu, 'POST', '/connectors', { DirectoryId: directory, CertificateAuthorityArn: CA_ACTIVE, VpcInformation: { SecurityGroupIds: [SG_1] } })).json.ConnectorArn);
    emu.clock.advance(120);
    const spnPath = `/directoryRegistrations/${enc(registration)}/servicePrincipalNames/${enc(connector)}`;
    await connectorApi(emu, 'POST', spnPath, {});
    const spnCreating = await connectorApi(emu, 'DELETE', spnPath);
    const badArn = await connectorApi(emu, 'DELETE', `/directoryRegistrations/${enc('arn:aws:pca-connector-ad:us-east-1:111122223333:directory-registration/d-XYZ')}`);
    const badTemplate = await connectorApi(emu, 'DELETE', `/templates/${enc(`${connector}/template/nope`)}`);
    // Assess
    assert.deepEqual([creating.status, creating.errorType, creating.json.ResourceType], [409, 'ConflictException', 'DIRECTORY_REGISTRATION']);
    assert.deepEqual([spnCreating.status, spnCreating.errorType], [409, 'ConflictException']);
    assert.deepEqual([badArn.status, badArn.errorType], [400, 'ValidationException']);
    assert.match(String(badArn.json.Message), /'directoryRegistrationArn'.*pattern/);
    assert.deepEqual([badTemplate.status, badTemplate.errorType], [400, 'ValidationException']);
  });

  test('DELETING survives a snapshot; once gone, the directory can be registered again under the same ARN', async () => {
    // Prepare: clear the SPN and the connector of the previous test
    const registration = `arn:aws:pca-connector-ad:us-east-1:111122223333:directory-registration/${directory}`;
    const connector = String(((await connectorApi(emu, 'GET', '/connectors')).json.Connectors as { Arn: string }[])[0]?.Arn);
    emu.clock.advance(30);
    assert.equal((await connectorApi(emu, 'DELETE', `/directoryRegistrations/${enc(registration)}/servicePrincipalNames/${enc(connector)}`)).status, 202);
    emu.clock.advance(15);
    assert.equal((await connectorApi(emu, 'DELETE', `/connectors/${enc(connector)}`)).status, 202);
    emu.clock.advance(30);
    assert.equal((await connectorApi(emu, 'DELETE', `/directoryRegistrations/${enc(registration)}`)).status, 202);
    // Act
    const next = await start({ snapshot: emu.snapshot() });
    let restored: unknown;
    try {
      next.clock.advance((emu.clock.now() - next.clock.now()) / 1000);
      restored = await statusOf(next, `/directoryRegistrations/${enc(registration)}`, 'DirectoryRegistration');
    } finally {
      await next.stop();
    }
    const duringDelete = await connectorApi(emu, 'POST', '/directoryRegistrations', { DirectoryId: directory });
    emu.clock.advance(30);
    const again = await connectorApi(emu, 'POST', '/directoryRegistrations', { DirectoryId: directory });
    const status = await statusOf(emu, `/directoryRegistrations/${enc(registration)}`, 'DirectoryRegistration');
    // Assess
    assert.equal(restored, 'DELETING');
    assert.deepEqual([duringDelete.status, duringDelete.errorType], [409, 'ConflictException']);
    assert.deepEqual([again.status, again.json.DirectoryRegistrationArn], [202, registration]);
    assert.equal(status, 'CREATING');
    assert.equal(emu.counts().directoryRegistrations, 1);
    assert.equal(emu.settledAtMs('directoryRegistration', registration), emu.clock.now() + 60_000, 'the new registration settles');
  });
});
