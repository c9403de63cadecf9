import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { changeLeaseKey } from '../../src/domain/change-lease.ts';
import { acquireChangeLease, releaseChangeLease, runningLeaseHolder } from '../../src/persistence/change-lease-store.ts';
import type { Emulator } from '../../tools/local/emulator/index.ts';
import { start } from '../tools/local/emulator/helpers.ts';

const TABLE = 'coordination';
const DIR = { VpcId: 'vpc-1', Name: 'Corp.Example.com' };
const A = 'arn:aws:states:us-east-1:111122223333:execution:provision:a';
const B = 'arn:aws:states:us-east-1:111122223333:execution:teardown:b';
const C = 'arn:aws:states:us-east-1:111122223333:execution:provision:c';
const NOW = new Date('2026-01-01T00:00:00Z');

describe('change lease store (DynamoDB, on the emulator)', () => {
  let emu: Emulator;
  let ddb: DynamoDBClient;
  const statuses = new Map<string, string>();
  const described: string[] = [];
  const statusOf = async (arn: string) => (described.push(arn), statuses.get(arn));
  const store = () => {
    const t = { client: ddb, tableName: TABLE };
    return {
      acquire: (identity: typeof DIR, owner: string, now: Date) => acquireChangeLease(t, statusOf, identity, owner, now),
      release: (identity: typeof DIR, owner: string) => releaseChangeLease(t, identity, owner),
      runningHolder: (identity: typeof DIR) => runningLeaseHolder(t, statusOf, identity),
    };
  };
  before(async () => {
    emu = await start();
    ddb = new DynamoDBClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, maxAttempts: 1 });
  });
  after(() => emu.stop());

  it('free -> taken; again by the holder (a retry) -> taken; by another while the holder runs -> ConcurrentChangeError naming it', async () => {
    // Prepare
    statuses.set(A, 'RUNNING');
    // Act
    await store().acquire(DIR, A, NOW);
    await store().acquire({ ...DIR, Name: 'corp.example.COM' }, A, NOW);
    const refused = await store().acquire(DIR, B, NOW).catch((e: unknown) => e as Error);
    // Assess
    assert.equal(refused instanceof Error && refused.name, 'ConcurrentChangeError');
    assert.match((refused as Error).message, /Another change of directory Corp\.Example\.com in vpc-1 is running: arn:aws:states:[^ ]+:provision:a \(RUNNING\)/);
    assert.equal(emu.snapshot().dynamoDb?.[TABLE]?.[changeLeaseKey(DIR)]?.['owner']?.['S'], A, 'still the holder');
    assert.equal(await store().runningHolder(DIR).then((h) => h?.executionArn), A);
  });

  it('a holder waiting for a redrive still holds it; one that failed, was stopped or is gone from history is taken over', async () => {
    for (const status of ['PENDING_REDRIVE']) {
      statuses.set(A, status);
      await assert.rejects(store().acquire(DIR, B, NOW), { name: 'ConcurrentChangeError' });
    }
    statuses.set(A, 'FAILED');
    assert.equal(await store().runningHolder(DIR), undefined, 'the API sees no running change');
    const taken = await store().acquire(DIR, B, NOW);
    assert.deepEqual(taken.takenOver, { executionArn: A, status: 'FAILED' });
    statuses.delete(B); // B's history is gone (undefined status)
    const next = await store().acquire(DIR, C, NOW);
    assert.deepEqual(next.takenOver, { executionArn: B, status: undefined });
  });

  it('release: only the holder\'s own lease goes; then the key is free', async () => {
    // Prepare: C holds it
    // Act + Assess
    assert.equal(await store().release(DIR, A), false);
    assert.ok(emu.snapshot().dynamoDb?.[TABLE]?.[changeLeaseKey(DIR)]);
    assert.equal(await store().release(DIR, C), true);
    assert.equal(emu.snapshot().dynamoDb?.[TABLE]?.[changeLeaseKey(DIR)], undefined);
    described.length = 0;
    await store().acquire(DIR, A, NOW);
    assert.deepEqual(described, [], 'a free lease is taken without asking Step Functions');
  });
});
