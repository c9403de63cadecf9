/**
 * ShareCertificateAuthority against the emulator's RAM (real SDK client, simulated clock): find-or-create of the CA's
 * share with pca-connector-ad.amazonaws.com, and who created it.
 */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { CreateResourceShareCommand, GetResourceSharesCommand, RAMClient } from '@aws-sdk/client-ram';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY } from '../../src/contract.ts';
import { CA_SHARE_PERMISSION_NAME, CONNECTOR_AD_PRINCIPAL, shareClientTokenFor, shareNameFor } from '../../src/domain/ca-share.ts';
import { ResourceShareNotReadyError } from '../../src/domain/errors.ts';
import { shareCertificateAuthorityCore } from '../../src/handlers/share-certificate-authority.ts';
import { logger } from '../../src/lib/logger.ts';
import { createSimClock, startEmulator } from '../../tools/local/emulator/index.ts';
import type { Emulator } from '../../tools/local/emulator/index.ts';
import { CA_ACTIVE, defaultSeed } from '../fixtures.ts';

const EXEC = 'arn:aws:states:us-east-1:111122223333:execution:provision:req-1';
const OTHER_EXEC = 'arn:aws:states:us-east-1:111122223333:execution:provision:req-2';

let emu: Emulator | undefined;
const world = async (): Promise<{ emu: Emulator; ram: RAMClient }> => {
  await emu?.stop();
  emu = await startEmulator({ seed: defaultSeed(), clock: createSimClock(Date.parse('2026-01-01T00:00:00Z')) });
  const ram = new RAMClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, maxAttempts: 1 });
  return { emu, ram };
};
const run = (ram: RAMClient, executionId = EXEC) => shareCertificateAuthorityCore({ ExecutionId: executionId, CertificateAuthorityArn: CA_ACTIVE }, { ram });

beforeEach(() => logger.setLogLevel('SILENT'));
after(async () => emu?.stop());

describe('ShareCertificateAuthority handler', () => {
  it('no share: creates it (principal, sources = the account, the APIPassthrough permission, tags, clientToken), not ready until ASSOCIATED', async () => {
    // Prepare
    const { emu, ram } = await world();
    // Act
    const first = await run(ram).catch((e: unknown) => e);
    const retried = await run(ram).catch((e: unknown) => e);
    emu.clock.advance(5);
    const ready = await run(ram);
    // Assess
    assert.ok(first instanceof ResourceShareNotReadyError, String(first));
    assert.match(first.message, /was just created/);
    assert.ok(retried instanceof ResourceShareNotReadyError, String(retried));
    assert.match(retried.message, /is ASSOCIATING with pca-connector-ad\.amazonaws\.com/);
    assert.equal(emu.apiCalls['RAM.CreateResourceShare'], 1, 'the retry found the share instead of creating another');
    assert.match(ready.ResourceShareArn, /^arn:aws:ram:us-east-1:111122223333:resource-share\//);
    assert.deepEqual([ready.CreatedByThisExecution, ready.PrincipalAssociationStatus], [true, 'ASSOCIATED']);
    const [share] = emu.snapshot().connectorAd?.resourceShares ?? [];
    assert.deepEqual(
      [share?.name, share?.resourceArns, share?.principals, share?.sources, share?.permissionArns, share?.clientToken],
      [shareNameFor(CA_ACTIVE), [CA_ACTIVE], [CONNECTOR_AD_PRINCIPAL], ['111122223333'], [`arn:aws:ram::aws:permission/${CA_SHARE_PERMISSION_NAME}`], shareClientTokenFor(CA_ACTIVE)],
    );
    assert.deepEqual(share?.tags.map((t) => t.key), [MANAGED_BY_TAG_KEY, EXECUTION_TAG_KEY]);
  });

  it('another execution adopts the share and says it did not create it; a redrive of the first says it did', async () => {
    // Prepare
    const { emu, ram } = await world();
    await run(ram).catch(() => undefined);
    emu.clock.advance(5);
    // Act
    const other = await run(ram, OTHER_EXEC);
    const again = await run(ram);
    // Assess
    assert.equal(other.CreatedByThisExecution, false);
    assert.equal(again.CreatedByThisExecution, true);
    assert.equal(other.ResourceShareArn, again.ResourceShareArn);
    assert.equal(emu.apiCalls['RAM.CreateResourceShare'], 1);
  });

  it('a share of the CA with other principals only is not adopted: a share with the service principal is created', async () => {
    // Prepare
    const { emu, ram } = await world();
    await ram.send(new CreateResourceShareCommand({ name: 'to-an-account', resourceArns: [CA_ACTIVE], principals: ['444455556666'] }));
    // Act
    const first = await run(ram).catch((e: unknown) => e);
    emu.clock.advance(5);
    const ready = await run(ram);
    // Assess
    assert.ok(first instanceof ResourceShareNotReadyError);
    const shares = (await ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF' }))).resourceShares ?? [];
    assert.deepEqual(shares.map((s) => s.name).sort(), [shareNameFor(CA_ACTIVE), 'to-an-account'].sort());
    assert.equal(ready.ResourceShareArn, shares.find((s) => s.name === shareNameFor(CA_ACTIVE))?.resourceShareArn);
  });

  it('two executions at the same moment: the second one\'s create meets the first one\'s clientToken and waits for that share', async () => {
    // Prepare
    const { emu, ram } = await world();
    // Act
    const first = await run(ram).catch((e: unknown) => e);
    // The second execution's find ran before the first one's create: its first association read sees no share.
    const late = new RAMClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, maxAttempts: 1 });
    let stale = true;
    late.middlewareStack.add(
      (next, context) => async (args) => {
        if (stale && context.commandName === 'GetResourceShareAssociationsCommand') {
          stale = false;
          return { output: { resourceShareAssociations: [], $metadata: {} }, response: {} };
        }
        return next(args);
      },
      { step: 'initialize', name: 'staleFind' },
    );
    const second = await run(late, OTHER_EXEC).catch((e: unknown) => e);
    const direct = await ram.send(new CreateResourceShareCommand({ name: shareNameFor(CA_ACTIVE), resourceArns: [CA_ACTIVE], clientToken: shareClientTokenFor(CA_ACTIVE) })).catch((e: unknown) => e);
    emu.clock.advance(5);
    const adopted = await run(ram, OTHER_EXEC);
    // Assess
    assert.ok(first instanceof ResourceShareNotReadyError);
    assert.ok(second instanceof ResourceShareNotReadyError, String(second));
    assert.match(second.message, /Another execution is creating the share/);
    assert.equal(emu.apiCalls['RAM.CreateResourceShare'], 3, 'the first, the second (refused), the direct one (refused)');
    assert.equal((direct as Error).name, 'IdempotentParameterMismatchException', 'the emulator answers as RAM does');
    assert.equal(adopted.CreatedByThisExecution, false);
    assert.equal(emu.counts().resourceShares, 1);
  });

  it('lets RAM errors through by name (the catalog retries or catches them)', async () => {
    // Prepare
    const { emu, ram } = await world();
    emu.addFault({ operation: 'CreateResourceShare', error: 'ResourceShareLimitExceededException' });
    // Act
    const error = await run(ram).catch((e: unknown) => e);
    // Assess
    assert.equal((error as Error).name, 'ResourceShareLimitExceededException');
  });
});
