/**
 * The emulator's AWS RAM: sharing the private CA with the Connector for AD service principal through the real SDK
 * client (rest-json), finding the share again, and the errors AWS documents for bad requests.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateResourceShareCommand, DeleteResourceShareCommand, GetResourceShareAssociationsCommand, GetResourceSharesCommand,
  ListResourceSharePermissionsCommand,
} from '@aws-sdk/client-ram';
import type { Emulator } from '../../../../tools/local/emulator/index.ts';
import { parseFault } from '../../../../tools/local/emulator/index.ts';
import { CA_ACTIVE, clients, errorOf, start } from './helpers.ts';

const PRINCIPAL = 'pca-connector-ad.amazonaws.com';
const PERMISSION = 'arn:aws:ram::aws:permission/AWSRAMBlankEndEntityCertificateAPIPassthroughIssuanceCertificateAuthority';
const share = (over: Record<string, unknown> = {}) => ({
  name: 'ad-cert-orchestrator-ca', resourceArns: [CA_ACTIVE], principals: [PRINCIPAL], sources: ['111122223333'], permissionArns: [PERMISSION],
  tags: [{ key: 'ad-cert-orchestrator:managed-by', value: 'ad-cert-orchestrator' }], ...over,
});

describe('RAM', () => {
  let emu: Emulator;
  before(async () => {
    emu = await start();
  });
  after(() => emu.stop());

  test('CreateResourceShare with the service principal: ACTIVE share, principal ASSOCIATING for 5 s then ASSOCIATED; clientToken replays', async () => {
    // Prepare
    const { ram } = clients(emu);
    // Act
    const created = await ram.send(new CreateResourceShareCommand({ ...share(), clientToken: 'token-1' }));
    const again = await ram.send(new CreateResourceShareCommand({ ...share(), clientToken: 'token-1' }));
    const mismatch = await errorOf(ram.send(new CreateResourceShareCommand({ ...share({ name: 'other' }), clientToken: 'token-1' })));
    const arn = created.resourceShare?.resourceShareArn ?? '';
    const byResource = await ram.send(new GetResourceShareAssociationsCommand({ associationType: 'RESOURCE', resourceArn: CA_ACTIVE }));
    const principal = () => ram.send(new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceShareArns: [arn] }));
    const early = (await principal()).resourceShareAssociations?.map((a) => [a.associatedEntity, a.status]);
    emu.clock.advance(5);
    const later = (await principal()).resourceShareAssociations?.map((a) => [a.associatedEntity, a.status]);
    const mine = await ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', resourceShareArns: [arn], resourceShareStatus: 'ACTIVE' }));
    const permissions = await ram.send(new ListResourceSharePermissionsCommand({ resourceShareArn: arn }));
    // Assess
    assert.match(arn, /^arn:aws:ram:us-east-1:111122223333:resource-share\/[0-9a-f-]{36}$/);
    assert.equal(created.resourceShare?.status, 'ACTIVE');
    assert.equal(again.resourceShare?.resourceShareArn, arn);
    assert.equal(mismatch.name, 'IdempotentParameterMismatchException');
    assert.deepEqual(byResource.resourceShareAssociations?.map((a) => [a.resourceShareArn, a.status]), [[arn, 'ASSOCIATED']]);
    assert.deepEqual([early, later], [[[PRINCIPAL, 'ASSOCIATING']], [[PRINCIPAL, 'ASSOCIATED']]]);
    assert.deepEqual(mine.resourceShares?.map((s) => s.name), ['ad-cert-orchestrator-ca']);
    assert.deepEqual(permissions.permissions?.map((p) => p.arn), [PERMISSION]);
    assert.equal(emu.counts().resourceShares, 1);
  });

  test('errors of the model: malformed ARN, unknown resource or permission, mixed principals, PRINCIPAL + resourceArn, bad owner', async () => {
    const { ram } = clients(emu);
    const cases: [string, () => Promise<unknown>, string][] = [
      ['malformed resource ARN', () => ram.send(new CreateResourceShareCommand(share({ resourceArns: ['not-an-arn'] }))), 'MalformedArnException'],
      ['unknown CA', () => ram.send(new CreateResourceShareCommand(share({ resourceArns: [CA_ACTIVE.replace('5555', 'aaaa')] }))), 'UnknownResourceException'],
      ['unknown permission', () => ram.send(new CreateResourceShareCommand(share({ permissionArns: ['arn:aws:ram::aws:permission/Nope'] }))), 'UnknownResourceException'],
      ['service principal mixed with an account', () => ram.send(new CreateResourceShareCommand(share({ principals: [PRINCIPAL, '444455556666'] }))), 'InvalidParameterException'],
      ['service principal without a source', () => ram.send(new CreateResourceShareCommand(share({ sources: [] }))), 'InvalidParameterException'],
      ['PRINCIPAL with resourceArn', () => ram.send(new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceArn: CA_ACTIVE })), 'InvalidParameterException'],
      ['RESOURCE with principal', () => ram.send(new GetResourceShareAssociationsCommand({ associationType: 'RESOURCE', principal: '444455556666' })), 'InvalidParameterException'],
      // The model documents the principal filter for accounts, organizations, OUs and IAM roles or users only.
      ['a service principal as the principal filter', () => ram.send(new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', principal: PRINCIPAL })), 'InvalidParameterException'],
      ['delete an unknown share', () => ram.send(new DeleteResourceShareCommand({ resourceShareArn: 'arn:aws:ram:us-east-1:111122223333:resource-share/nope' })), 'UnknownResourceException'],
      ['bad resourceOwner', () => ram.send(new GetResourceSharesCommand({ resourceOwner: 'ME' as never })), 'InvalidParameterException'],
    ];
    for (const [what, call, name] of cases) {
      const error = await errorOf(call());
      assert.equal(error.name, name, what);
      assert.equal(error.$metadata?.httpStatusCode, 400, what);
    }
    assert.equal(emu.counts().resourceShares, 1);
  });

  test('DeleteResourceShare: the share is DELETED, its associations DISASSOCIATED; its clientToken replays the deleted share', async () => {
    // Prepare
    const { ram } = clients(emu);
    const created = await ram.send(new CreateResourceShareCommand({ ...share({ name: 'to-delete' }), clientToken: 'token-delete' }));
    const arn = created.resourceShare?.resourceShareArn ?? '';
    const live = emu.counts().resourceShares;
    // Act
    const deleted = await ram.send(new DeleteResourceShareCommand({ resourceShareArn: arn }));
    const twice = await errorOf(ram.send(new DeleteResourceShareCommand({ resourceShareArn: arn })));
    const listed = await ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', resourceShareArns: [arn] }));
    const active = await ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', resourceShareArns: [arn], resourceShareStatus: 'ACTIVE' }));
    const byPrincipal = await ram.send(new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceShareArns: [arn] }));
    const replay = await ram.send(new CreateResourceShareCommand({ ...share({ name: 'to-delete' }), clientToken: 'token-delete' }));
    const mismatch = await errorOf(ram.send(new CreateResourceShareCommand({ ...share({ name: 'renamed' }), clientToken: 'token-delete' })));
    // Assess
    assert.equal(deleted.returnValue, true);
    assert.equal(twice.name, 'InvalidStateTransitionException');
    assert.deepEqual(listed.resourceShares?.map((s) => s.status), ['DELETED']);
    assert.deepEqual(active.resourceShares, []);
    assert.deepEqual(byPrincipal.resourceShareAssociations?.map((a) => a.status), ['DISASSOCIATED']);
    assert.deepEqual([replay.resourceShare?.resourceShareArn, replay.resourceShare?.status], [arn, 'DELETED'], 'the same token and parameters: the same share');
    assert.equal(mismatch.name, 'IdempotentParameterMismatchException');
    assert.equal(emu.counts().resourceShares, live - 1);
  });

  test('--fault works for RAM operations (RAM.<Operation>)', async () => {
    const { ram } = clients(emu);
    const sentBefore = emu.apiCalls['RAM.CreateResourceShare'] ?? 0;
    emu.addFault(parseFault('CreateResourceShare:ServiceUnavailableException'));
    const error = await errorOf(ram.send(new CreateResourceShareCommand(share({ name: 'faulted' }))));
    assert.equal(error.name, 'ServiceUnavailableException');
    assert.equal(error.$metadata?.httpStatusCode, 503);
    assert.equal(emu.apiCalls['RAM.CreateResourceShare'], sentBefore + 1);
  });
});
