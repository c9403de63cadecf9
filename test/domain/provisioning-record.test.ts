import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CHANGE_LEASE_TTL_SECONDS, changeLeaseKey, concurrentChangeMessage, isActiveStatus } from '../../src/domain/change-lease.ts';
import { executionNameOf, isValidExecutionName, updateNameBase } from '../../src/domain/execution-names.ts';
import {
  endedEntry,
  identityKey,
  identityOf,
  joins,
  kindOf,
  outcomeOfState,
  recordStatusAfter,
  recordView,
  statusEventApplies,
  statusFromRecord,
  updateExecutionName,
} from '../../src/domain/provisioning-record.ts';
import type { ProvisioningRecord, RecordedExecution } from '../../src/domain/provisioning-record.ts';
import { sampleInput } from '../fixtures.ts';

const DIR = { VpcId: 'vpc-1', Name: 'Corp.Example.com' };
const entry = (name: string, kind: RecordedExecution['kind'], startDate: string, status = 'SUCCEEDED'): RecordedExecution =>
  ({ executionArn: `arn:aws:states:us-east-1:1:execution:m:${name}`, name, kind, status, startDate });
const record = (executions: RecordedExecution[], status: ProvisioningRecord['status'] = 'PROVISIONED'): ProvisioningRecord => ({
  provisioningId: executions[0]?.name ?? 'p', identity: DIR, status, request: sampleInput(), currentExecution: executions.at(-1)?.name ?? 'p',
  executions: Object.fromEntries(executions.map((e) => [e.name, e])), createdAt: 'c', updatedAt: 'u', outputs: { DirectoryId: 'd-1' },
});

describe('change lease rules', () => {
  it('one key per directory identity (VPC + Name in any case), apart from the creation lease\'s', () => {
    assert.equal(changeLeaseKey(DIR), 'change#vpc-1#corp.example.com');
    assert.equal(changeLeaseKey({ ...DIR, Name: 'CORP.example.COM' }), changeLeaseKey(DIR));
    assert.notEqual(changeLeaseKey({ ...DIR, VpcId: 'vpc-2' }), changeLeaseKey(DIR));
  });

  it('a holder holds it while RUNNING or PENDING_REDRIVE; failed, stopped, timed out, succeeded or unknown: taken over', () => {
    assert.deepEqual(['RUNNING', 'PENDING_REDRIVE'].map(isActiveStatus), [true, true]);
    assert.deepEqual(['FAILED', 'ABORTED', 'TIMED_OUT', 'SUCCEEDED', undefined].map(isActiveStatus), [false, false, false, false, false]);
  });

  it('its time to live (only a sweep) outlasts both machines\' TimeoutSeconds and the 14-day redrive window', () => {
    for (const asl of ['statemachine/provision.asl.json', 'statemachine/teardown.asl.json']) {
      const { TimeoutSeconds } = JSON.parse(readFileSync(asl, 'utf8')) as { TimeoutSeconds: number };
      assert.ok(CHANGE_LEASE_TTL_SECONDS > TimeoutSeconds + 14 * 86_400, asl);
    }
  });

  it('the refusal names the directory and the running execution', () => {
    assert.equal(
      concurrentChangeMessage(DIR, { executionArn: 'arn:x', status: 'PENDING_REDRIVE' }),
      'Another change of directory Corp.Example.com in vpc-1 is running: arn:x (PENDING_REDRIVE). Nothing was changed; start this again once that execution has ended.',
    );
  });
});

