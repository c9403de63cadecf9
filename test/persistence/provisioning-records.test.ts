import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { identityKey, recordKey } from '../../src/domain/provisioning-record.ts';
import { finishExecution, getRecord, registerExecution, resumeExecution } from '../../src/persistence/provisioning-records.ts';
import type { Registration, RecordsTable } from '../../src/persistence/provisioning-records.ts';
import type { ExecutionOutcome } from '../../src/domain/provisioning-record.ts';
import type { Emulator } from '../../tools/local/emulator/index.ts';
import { start } from '../tools/local/emulator/helpers.ts';

const TABLE = 'records';
const DIR = { VpcId: 'vpc-1', Name: 'corp.example.com' };
const PROVISION = 'arn:aws:states:us-east-1:111122223333:execution:provision:';
const TEARDOWN = 'arn:aws:states:us-east-1:111122223333:execution:teardown:';
const REQUEST = { Directory: { Name: 'corp.example.com', PasswordSecretId: 'ad/pw', VpcSettings: { VpcId: 'vpc-1', SubnetIds: ['s-1', 's-2'] } } };
const at = (minute: number): Date => new Date(Date.UTC(2026, 0, 1, 0, minute));
const OUTPUT = { DirectoryId: 'd-1', ConnectorArn: 'arn:c', TemplateArns: ['arn:t'] };
const PLAN = [{ resource: 'template', id: 'T', action: 'create', fields: [] }];

