/**
 * The emulator's in-place changes of PCA Connector AD resources: UpdateTemplate, UpdateTemplateGroupAccessControlEntry
 * and TagResource, through the project's client, checked against the service model's shapes and errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateMicrosoftADCommand } from '@aws-sdk/client-directory-service';
import {
  CreateConnectorCommand,
  CreateTemplateCommand,
  CreateTemplateGroupAccessControlEntryCommand,
  DeleteTemplateCommand,
  DeleteTemplateGroupAccessControlEntryCommand,
  GetTemplateCommand,
  GetTemplateGroupAccessControlEntryCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UpdateTemplateCommand,
  UpdateTemplateGroupAccessControlEntryCommand,
  ValidationException,
} from '../../../../src/aws/pca-connector-ad/index.ts';
import type { TemplateDefinition } from '../../../../src/aws/pca-connector-ad/index.ts';
import type { Emulator } from '../../../../tools/local/emulator/index.ts';
import { CA_ACTIVE, SG_1, TEMPLATE_V2, clients, microsoftAd, start } from './helpers.ts';

const SID = 'S-1-5-21-1111111111-2222222222-3333333333-515';
const twoYears = (): TemplateDefinition => {
  const d = structuredClone(TEMPLATE_V2);
  d.TemplateV2.CertificateValidity.ValidityPeriod.Period = 2;
  return d as TemplateDefinition;
};

describe('PCA Connector AD: UpdateTemplate, UpdateTemplateGroupAccessControlEntry, TagResource', () => {
  let emu: Emulator;
  let client: ReturnType<typeof clients>['connector'];
  let template: string;
  before(async () => {
    emu = await start();
    const c = clients(emu);
    client = c.connector;
    const directoryId = (await c.ds.send(new CreateMicrosoftADCommand(microsoftAd({ Name: 'ms.example.com' })))).DirectoryId ?? '';
    emu.clock.advance(2220);
    const connector = (await client.send(new CreateConnectorCommand({ DirectoryId: directoryId, CertificateAuthorityArn: CA_ACTIVE, VpcInformation: { SecurityGroupIds: [SG_1] } }))).ConnectorArn ?? '';
    emu.clock.advance(300);
    template = (await client.send(new CreateTemplateCommand({ ConnectorArn: connector, Name: 'Computers', Definition: TEMPLATE_V2 as TemplateDefinition, Tags: { team: 'pki' } }))).TemplateArn ?? '';
    await client.send(new CreateTemplateGroupAccessControlEntryCommand({ TemplateArn: template, GroupSecurityIdentifier: SID, GroupDisplayName: 'Domain Computers', AccessRights: { Enroll: 'ALLOW', AutoEnroll: 'ALLOW' } }));
  });
  after(() => emu.stop());

  test('UpdateTemplate replaces the definition: minor revision +1; with ReenrollAllCertificateHolders major +1, minor 0', async () => {
    const before = (await client.send(new GetTemplateCommand({ TemplateArn: template }))).Template;
    emu.clock.advance(60);
    const out = await client.send(new UpdateTemplateCommand({ TemplateArn: template, Definition: twoYears() }));
    const updated = (await client.send(new GetTemplateCommand({ TemplateArn: template }))).Template;
    await client.send(new UpdateTemplateCommand({ TemplateArn: template, Definition: twoYears(), ReenrollAllCertificateHolders: true }));
    const reenrolled = (await client.send(new GetTemplateCommand({ TemplateArn: template }))).Template;
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.deepEqual(updated?.Definition, twoYears());
    assert.deepEqual([before?.Revision, updated?.Revision, reenrolled?.Revision], [
      { MajorRevision: 100, MinorRevision: 0 },
      { MajorRevision: 100, MinorRevision: 1 },
      { MajorRevision: 101, MinorRevision: 0 },
    ]);
    assert.ok((updated?.UpdatedAt?.getTime() ?? 0) > (before?.UpdatedAt?.getTime() ?? 0));
  });

  test('UpdateTemplateGroupAccessControlEntry changes the members it is given, nothing else', async () => {
    await client.send(new UpdateTemplateGroupAccessControlEntryCommand({ TemplateArn: template, GroupSecurityIdentifier: SID, AccessRights: { Enroll: 'ALLOW', AutoEnroll: 'DENY' } }));
    const rights = (await client.send(new GetTemplateGroupAccessControlEntryCommand({ TemplateArn: template, GroupSecurityIdentifier: SID }))).AccessControlEntry;
    await client.send(new UpdateTemplateGroupAccessControlEntryCommand({ TemplateArn: template, GroupSecurityIdentifier: SID, GroupDisplayName: 'Servers' }));
    const renamed = (await client.send(new GetTemplateGroupAccessControlEntryCommand({ TemplateArn: template, GroupSecurityIdentifier: SID }))).AccessControlEntry;
    assert.deepEqual([rights?.AccessRights, rights?.GroupDisplayName], [{ Enroll: 'ALLOW', AutoEnroll: 'DENY' }, 'Domain Computers']);
    assert.deepEqual([renamed?.AccessRights, renamed?.GroupDisplayName], [{ Enroll: 'ALLOW', AutoEnroll: 'DENY' }, 'Servers']);
  });

  test('TagResource adds tags and overwrites a key already there (204); ListTagsForResource shows them', async () => {
    const out = await client.send(new TagResourceCommand({ ResourceArn: template, Tags: { team: 'platform', env: 'prod' } }));
    const tags = (await client.send(new ListTagsForResourceCommand({ ResourceArn: template }))).Tags;
    assert.equal(out.$metadata.httpStatusCode, 204);
    assert.deepEqual(tags, { team: 'platform', env: 'prod' });
  });

  test('the model\'s errors: a malformed definition or SID is a ValidationException; an unknown entry, a gone template are not found', async () => {
    await assert.rejects(
      client.send(new UpdateTemplateCommand({ TemplateArn: template, Definition: { TemplateV2: { Nonsense: 1 } } as unknown as TemplateDefinition })),
      ValidationException,
    );
    await assert.rejects(
      client.send(new UpdateTemplateGroupAccessControlEntryCommand({ TemplateArn: template, GroupSecurityIdentifier: 'S-1-5-21-1-2-3-999', GroupDisplayName: 'x' })),
      ResourceNotFoundException,
    );
    await assert.rejects(client.send(new TagResourceCommand({ ResourceArn: 'arn:aws:s3:::bucket', Tags: { a: 'b' } })), ValidationException);
    await client.send(new DeleteTemplateGroupAccessControlEntryCommand({ TemplateArn: template, GroupSecurityIdentifier: SID }));
    await client.send(new DeleteTemplateCommand({ TemplateArn: template }));
    await assert.rejects(client.send(new UpdateTemplateCommand({ TemplateArn: template, Definition: twoYears() })), ResourceNotFoundException);
  });
});