describe('provisioning record rules', () => {
  it('the identity of a request, or none for one that names no directory', () => {
    assert.deepEqual(identityOf(sampleInput()), { VpcId: 'vpc-0a1b2c3d4e5f60718', Name: 'corp.example.com' });
    for (const bad of [null, [], 'x', {}, { Directory: { Name: 'a' } }, { Directory: { Name: '', VpcSettings: { VpcId: 'v' } } }]) assert.equal(identityOf(bad), undefined);
    assert.equal(identityKey(DIR), 'directory#vpc-1#corp.example.com');
  });

  it('which record an execution joins, and as what', () => {
    const live = record([entry('p1', 'provisioning', '1')]);
    const torn = record([entry('p1', 'provisioning', '1'), entry('t1', 'teardown', '2')], 'TORN_DOWN');
    assert.equal(joins('provision', undefined, 'p2'), 'new');
    assert.equal(joins('teardown', undefined, 't2'), 'none', 'a teardown never starts a record');
    assert.equal(joins('provision', live, 'p2'), 'current');
    assert.equal(joins('provision', torn, 'p2'), 'new', 'a torn-down directory gets a new record');
    assert.equal(joins('provision', torn, 't1'), 'current', 'an execution already in it stays');
    assert.equal(kindOf('provision', undefined, 'p1'), 'provisioning');
    assert.equal(kindOf('provision', live, 'p2'), 'update');
    assert.equal(kindOf('teardown', live, 't2'), 'teardown');
    assert.equal(kindOf('provision', record([entry('t0', 'teardown', '0')]), 'p2'), 'provisioning');
  });

  it('the outcome from the state the record step sees: the output, or the caught error; the plan when it has one', () => {
    const plan = [{ resource: 'template', id: 'T', action: 'update', fields: ['Definition'] }];
    assert.deepEqual(outcomeOfState({ DirectoryId: 'd-1' }, 't'), { status: 'SUCCEEDED', stopDate: 't', output: { DirectoryId: 'd-1' } });
    assert.deepEqual(outcomeOfState({ DirectoryId: 'd-1', Plan: plan }, 't'), { status: 'SUCCEEDED', stopDate: 't', output: { DirectoryId: 'd-1', Plan: plan }, plan });
    assert.deepEqual(
      outcomeOfState({ error: { Error: 'DirectoryFailed', Cause: 'no IPs' }, plan: { plan, warnings: [] } }, 't'),
      { status: 'FAILED', stopDate: 't', error: 'DirectoryFailed', cause: 'no IPs', plan },
    );
    assert.deepEqual(outcomeOfState({ error: { Error: 'ConcurrentChangeError', Cause: 'held' } }, 't'), { status: 'FAILED', stopDate: 't', error: 'ConcurrentChangeError', cause: 'held' });
    assert.equal(recordStatusAfter('update', 'SUCCEEDED'), 'PROVISIONED');
    assert.equal(recordStatusAfter('teardown', 'SUCCEEDED'), 'TORN_DOWN');
    assert.equal(recordStatusAfter('provisioning', 'ABORTED'), 'FAILED');
    assert.equal(endedEntry('update', { status: 'FAILED', stopDate: 't', cause: 'c'.repeat(3000) }).cause?.length, 1000);
  });

  it('a status change event is written over an entry that says something else, unless the entry was redriven since', () => {
    assert.equal(statusEventApplies({ status: 'RUNNING' }, { status: 'ABORTED' }), true, 'the record step never ran');
    assert.equal(statusEventApplies({ status: 'SUCCEEDED' }, { status: 'FAILED', redriveCount: 0 }), true, 'failed at the record step after its write');
    assert.equal(statusEventApplies({ status: 'SUCCEEDED' }, { status: 'SUCCEEDED' }), false, 'the record step wrote more');
    assert.equal(statusEventApplies({ status: 'RUNNING', redriveCount: 1 }, { status: 'FAILED', redriveCount: 0 }), false, 'a late event of the run before the redrive');
    assert.equal(statusEventApplies({ status: 'SUCCEEDED', redriveCount: 1 }, { status: 'FAILED', redriveCount: 0 }), false);
    assert.equal(statusEventApplies({ status: 'FAILED', redriveCount: 1 }, { status: 'TIMED_OUT', redriveCount: 1 }), true);
  });

  it('an update\'s name: deterministic from the id and the request, ≤ 80 characters; the same again is the same; the same after another applies it anew', () => {
    const base = updateNameBase('api-key-p1', sampleInput());
    assert.equal(base, updateNameBase('api-key-p1', JSON.parse(JSON.stringify(sampleInput())) as unknown), 'any key order');
    assert.notEqual(base, updateNameBase('api-key-p2', sampleInput()));
    assert.ok(isValidExecutionName(`${base}-999999999999999`), 'room for the generation suffix');
    const first = updateExecutionName(record([entry('p1', 'provisioning', '1')]), base);
    assert.equal(first, base);
    const afterFirst = record([entry('p1', 'provisioning', '1'), entry(first, 'update', '2', 'RUNNING')]);
    assert.equal(updateExecutionName(afterFirst, base), base, 'a repeat: the same execution');
    const other = updateNameBase('api-key-p1', { ...sampleInput(), Options: { ConnectorTimeoutMinutes: 20 } });
    const afterOther = record([entry('p1', 'provisioning', '1'), entry(first, 'update', '2'), entry(other, 'update', '3')]);
    assert.equal(updateExecutionName(afterOther, base), `${base}-1`, 'back to the first request: applied anew');
    assert.equal(executionNameOf(`arn:aws:states:us-east-1:1:execution:m:${base}`), base);
  });

  it('the view: executions newest first, the last apply and the last teardown; from the record alone once the history is gone', () => {
    const r = record([entry('p1', 'provisioning', '2026-01-01'), entry('put-1', 'update', '2026-02-01', 'FAILED'), entry('t1', 'teardown', '2026-03-01')], 'TORN_DOWN');
    const view = recordView(r);
    assert.deepEqual(view.executions.map((e) => e.name), ['t1', 'put-1', 'p1']);
    assert.equal(view.lastApply?.name, 'put-1');
    assert.equal(view.lastTeardown?.name, 't1');
    const status = statusFromRecord(r);
    assert.deepEqual([status.name, status.status, status.output], ['p1', 'SUCCEEDED', { DirectoryId: 'd-1' }]);
  });
});