describe('provisioning records (DynamoDB, on the emulator)', () => {
  let emu: Emulator;
  let table: RecordsTable;
  const records = {
    register: (r: Registration) => registerExecution(table, r),
    finish: (identity: typeof DIR, arn: string, outcome: ExecutionOutcome, now: Date, fromStatusEvent?: boolean) => finishExecution(table, identity, arn, outcome, now, fromStatusEvent),
    resumed: (identity: typeof DIR, arn: string, redriveCount: number, now: Date) => resumeExecution(table, identity, arn, redriveCount, now),
    get: (id: string) => getRecord(table, id),
  };
  const register = (machine: 'provision' | 'teardown', name: string, minute: number, request: unknown = REQUEST) =>
    records.register({ identity: DIR, executionArn: `${machine === 'provision' ? PROVISION : TEARDOWN}${name}`, machine, request, startDate: at(minute).toISOString(), now: at(minute) });
  const item = (pk: string) => emu.snapshot().dynamoDb?.[TABLE]?.[pk];
  before(async () => {
    emu = await start();
    const ddb = new DynamoDBClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, maxAttempts: 1 });
    table = { client: ddb, tableName: TABLE };
  });
  after(() => emu.stop());

  it('a first provisioning starts the record (its name is the id); a retried registration changes nothing; its end writes status, outputs, plan', async () => {
    // Act
    const first = await register('provision', 'api-key-p1', 0);
    const retried = await register('provision', 'api-key-p1', 1);
    const ended = await records.finish(DIR, `${PROVISION}api-key-p1`, { status: 'SUCCEEDED', stopDate: at(40).toISOString(), output: OUTPUT, plan: PLAN }, at(40));
    // Assess
    assert.deepEqual(first, { provisioningId: 'api-key-p1', kind: 'provisioning' });
    assert.deepEqual(retried, first);
    assert.deepEqual(ended, { recorded: true, provisioningId: 'api-key-p1', kind: 'provisioning' });
    const record = await records.get('api-key-p1');
    assert.equal(record?.status, 'PROVISIONED');
    assert.deepEqual(record?.outputs, OUTPUT);
    assert.deepEqual(record?.lastPlan, PLAN);
    assert.deepEqual(record?.request, REQUEST);
    assert.deepEqual(record?.identity, DIR);
    assert.equal(record?.createdAt, at(0).toISOString(), 'kept from the first attempt');
    assert.deepEqual(record?.executions['api-key-p1'], {
      executionArn: `${PROVISION}api-key-p1`, name: 'api-key-p1', kind: 'provisioning', status: 'SUCCEEDED',
      startDate: at(0).toISOString(), stopDate: at(40).toISOString(), plan: PLAN,
    });
    assert.equal(item(identityKey(DIR))?.['provisioningId']?.['S'], 'api-key-p1');
  });

  it('a late status change event does not overwrite what the record step wrote', async () => {
    const late = await records.finish(DIR, `${PROVISION}api-key-p1`, { status: 'SUCCEEDED', stopDate: at(41).toISOString(), output: {} }, at(41), true);
    assert.equal(late.recorded, false);
    assert.deepEqual((await records.get('api-key-p1'))?.outputs, OUTPUT);
  });

  it('a later provisioning of the same directory is an update of the same record; a failed one keeps the outputs', async () => {
    // Act
    const update = await register('provision', 'put-1', 50, { ...REQUEST, Options: { ConnectorTimeoutMinutes: 20 } });
    await records.finish(DIR, `${PROVISION}put-1`, { status: 'FAILED', stopDate: at(52).toISOString(), error: 'TemplateConflictError', cause: 'x'.repeat(5000) }, at(52));
    // Assess
    assert.deepEqual(update, { provisioningId: 'api-key-p1', kind: 'update' });
    const record = await records.get('api-key-p1');
    assert.equal(record?.status, 'FAILED');
    assert.deepEqual(record?.outputs, OUTPUT);
    assert.deepEqual(record?.request, { ...REQUEST, Options: { ConnectorTimeoutMinutes: 20 } }, 'the request last applied');
    assert.equal(record?.executions['put-1']?.error, 'TemplateConflictError');
    assert.equal(record?.executions['put-1']?.cause?.length, 1000, 'causes are truncated');
    assert.deepEqual(Object.keys(record?.executions ?? {}).sort(), ['api-key-p1', 'put-1']);
  });

  it('an execution that never took the lease is not recorded; two executions ending at once both stay listed', async () => {
    // Act
    const never = await records.finish(DIR, `${PROVISION}evt-rejected`, { status: 'FAILED', stopDate: at(60).toISOString(), error: 'InvalidRequestError' }, at(60));
    await register('provision', 'evt-a', 61);
    await register('provision', 'evt-b', 62); // e.g. a took-over lease: evt-a stopped, evt-b current
    await Promise.all([
      records.finish(DIR, `${PROVISION}evt-a`, { status: 'ABORTED', stopDate: at(63).toISOString(), error: 'States.Aborted' }, at(63), true),
      records.finish(DIR, `${PROVISION}evt-b`, { status: 'SUCCEEDED', stopDate: at(64).toISOString(), output: OUTPUT }, at(64)),
    ]);
    // Assess
    assert.equal(never.recorded, false);
    const record = await records.get('api-key-p1');
    assert.equal(record?.executions['evt-a']?.status, 'ABORTED');
    assert.equal(record?.executions['evt-b']?.status, 'SUCCEEDED');
    assert.equal(record?.status, 'PROVISIONED', 'written by the current execution only');
    assert.equal(record?.currentExecution, 'evt-b');
  });

  it('a redriven execution runs again (RUNNING, newer redrive count); an event of its earlier run is then ignored', async () => {
    // Prepare
    await register('provision', 'evt-c', 70);
    await records.finish(DIR, `${PROVISION}evt-c`, { status: 'FAILED', stopDate: at(71).toISOString(), error: 'ThrottlingException' }, at(71), true);
    // Act
    assert.equal(await records.resumed(DIR, `${PROVISION}evt-c`, 1, at(72)), true);
    assert.equal(await records.resumed(DIR, `${PROVISION}evt-c`, 1, at(72)), false, 'the same redrive again');
    const stale = await records.finish(DIR, `${PROVISION}evt-c`, { status: 'FAILED', stopDate: at(71).toISOString(), error: 'ThrottlingException', redriveCount: 0 }, at(73), true);
    // Assess
    assert.equal(stale.recorded, false);
    const entry = (await records.get('api-key-p1'))?.executions['evt-c'];
    assert.equal(entry?.status, 'RUNNING');
    assert.equal(entry?.redriveCount, 1);
    assert.equal(entry?.error, undefined);
  });

  it('a teardown joins the record; its success tears the record down; a later provisioning starts a new record', async () => {
    // Act
    const teardown = await register('teardown', 'del-api-key-p1', 80);
    await records.finish(DIR, `${TEARDOWN}del-api-key-p1`, {
      status: 'SUCCEEDED', stopDate: at(90).toISOString(), output: { Deleted: [{ Resource: 'directory', Id: 'd-1' }], Kept: [], AlreadyGone: [], Force: false },
    }, at(90));
    const indexAfterTeardown = item(identityKey(DIR))?.['provisioningId']?.['S'];
    const orphan = await register('teardown', 'evt-teardown-again', 95);
    const next = await register('provision', 'api-key-p2', 100);
    // Assess
    assert.deepEqual(teardown, { provisioningId: 'api-key-p1', kind: 'teardown' });
    const record = await records.get('api-key-p1');
    assert.equal(record?.status, 'TORN_DOWN');
    assert.deepEqual(record?.outputs, OUTPUT, 'the outputs stay as the last apply left them');
    assert.deepEqual(record?.executions['del-api-key-p1']?.output, { Deleted: [{ Resource: 'directory', Id: 'd-1' }], Kept: [], AlreadyGone: [] });
    assert.equal(indexAfterTeardown, 'api-key-p1', 'a late event of the teardown still finds its record');
    assert.equal(orphan, undefined, 'a teardown of a torn-down directory records nothing');
    assert.deepEqual(next, { provisioningId: 'api-key-p2', kind: 'provisioning' });
    assert.equal(item(identityKey(DIR))?.['provisioningId']?.['S'], 'api-key-p2');
    assert.ok(item(recordKey('api-key-p1')), 'the old record stays');
  });

  it('an execution that failed at its record step after the write: its FAILED event is written over the entry', async () => {
    // Prepare: the record step wrote SUCCEEDED, then failed (its response lost, retries exhausted)
    const dir = { VpcId: 'vpc-2', Name: 'lost.example.com' };
    await records.register({ identity: dir, executionArn: `${PROVISION}evt-lost`, machine: 'provision', request: REQUEST, startDate: at(30).toISOString(), now: at(30) });
    await records.finish(dir, `${PROVISION}evt-lost`, { status: 'SUCCEEDED', stopDate: at(31).toISOString(), output: OUTPUT }, at(31));
    // Act
    const failed = await records.finish(dir, `${PROVISION}evt-lost`, { status: 'FAILED', stopDate: at(32).toISOString(), error: 'InternalServerError', redriveCount: 0 }, at(32), true);
    const again = await records.finish(dir, `${PROVISION}evt-lost`, { status: 'FAILED', stopDate: at(33).toISOString(), error: 'InternalServerError', redriveCount: 0 }, at(33), true);
    // Assess
    assert.equal(failed.recorded, true);
    assert.equal(again.recorded, false, 'the same end twice writes once');
    const record = await records.get('evt-lost');
    assert.deepEqual([record?.status, record?.executions['evt-lost']?.status, record?.executions['evt-lost']?.error], ['FAILED', 'FAILED', 'InternalServerError']);
    assert.deepEqual(record?.outputs, OUTPUT, 'the outputs the record step wrote stay');

    // The same for a teardown: still found by the directory after its record step wrote TORN_DOWN
    await records.register({ identity: dir, executionArn: `${TEARDOWN}del-lost`, machine: 'teardown', request: REQUEST, startDate: at(40).toISOString(), now: at(40) });
    await records.finish(dir, `${TEARDOWN}del-lost`, { status: 'SUCCEEDED', stopDate: at(41).toISOString(), output: { Deleted: [], Kept: [], AlreadyGone: [], Force: false } }, at(41));
    const teardownFailed = await records.finish(dir, `${TEARDOWN}del-lost`, { status: 'FAILED', stopDate: at(42).toISOString(), error: 'InternalServerError', redriveCount: 0 }, at(42), true);
    const retried = await records.register({ identity: dir, executionArn: `${TEARDOWN}del-lost-2`, machine: 'teardown', request: REQUEST, startDate: at(43).toISOString(), now: at(43) });
    assert.equal(teardownFailed.recorded, true);
    assert.deepEqual(retried, { provisioningId: 'evt-lost', kind: 'teardown' }, 'a new teardown joins the record the failed one left');
    assert.equal((await records.get('evt-lost'))?.executions['del-lost']?.status, 'FAILED');
  });
});
