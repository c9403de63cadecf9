import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateDirectoryCommand, CreateMicrosoftADCommand, DescribeDirectoriesCommand } from '@aws-sdk/client-directory-service';
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CreateConnectorCommand, GetConnectorCommand } from '../../../../src/aws/pca-connector-ad/index.ts';
import { startEmulator } from '../../../../tools/local/emulator/index.ts';
import type { EmulatorSnapshot } from '../../../../tools/local/emulator/index.ts';
import { CA_ACTIVE, PASSWORD, SG_1, START_MS, SEED, clients, errorOf, microsoftAd, simpleAd, start } from './helpers.ts';

const SECRET_VALUE = 'Stored-Passw0rd-42!';

test('snapshot -> new emulator keeps directories, connectors, tokens, created secrets, events and the clock; never a password', async () => {
  // Prepare
  const first = await start();
  const c1 = clients(first);
  const active = (await c1.ds.send(new CreateMicrosoftADCommand(microsoftAd({ Name: 'keep.example.com' })))).DirectoryId ?? '';
  first.setOutcomes({ directory: { reason: 'AD setup failed' } });
  const failed = (await c1.ds.send(new CreateDirectoryCommand(simpleAd({ Name: 'bad.example.com' })))).DirectoryId ?? '';
  first.setOutcomes({});
  first.clock.advance(2220);
  const request = { DirectoryId: active, CertificateAuthorityArn: CA_ACTIVE, VpcInformation: { SecurityGroupIds: [SG_1] }, ClientToken: 'exec-token' };
  const { ConnectorArn = '' } = await c1.connector.send(new CreateConnectorCommand(request));
  const secret = await c1.sm.send(new CreateSecretCommand({ Name: 'req-1/password', SecretString: SECRET_VALUE }));
  await c1.events.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{"ok":true}' }] }));
  first.clock.advance(30);

  // Act
  const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as EmulatorSnapshot;
  await first.stop();
  const second = await startEmulator({ seed: SEED, snapshot });
  const c2 = clients(second);
  try {
    const described = await c2.ds.send(new DescribeDirectoriesCommand({}));
    const sameToken = await c2.connector.send(new CreateConnectorCommand(request));
    second.clock.advance(90);
    const connector = await c2.connector.send(new GetConnectorCommand({ ConnectorArn }));
    const newId = (await c2.ds.send(new CreateDirectoryCommand(simpleAd({ Name: 'new.example.com' })))).DirectoryId;
    const secretMeta = await c2.sm.send(new DescribeSecretCommand({ SecretId: secret.ARN }));
    const secretValue = await errorOf(c2.sm.send(new GetSecretValueCommand({ SecretId: secret.ARN })));

    // Assess
    const text = JSON.stringify(snapshot);
    assert.ok(!text.includes(PASSWORD), 'directory password in snapshot');
    assert.ok(!text.includes(SECRET_VALUE), 'secret value in snapshot');
    assert.ok(!/password"\s*:/i.test(text));
    assert.equal(second.clock.now(), START_MS + 2_340_000);
    assert.equal(second.clock.elapsedSeconds(), 2340);
    assert.deepEqual(described.DirectoryDescriptions?.map((d) => [d.DirectoryId, d.Stage, d.StageReason]), [
      [active, 'Active', undefined], [failed, 'Failed', 'AD setup failed'],
    ]);
    assert.equal(sameToken.ConnectorArn, ConnectorArn);
    assert.equal(connector.Connector?.Status, 'ACTIVE');
    assert.ok(newId && ![active, failed].includes(newId));
    assert.equal(secretMeta.Name, 'req-1/password');
    assert.equal(secretValue.name, 'ResourceNotFoundException');
    assert.deepEqual(second.events, [{ Source: 's', DetailType: 'd', Detail: { ok: true } }]);
    assert.deepEqual(second.counts(), {
      directories: 3, connectors: 1, directoryRegistrations: 0, servicePrincipalNames: 0, templates: 0, accessControlEntries: 0, resourceShares: 0,
      directoryDataAccessEnabled: 0, groupsCreated: 0,
    });
  } finally {
    await second.stop();
  }
});

test('the directory password never appears in any raw Directory Service response', async () => {
  // Prepare
  const emu = await start();
  const call = async (op: string, body: unknown): Promise<string> => {
    const res = await fetch(emu.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `DirectoryService_20150416.${op}`,
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ds/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify(body),
    });
    return `${res.status} ${[...res.headers].join(' ')} ${await res.text()}`;
  };
  try {
    // Act
    const bodies = [
      await call('CreateDirectory', simpleAd()),
      await call('CreateDirectory', simpleAd({ Password: 'weakpassword1' })),
      await call('CreateDirectory', simpleAd({ Name: '-', Password: 'Another-Passw0rd' })),
      await call('CreateMicrosoftAD', { ...simpleAd({ Password: 'Ms-Passw0rd-9' }), Size: undefined }),
      await call('DescribeDirectories', {}),
    ];
    // Assess
    assert.match(bodies[0] ?? '', /^200 /);
    assert.match(bodies[1] ?? '', /^400 .*ValidationException/);
    for (const b of bodies) for (const pw of [PASSWORD, 'weakpassword1', 'Another-Passw0rd', 'Ms-Passw0rd-9']) assert.ok(!b.includes(pw), pw);
    assert.ok(!JSON.stringify(emu.snapshot()).includes('Ms-Passw0rd-9'));
  } finally {
    await emu.stop();
  }
});
