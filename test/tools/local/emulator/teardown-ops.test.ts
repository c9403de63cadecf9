/** The emulator's teardown operations through the SDK clients: connector tags, DeleteSecret, ListSecrets, faults on the deletes. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateMicrosoftADCommand, DeleteDirectoryCommand } from '@aws-sdk/client-directory-service';
import { CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { CreateConnectorCommand, DeleteConnectorCommand, ListTagsForResourceCommand } from '../../../../src/aws/pca-connector-ad/index.ts';
import type { Emulator } from '../../../../tools/local/emulator/index.ts';
import { CA_ACTIVE, SG_1, clients, errorOf, microsoftAd, start } from './helpers.ts';

describe('emulator: what the teardown calls', () => {
  let emu: Emulator;
  let c: ReturnType<typeof clients>;
  let directoryId = '';
  before(async () => {
    emu = await start();
    c = clients(emu);
    // A Managed Microsoft AD: Connector for AD does not support Simple AD
    directoryId = (await c.ds.send(new CreateMicrosoftADCommand(microsoftAd()))).DirectoryId ?? '';
    emu.clock.advance(2220);
  });
  after(() => emu.stop());

  test('ListTagsForResource returns a connector\'s tags until it is gone; a malformed ARN is a ValidationException', async () => {
    const { ConnectorArn = '' } = await c.connector.send(new CreateConnectorCommand({
      DirectoryId: directoryId, CertificateAuthorityArn: CA_ACTIVE, VpcInformation: { SecurityGroupIds: [SG_1] }, Tags: { owner: 'me' },
    }));
    assert.deepEqual((await c.connector.send(new ListTagsForResourceCommand({ ResourceArn: ConnectorArn }))).Tags, { owner: 'me' });
    await c.connector.send(new DeleteConnectorCommand({ ConnectorArn }));
    assert.deepEqual((await c.connector.send(new ListTagsForResourceCommand({ ResourceArn: ConnectorArn }))).Tags, { owner: 'me' }, 'still there while DELETING');
    emu.clock.advance(60);
    assert.equal((await errorOf(c.connector.send(new ListTagsForResourceCommand({ ResourceArn: ConnectorArn })))).name, 'ResourceNotFoundException');
    assert.equal((await errorOf(c.connector.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:nope' })))).name, 'ValidationException');
  });

  test('DeleteSecret schedules the deletion (7-30 days); the secret is then unreadable and cannot be deleted again', async () => {
    await c.sm.send(new CreateSecretCommand({ Name: 'ad-cert-orchestrator/x/admin-password', SecretString: 'Sup3r-Secret!' }));
    const bad = await errorOf(c.sm.send(new DeleteSecretCommand({ SecretId: 'ad-cert-orchestrator/x/admin-password', RecoveryWindowInDays: 3 })));
    assert.equal(bad.name, 'InvalidParameterException');
    const out = await c.sm.send(new DeleteSecretCommand({ SecretId: 'ad-cert-orchestrator/x/admin-password', RecoveryWindowInDays: 7 }));
    assert.ok(out.DeletionDate instanceof Date);
    const described = await c.sm.send(new DescribeSecretCommand({ SecretId: 'ad-cert-orchestrator/x/admin-password' }));
    assert.ok(described.DeletedDate instanceof Date);
    assert.equal((await errorOf(c.sm.send(new GetSecretValueCommand({ SecretId: 'ad-cert-orchestrator/x/admin-password' })))).name, 'InvalidRequestException');
    const twice = await errorOf(c.sm.send(new DeleteSecretCommand({ SecretId: 'ad-cert-orchestrator/x/admin-password', RecoveryWindowInDays: 7 })));
    assert.equal(twice.name, 'InvalidRequestException');
    assert.match(twice.message, /scheduled for deletion/);
    assert.equal((await errorOf(c.sm.send(new DeleteSecretCommand({ SecretId: 'nope' })))).name, 'ResourceNotFoundException');
  });

  test('ListSecrets: tag filters match prefixes, ANDed across filters; no value; scheduled deletions only when asked; bad filters refused', async () => {
    const tagged = (name: string, value: string) =>
      c.sm.send(new CreateSecretCommand({ Name: name, SecretString: 'Sup3r-Secret!', Tags: [{ Key: 'team:directory', Value: value }] }));
    await tagged('list/a', 'abc123');
    await tagged('list/b', 'abd999');
    const names = async (filters: { Key: 'tag-key' | 'tag-value' | 'name'; Values: string[] }[], IncludePlannedDeletion?: boolean) =>
      ((await c.sm.send(new ListSecretsCommand({ Filters: filters, ...(IncludePlannedDeletion ? { IncludePlannedDeletion } : {}) }))).SecretList ?? []).map((e) => e.Name).sort();
    assert.deepEqual(await names([{ Key: 'tag-key', Values: ['team:dir'] }, { Key: 'tag-value', Values: ['abc'] }]), ['list/a']);
    assert.deepEqual(await names([{ Key: 'tag-value', Values: ['ab'] }]), ['list/a', 'list/b']);
    assert.deepEqual(await names([{ Key: 'tag-value', Values: ['!abc'] }, { Key: 'name', Values: ['list/'] }]), ['list/b']);
    const listed = await c.sm.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['list/a'] }] }));
    assert.doesNotMatch(JSON.stringify(listed), /Sup3r-Secret!/, 'never a value');
    await c.sm.send(new DeleteSecretCommand({ SecretId: 'list/a', RecoveryWindowInDays: 7 }));
    assert.deepEqual(await names([{ Key: 'name', Values: ['list/'] }]), ['list/b']);
    assert.deepEqual(await names([{ Key: 'name', Values: ['list/'] }], true), ['list/a', 'list/b']);
    const bad = await errorOf(c.sm.send(new ListSecretsCommand({ Filters: [{ Key: 'colour' as 'name', Values: ['x'] }] })));
    assert.equal(bad.name, 'InvalidParameterException');
    assert.equal((await errorOf(c.sm.send(new ListSecretsCommand({ MaxResults: 101 })))).name, 'InvalidParameterException');
  });

  test('--fault applies to the deletes, with the message given (the authorized-applications refusal)', async () => {
    const message = 'Cannot delete the directory because it still has authorized applications.';
    emu.addFault({ operation: 'DeleteDirectory', error: 'ClientException', count: 1, message });
    const refused = await errorOf(c.ds.send(new DeleteDirectoryCommand({ DirectoryId: directoryId })));
    assert.equal(refused.name, 'ClientException');
    assert.equal(refused.message, message);
    assert.equal((await c.ds.send(new DeleteDirectoryCommand({ DirectoryId: directoryId }))).DirectoryId, directoryId);
  });
});
