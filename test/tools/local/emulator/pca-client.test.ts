import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateMicrosoftADCommand } from '@aws-sdk/client-directory-service';
import {
  CreateConnectorCommand, DeleteConnectorCommand, GetConnectorCommand, ListConnectorsCommand, paginateListConnectors,
} from '../../../../src/aws/pca-connector-ad/index.ts';
import type { PcaConnectorAdClient } from '../../../../src/aws/pca-connector-ad/index.ts';
import type { Emulator } from '../../../../tools/local/emulator/index.ts';
import { CA_ACTIVE, SG_1, clients, errorOf, microsoftAd, start } from './helpers.ts';

describe('PCA Connector AD through the project SDK client', () => {
  let emu: Emulator;
  let pca: PcaConnectorAdClient;
  const dirs: string[] = [];
  before(async () => {
    emu = await start();
    const c = clients(emu);
    pca = c.connector;
    for (const n of [0, 1, 2]) dirs.push((await c.ds.send(new CreateMicrosoftADCommand(microsoftAd({ Name: `c${n}.example.com` })))).DirectoryId ?? '');
    emu.clock.advance(2220);
  });
  after(() => emu.stop());

  const input = (DirectoryId: string, ClientToken?: string) => ({
    DirectoryId, CertificateAuthorityArn: CA_ACTIVE, VpcInformation: { IpAddressType: 'IPV4' as const, SecurityGroupIds: [SG_1] }, ...(ClientToken ? { ClientToken } : {}),
  });

  test('Create, Get (ARN in the path), List with the paginator, Delete', async () => {
    // Act
    const { ConnectorArn = '' } = await pca.send(new CreateConnectorCommand(input(dirs[0] ?? '', 'tok-a')));
    const again = await pca.send(new CreateConnectorCommand(input(dirs[0] ?? '', 'tok-a')));
    await pca.send(new CreateConnectorCommand(input(dirs[1] ?? '')));
    const got = await pca.send(new GetConnectorCommand({ ConnectorArn }));
    emu.clock.advance(120);
    const active = await pca.send(new GetConnectorCommand({ ConnectorArn }));
    const listed: string[] = [];
    for await (const page of paginateListConnectors({ client: pca, pageSize: 1 }, {})) listed.push(...(page.Connectors ?? []).map((c) => c.Arn ?? ''));
    await pca.send(new DeleteConnectorCommand({ ConnectorArn }));
    const afterDelete = await pca.send(new ListConnectorsCommand({}));
    // Assess
    assert.equal(again.ConnectorArn, ConnectorArn);
    assert.equal(got.Connector?.Status, 'CREATING');
    assert.ok(got.Connector?.CreatedAt instanceof Date);
    assert.equal(active.Connector?.Status, 'ACTIVE');
    assert.equal(listed.length, 2);
    assert.equal(listed[0], ConnectorArn);
    assert.equal(afterDelete.Connectors?.find((c) => c.Arn === ConnectorArn)?.Status, 'DELETING');
  });

  test('modelled errors come back as the client\'s error classes with their members', async () => {
    // Act
    const conflict = await errorOf(pca.send(new CreateConnectorCommand(input(dirs[1] ?? ''))));
    const notFound = await errorOf(pca.send(new CreateConnectorCommand(input('d-0123456789'))));
    // Assess
    assert.equal(conflict.name, 'ConflictException');
    assert.equal(conflict.$metadata?.httpStatusCode, 409);
    assert.equal(conflict.ResourceType, 'CONNECTOR');
    assert.equal(notFound.name, 'ResourceNotFoundException');
    assert.equal(notFound.ResourceType, 'DIRECTORY');
    assert.equal(notFound.ResourceId, 'd-0123456789');
  });

  test('each of the 7 CreateConnector errors via faults, with its status code', async () => {
    const expected: [string, number][] = [
      ['AccessDeniedException', 403], ['ValidationException', 400], ['ResourceNotFoundException', 404], ['ThrottlingException', 429],
      ['ServiceQuotaExceededException', 402], ['InternalServerException', 500], ['ConflictException', 409],
    ];
    for (const [name, status] of expected) {
      // Prepare
      emu.addFault({ operation: 'PcaConnectorAd.CreateConnector', error: name });
      // Act
      const err = await errorOf(pca.send(new CreateConnectorCommand(input(dirs[2] ?? ''))));
      // Assess
      assert.equal(err.name, name);
      assert.equal(err.$metadata?.httpStatusCode, status, name);
      assert.equal(typeof err.message, 'string');
    }
    assert.equal(emu.counts().connectors, 1);
  });
});
