import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectorPollState, DirectoryPollState } from '../../src/contract.ts';
import {
  ConnectorActivationTimeoutError,
  ConnectorFailed,
  ConnectorNotReadyError,
  DirectoryActivationTimeoutError,
  DirectoryFailed,
  DirectoryNotReadyError,
} from '../../src/domain/errors.ts';
import { afterConnectorPoll, afterDirectoryPoll, parseNotReady, secondsSince, startWait, verdictOf } from '../../src/domain/polling.ts';
import { CONNECTOR_TERMINAL, DIRECTORY_ACTIVE, DIRECTORY_PENDING, DIRECTORY_TERMINAL } from '../../src/workflow/stages.ts';

const T0 = new Date('2026-11-23T12:00:00.000Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

const directory = (timeoutSeconds = 3600): DirectoryPollState => ({
  DirectoryId: 'd-1234567890',
  DirectoryType: 'MicrosoftAD',
  Adopted: false,
  Stage: 'Requested',
  StageReason: null,
  Warnings: [],
  ...startWait(T0, timeoutSeconds),
});

const connector = (timeoutSeconds = 1800): ConnectorPollState => ({
  ConnectorArn: 'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/abc',
  Adopted: false,
  Status: 'CREATING',
  StatusReason: null,
  ...startWait(T0, timeoutSeconds),
});

/** Runs `fn` and returns what it threw. */
const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  assert.fail('expected a throw');
};

describe('wait window', () => {
  it('startWait: the wait starts now and ends after the timeout, as absolute ISO times', () => {
    assert.deepEqual(startWait(T0, 3600), {
      WaitStartedAt: '2026-11-23T12:00:00.000Z',
      Deadline: '2026-11-23T13:00:00.000Z',
      ElapsedSeconds: 0,
    });
    assert.equal(secondsSince('2026-11-23T12:00:00.000Z', at(75.4)), 75);
  });

  it('verdictOf: ready, in progress, and anything else (known terminal or unknown) is a failure', () => {
    assert.equal(verdictOf(DIRECTORY_ACTIVE, DIRECTORY_ACTIVE, DIRECTORY_PENDING), 'ready');
    for (const s of DIRECTORY_PENDING) assert.equal(verdictOf(s, DIRECTORY_ACTIVE, DIRECTORY_PENDING), 'pending', s);
    for (const s of [...DIRECTORY_TERMINAL, 'SomethingNew']) assert.equal(verdictOf(s, DIRECTORY_ACTIVE, DIRECTORY_PENDING), 'failed', s);
  });
});

describe('one directory poll', () => {
  it('Active: returns the state document with the stage and the seconds waited', () => {
    const out = afterDirectoryPoll(directory(), 'Active', null, at(1234));
    assert.deepEqual({ Stage: out.Stage, StageReason: out.StageReason, ElapsedSeconds: out.ElapsedSeconds }, { Stage: 'Active', StageReason: null, ElapsedSeconds: 1234 });
    assert.equal(out.Deadline, directory().Deadline, 'the deadline is carried unchanged');
  });

  it('in progress before the deadline: DirectoryNotReadyError naming the directory, its stage and the wait', () => {
    for (const stage of DIRECTORY_PENDING) {
      const err = thrown(() => afterDirectoryPoll(directory(), stage, null, at(150)));
      assert.ok(err instanceof DirectoryNotReadyError, stage);
      assert.equal(err.name, 'DirectoryNotReadyError');
      assert.equal(err.message, `Directory d-1234567890 is ${stage} after 150 s of waiting (deadline 2026-11-23T13:00:00.000Z)`);
    }
  });

  it('in progress at or past the deadline: DirectoryActivationTimeoutError (one second earlier is still not ready)', () => {
    assert.ok(thrown(() => afterDirectoryPoll(directory(600), 'Creating', null, at(599))) instanceof DirectoryNotReadyError);
    const err = thrown(() => afterDirectoryPoll(directory(600), 'Creating', 'slow', at(600)));
    assert.ok(err instanceof DirectoryActivationTimeoutError);
    assert.equal(err.message, 'Directory d-1234567890 is still Creating after 600 s of waiting, past its deadline 2026-11-23T12:10:00.000Z: slow');
  });

  it('terminal or unknown stages: DirectoryFailed with the StageReason, even past the deadline', () => {
    for (const stage of [...DIRECTORY_TERMINAL, 'SomethingNew']) {
      const err = thrown(() => afterDirectoryPoll(directory(600), stage, 'Insufficient IPs', at(5000)));
      assert.ok(err instanceof DirectoryFailed, stage);
      assert.equal(err.name, 'DirectoryFailed');
      assert.equal(err.message, `Directory d-1234567890 is ${stage}: Insufficient IPs`);
    }
    assert.equal(thrown(() => afterDirectoryPoll(directory(), 'Impaired', null, at(1))).message, 'Directory d-1234567890 is Impaired: no StageReason given');
  });

  it('Active past the deadline is still Active (ready wins over the timeout)', () => {
    assert.equal(afterDirectoryPoll(directory(600), 'Active', null, at(700)).Stage, 'Active');
  });
});

describe('one connector poll', () => {
  it('ACTIVE returns; CREATING is not ready; past the deadline times out; FAILED/DELETING/unknown fail', () => {
    assert.equal(afterConnectorPoll(connector(), 'ACTIVE', null, at(150)).ElapsedSeconds, 150);
    const notReady = thrown(() => afterConnectorPoll(connector(), 'CREATING', null, at(75)));
    assert.ok(notReady instanceof ConnectorNotReadyError);
    assert.equal(notReady.message, `Connector ${connector().ConnectorArn} is CREATING after 75 s of waiting (deadline 2026-11-23T12:30:00.000Z)`);
    assert.ok(thrown(() => afterConnectorPoll(connector(300), 'CREATING', null, at(300))) instanceof ConnectorActivationTimeoutError);
    for (const status of [...CONNECTOR_TERMINAL, 'PAUSED']) {
      const err = thrown(() => afterConnectorPoll(connector(), status, 'VPC_ACCESS_DENIED', at(75)));
      assert.ok(err instanceof ConnectorFailed, status);
      assert.equal(err.message, `Connector ${connector().ConnectorArn} is ${status}: VPC_ACCESS_DENIED`);
    }
  });
});

describe('parseNotReady', () => {
  it('reads back the resource, id and stage/status of a not-ready message, and nothing else', () => {
    const d = thrown(() => afterDirectoryPoll(directory(), 'Created', null, at(10))).message;
    assert.deepEqual(parseNotReady(d), { kind: 'directory', id: 'd-1234567890', value: 'Created' });
    const c = thrown(() => afterConnectorPoll(connector(), 'CREATING', null, at(10))).message;
    assert.deepEqual(parseNotReady(c), { kind: 'connector', id: connector().ConnectorArn, value: 'CREATING' });
    assert.equal(parseNotReady(thrown(() => afterDirectoryPoll(directory(), 'Failed', 'x', at(10))).message), undefined);
    assert.equal(parseNotReady('Directory d-1 is Creating'), undefined);
  });
});
