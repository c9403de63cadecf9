/**
 * ShareCertificateAuthority against the emulator's RAM and DynamoDB (real SDK clients, simulated clock): find-or-create
 * of the CA's share with pca-connector-ad.amazonaws.com, who created it, the permission it grants, the share creation
 * lease, and a share deleted by hand.
 */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateResourceShareCommand, DeleteResourceShareCommand, GetResourceShareAssociationsCommand, GetResourceSharesCommand, RAMClient,
} from '@aws-sdk/client-ram';
import type { GetResourceShareAssociationsCommandInput } from '@aws-sdk/client-ram';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY } from '../../src/contract.ts';
import { CA_SHARE_PERMISSION_NAME, CONNECTOR_AD_PRINCIPAL, shareClientTokenFor, shareNameFor, shareRequestFor } from '../../src/domain/ca-share.ts';
import { ResourceShareConflictError, ResourceShareCreationInProgressError, ResourceShareNotReadyError } from '../../src/domain/errors.ts';
import { shareCertificateAuthorityCore } from '../../src/handlers/share-certificate-authority.ts';
import { logger } from '../../src/lib/logger.ts';
import { DynamoDbShareLeaseStore } from '../../src/persistence/share-lease-store.ts';
import { createSimClock, startEmulator } from '../../tools/local/emulator/index.ts';
import type { Emulator } from '../../tools/local/emulator/index.ts';
import { CA_ACTIVE, defaultSeed } from '../fixtures.ts';

const EXEC = 'arn:aws:states:us-east-1:111122223333:execution:provision:req-1';
const OTHER_EXEC = 'arn:aws:states:us-east-1:111122223333:execution:provision:req-2';
const CSR_PASSTHROUGH = 'arn:aws:ram::aws:permission/AWSRAMBlankEndEntityCertificateAPICSRPassthroughIssuanceCertificateAuthority';
const API_PASSTHROUGH = `arn:aws:ram::aws:permission/${CA_SHARE_PERMISSION_NAME}`;
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };

let emu: Emulator | undefined;
/** Every GetResourceShareAssociations request the handler's client sent. */
let associationRequests: GetResourceShareAssociationsCommandInput[] = [];

const ramClient = (e: Emulator): RAMClient => {
  const client = new RAMClient({ endpoint: e.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'GetResourceShareAssociationsCommand') associationRequests.push({ ...(args.input as GetResourceShareAssociationsCommandInput) });
      return next(args);
    },
    { step: 'initialize', name: 'recordAssociationRequests' },
  );
  return client;
};

/** A client whose first association read sees no share, as if it had read before the share was created. */
const staleClient = (e: Emulator): RAMClient => {
  const client = ramClient(e);
  let stale = true;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (stale && context.commandName === 'GetResourceShareAssociationsCommand') {
        stale = false;
        return { output: { resourceShareAssociations: [], $metadata: {} }, response: {} };
      }
      return next(args);
    },
    { step: 'initialize', name: 'staleFind' },
  );
  return client;
};

const world = async (): Promise<{ emu: Emulator; ram: RAMClient }> => {
  await emu?.stop();
  emu = await startEmulator({ seed: defaultSeed(), clock: createSimClock(Date.parse('2026-01-01T00:00:00Z')) });
  associationRequests = [];
  return { emu, ram: ramClient(emu) };
};
const depsFor = (e: Emulator, client: RAMClient) => ({
  ram: client,
  leases: new DynamoDbShareLeaseStore(new DynamoDBClient({ endpoint: e.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 }), 'local-coordination'),
  now: () => new Date(e.clock.now()),
});
const run = (e: Emulator, client: RAMClient, executionId = EXEC) =>
  shareCertificateAuthorityCore({ ExecutionId: executionId, CertificateAuthorityArn: CA_ACTIVE }, depsFor(e, client));
/** Runs until the share is ASSOCIATED, advancing the simulated clock between attempts as the Task's Retry would. */
const settled = async (e: Emulator, client: RAMClient, executionId = EXEC) => {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      return await run(e, client, executionId);
    } catch (error) {
      if (!(error instanceof ResourceShareNotReadyError)) throw error;
      e.clock.advance(5);
    }
  }
  throw new Error('never ASSOCIATED');
};
const liveShares = (e: Emulator) => (e.snapshot().connectorAd?.resourceShares ?? []).filter((s) => s.deletedAtMs === undefined);

beforeEach(() => logger.setLogLevel('SILENT'));
after(async () => emu?.stop());

