import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DescribeCertificateAuthorityCommand } from '@aws-sdk/client-acm-pca';
import { CreateMicrosoftADCommand, DescribeDirectoriesCommand } from '@aws-sdk/client-directory-service';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { CA_ACTIVE, SG_1, SUBNET_A, clients, connectorApi, microsoftAd, start } from './helpers.ts';

test('happy path across all six services', async () => {
  // Prepare
  const emu = await start({ directoryActiveAfterSeconds: 600, connectorActiveAfterSeconds: 120 });
  const c = clients(emu);
  try {
    // Act
    const secret = await c.sm.send(new GetSecretValueCommand({ SecretId: 'ad-cert-orchestrator/ad-admin-password' }));
    const subnets = await c.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [SUBNET_A] }));
    const ca = await c.pca.send(new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: CA_ACTIVE }));
    const { DirectoryId } = await c.ds.send(new CreateMicrosoftADCommand(microsoftAd()));
    const first = await c.ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [DirectoryId ?? ''] }));
    emu.clock.advance(2220);
    const later = await c.ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [DirectoryId ?? ''] }));
    const created = await connectorApi(emu, 'POST', '/connectors', {
      DirectoryId, CertificateAuthorityArn: CA_ACTIVE, VpcInformation: { SecurityGroupIds: [SG_1] }, ClientToken: 'tok-1',
    });
    const put = await c.events.send(new PutEventsCommand({ Entries: [{ Source: 'test', DetailType: 'T', Detail: '{"a":1}' }] }));

    // Assess
    assert.equal(secret.SecretString, 'Corp-Adm1n-Passw0rd!');
    assert.equal(subnets.Subnets?.[0]?.AvailabilityZone, 'us-east-1a');
    assert.equal(ca.CertificateAuthority?.Status, 'ACTIVE');
    assert.match(DirectoryId ?? '', /^d-[0-9a-f]{10}$/);
    assert.equal(first.DirectoryDescriptions?.[0]?.Stage, 'Requested');
    assert.equal(later.DirectoryDescriptions?.[0]?.Stage, 'Active');
    assert.equal(created.status, 202);
    assert.match(String(created.json.ConnectorArn), /^arn:aws:pca-connector-ad:us-east-1:111122223333:connector\/[0-9a-f-]{36}$/);
    assert.equal(put.FailedEntryCount, 0);
    assert.deepEqual(emu.events, [{ Source: 'test', DetailType: 'T', Detail: { a: 1 } }]);
    assert.equal(emu.apiCalls['DirectoryService.DescribeDirectories'], 2);
  } finally {
    await emu.stop();
  }
});