describe('ShareCertificateAuthority handler', () => {
  it('no share: creates it (principal, sources = the account, the APIPassthrough permission, tags, clientToken), not ready until ASSOCIATED', async () => {
    // Prepare
    const { emu, ram } = await world();
    // Act
    const first = await run(emu, ram).catch((e: unknown) => e);
    const retried = await run(emu, ram).catch((e: unknown) => e);
    emu.clock.advance(5);
    const ready = await run(emu, ram);
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
      [shareNameFor(CA_ACTIVE), [CA_ACTIVE], [CONNECTOR_AD_PRINCIPAL], ['111122223333'], [API_PASSTHROUGH], shareClientTokenFor(shareRequestFor(CA_ACTIVE, EXEC))],
    );
    assert.deepEqual(share?.tags.map((t) => t.key), [MANAGED_BY_TAG_KEY, EXECUTION_TAG_KEY]);
  });

  it('never sends the service principal as the principal filter, which the emulator refuses as RAM documents it', async () => {
    // Prepare
    const { emu, ram } = await world();
    // Act
    const share = await settled(emu, ram);
    const other = await run(emu, ram, OTHER_EXEC);
    const sent = [...associationRequests];
    const filtered = await ram
      .send(new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceShareArns: [share.ResourceShareArn], principal: CONNECTOR_AD_PRINCIPAL }))
      .catch((e: unknown) => e as Error);
    // Assess
    assert.equal(other.ResourceShareArn, share.ResourceShareArn);
    assert.ok(sent.some((r) => r.associationType === 'PRINCIPAL'), 'principal associations were read');
    assert.deepEqual(sent.filter((r) => r.principal !== undefined), []);
    assert.equal((filtered as Error).name, 'InvalidParameterException');
  });

  it('another execution adopts the share and says it did not create it; a redrive of the first says it did', async () => {
    // Prepare
    const { emu, ram } = await world();
    await run(emu, ram).catch(() => undefined);
    emu.clock.advance(5);
    // Act
    const other = await run(emu, ram, OTHER_EXEC);
    const again = await run(emu, ram);
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
    const ready = await settled(emu, ram);
    // Assess
    const shares = (await ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF' }))).resourceShares ?? [];
    assert.deepEqual(shares.map((s) => s.name).sort(), [shareNameFor(CA_ACTIVE), 'to-an-account'].sort());
    assert.equal(ready.ResourceShareArn, shares.find((s) => s.name === shareNameFor(CA_ACTIVE))?.resourceShareArn);
  });

  it('a share with the service principal and another permission is a named conflict; nothing is created', async () => {
    // Prepare
    const { emu, ram } = await world();
    const scep = await ram.send(new CreateResourceShareCommand({
      name: 'for-scep', resourceArns: [CA_ACTIVE], principals: [CONNECTOR_AD_PRINCIPAL], sources: ['111122223333'], permissionArns: [CSR_PASSTHROUGH],
    }));
    emu.clock.advance(5);
    // Act
    const error = await run(emu, ram).catch((e: unknown) => e);
    // Assess
    assert.ok(error instanceof ResourceShareConflictError, String(error));
    assert.match(error.message, new RegExp(`${scep.resourceShare?.resourceShareArn ?? '?'} \\(permission AWSRAMBlankEndEntityCertificateAPICSRPassthroughIssuanceCertificateAuthority\\)`));
    assert.match(error.message, new RegExp(`needs ${CA_SHARE_PERMISSION_NAME}`));
    assert.equal(emu.apiCalls['RAM.CreateResourceShare'], 1, 'only the test\'s own share');
    assert.ok((emu.apiCalls['RAM.ListResourceSharePermissions'] ?? 0) >= 1);
  });

  it('next to a share with another permission, one that grants the APIPassthrough permission is adopted', async () => {
    // Prepare
    const { emu, ram } = await world();
    await ram.send(new CreateResourceShareCommand({
      name: 'for-scep', resourceArns: [CA_ACTIVE], principals: [CONNECTOR_AD_PRINCIPAL], sources: ['111122223333'], permissionArns: [CSR_PASSTHROUGH],
    }));
    const console = await ram.send(new CreateResourceShareCommand({
      name: 'from-the-console', resourceArns: [CA_ACTIVE], principals: [CONNECTOR_AD_PRINCIPAL], sources: ['111122223333'], permissionArns: [API_PASSTHROUGH],
    }));
    emu.clock.advance(5);
    // Act
    const adopted = await run(emu, ram);
    // Assess
    assert.equal(adopted.ResourceShareArn, console.resourceShare?.resourceShareArn);
    assert.equal(adopted.CreatedByThisExecution, false);
    assert.equal(emu.apiCalls['RAM.CreateResourceShare'], 2, 'the test\'s two shares only');
  });

  it('two executions at the same moment (the same CA, two directories): the second one waits for the lease, then adopts; one share', async () => {
    // Prepare
    const { emu, ram } = await world();
    // The second execution looked before the first one created: its first association read sees no share.
    const late = staleClient(emu);
    // Act
    const first = await run(emu, ram).catch((e: unknown) => e);
    const second = await run(emu, late, OTHER_EXEC).catch((e: unknown) => e);
    emu.clock.advance(20);
    const adopted = await run(emu, late, OTHER_EXEC);
    // Assess
    assert.ok(first instanceof ResourceShareNotReadyError, String(first));
    assert.ok(second instanceof ResourceShareCreationInProgressError, String(second));
    assert.match(second.message, new RegExp(`Another execution \\(${EXEC}\\) is sharing`));
    assert.equal(emu.apiCalls['RAM.CreateResourceShare'], 1, 'the second one never created');
    assert.equal(adopted.CreatedByThisExecution, false);
    assert.equal(emu.counts().resourceShares, 1);
  });

  it('a share found on the second look (under the lease) is adopted and the lease given back', async () => {
    // Prepare: the first execution's share exists; the second one's first look misses it
    const { emu, ram } = await world();
    const first = await settled(emu, ram);
    const late = staleClient(emu);
    // Act
    const adopted = await run(emu, late, OTHER_EXEC);
    const third = await depsFor(emu, ram).leases.acquire(CA_ACTIVE, 'arn:aws:states:us-east-1:111122223333:execution:provision:req-3', new Date(emu.clock.now())).catch((e: unknown) => e);
    // Assess
    assert.equal(adopted.ResourceShareArn, first.ResourceShareArn);
    assert.equal(adopted.CreatedByThisExecution, false);
    assert.equal(third, undefined, 'the lease is free');
    assert.equal(emu.apiCalls['RAM.CreateResourceShare'], 1);
  });

  it('a rerun after the share was deleted by hand creates a new one at once; so does a redrive of the creating execution', async () => {
    // Prepare
    const { emu, ram } = await world();
    const original = await settled(emu, ram);
    await ram.send(new DeleteResourceShareCommand({ resourceShareArn: original.ResourceShareArn }));
    // Act: a new execution (another clientToken)
    const rerun = await run(emu, ram, OTHER_EXEC).catch((e: unknown) => e);
    const created = await settled(emu, ram, OTHER_EXEC);
    await ram.send(new DeleteResourceShareCommand({ resourceShareArn: created.ResourceShareArn }));
    // Act: the execution that created the first share again (its clientToken meets the deleted share)
    const redriven = await settled(emu, ram);
    // Assess
    assert.ok(rerun instanceof ResourceShareNotReadyError, String(rerun));
    assert.match(rerun.message, /was just created/, 'created on the first attempt, no waiting for another execution');
    assert.notEqual(created.ResourceShareArn, original.ResourceShareArn);
    assert.equal(created.CreatedByThisExecution, true);
    assert.ok(![original.ResourceShareArn, created.ResourceShareArn].includes(redriven.ResourceShareArn));
    assert.equal(redriven.CreatedByThisExecution, true);
    assert.equal(emu.apiCalls['RAM.CreateResourceShare'], 4, 'the first, the rerun\'s, and the redrive\'s replay then its fresh token');
    assert.deepEqual(liveShares(emu).map((s) => s.resourceShareArn), [redriven.ResourceShareArn]);
  });

  it('lets RAM errors through by name (the catalog retries or catches them), and gives the lease back when the create certainly failed', async () => {
    // Prepare
    const { emu, ram } = await world();
    emu.addFault({ operation: 'CreateResourceShare', error: 'ResourceShareLimitExceededException' });
    // Act
    const error = await run(emu, ram).catch((e: unknown) => e);
    const other = await run(emu, ram, OTHER_EXEC).catch((e: unknown) => e);
    // Assess
    assert.equal((error as Error).name, 'ResourceShareLimitExceededException');
    assert.ok(other instanceof ResourceShareNotReadyError, `the lease was free for another execution: ${String(other)}`);
  });
});
