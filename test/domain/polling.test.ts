import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectorPollState, DirectoryPollState } from '../../src/contract.ts';
import { ConnectorActivationTimeoutError, DirectoryActivationTimeoutError } from '../../src/domain/errors.ts';
import {
  CONNECTOR_POLL,
  DIRECTORY_POLL,
  adoptedDirectoryWait,
  initialConnectorState,
  initialDirectoryState,
  initialDirectoryWait,
  nextConnectorPoll,
  nextDirectoryPoll,
} from '../../src/domain/polling.ts';

const created = (type: 'SimpleAD' | 'MicrosoftAD' = 'SimpleAD', timeout = 3600): DirectoryPollState =>
  initialDirectoryState({
    DirectoryId: 'd-1234567890',
    DirectoryType: type,
    Adopted: false,
    Stage: 'Requested',
    TimeoutSeconds: timeout,
    WaitSeconds: initialDirectoryWait(type),
  });

describe('directory poll schedule', () => {
  it('initial wait is sized to the type', () => {
    assert.equal(initialDirectoryWait('SimpleAD'), 540);
    assert.equal(initialDirectoryWait('MicrosoftAD'), 1980);
    assert.deepEqual(created(), {
      DirectoryId: 'd-1234567890', DirectoryType: 'SimpleAD', Adopted: false, Stage: 'Requested', StageReason: null,
      WaitSeconds: 540, PollRound: 0, ElapsedSeconds: 0, TimeoutSeconds: 3600,
    });
  });

  it('the initial wait never exceeds the deadline', () => {
    assert.equal(created('MicrosoftAD', 600).WaitSeconds, 600);
  });

  it('polls every 60 s inside the window, then backs off 60 → 90 → 120 and caps; ElapsedSeconds sums the previous waits', () => {
    // Prepare
    let s = created();
    const waits: number[] = [];
    const elapsed: number[] = [];
    // Act
    for (let i = 0; i < 8; i++) {
      s = nextDirectoryPoll(s, 'Creating');
      waits.push(s.WaitSeconds);
      elapsed.push(s.ElapsedSeconds);
    }
    // Assess
    assert.deepEqual(waits, [60, 60, 60, 60, 60, 90, 120, 120]);
    assert.deepEqual(elapsed, [540, 600, 660, 720, 780, 840, 930, 1050]);
    assert.equal(s.PollRound, 8);
  });

  it('Managed Microsoft AD: the window is 33–41 min', () => {
    // Prepare
    let s = created('MicrosoftAD', 4500);
    const elapsed: number[] = [];
    // Act
    for (let i = 0; i < 10; i++) {
      s = nextDirectoryPoll(s, 'Creating');
      elapsed.push(s.ElapsedSeconds);
    }
    // Assess
    assert.deepEqual(elapsed, [1980, 2040, 2100, 2160, 2220, 2280, 2340, 2400, 2460, 2520]);
    assert.equal(s.WaitSeconds, 90);
  });

  it('polls faster once the stage is Created', () => {
    const s = nextDirectoryPoll(nextDirectoryPoll(nextDirectoryPoll(created(), 'Creating'), 'Creating'), 'Created');
    assert.equal(s.WaitSeconds, DIRECTORY_POLL.createdStageSeconds);
  });

  it('Active and failure stages end the loop with WaitSeconds 0 and carry StageReason', () => {
    const active = nextDirectoryPoll(created(), 'Active');
    assert.equal(active.Stage, 'Active');
    assert.equal(active.WaitSeconds, 0);
    const failed = nextDirectoryPoll(created(), 'Failed', 'Insufficient IPs');
    assert.deepEqual([failed.Stage, failed.StageReason, failed.WaitSeconds], ['Failed', 'Insufficient IPs', 0]);
  });

  it('clamps the last wait to the deadline, then throws DirectoryActivationTimeoutError', () => {
    // Prepare
    let s = created('SimpleAD', 630); // 540 + 60 + clamp(60 → 30)
    // Act
    s = nextDirectoryPoll(s, 'Creating');
    s = nextDirectoryPoll(s, 'Creating');
    // Assess
    assert.equal(s.ElapsedSeconds, 600);
    assert.equal(s.WaitSeconds, 30);
    assert.throws(() => nextDirectoryPoll(s, 'Creating', 'still going'), (e: Error) => {
      assert.ok(e instanceof DirectoryActivationTimeoutError);
      assert.equal(e.name, 'DirectoryActivationTimeoutError');
      assert.match(e.message, /d-1234567890 is still Creating after 630 s/);
      return true;
    });
  });

  it('does not time out a directory that turned Active exactly at the deadline', () => {
    const s = { ...created('SimpleAD', 600), ElapsedSeconds: 540, WaitSeconds: 60, PollRound: 2 };
    assert.equal(nextDirectoryPoll(s, 'Active').Stage, 'Active');
  });

  it('a typical Simple AD (Active at ~12 min) costs few rounds', () => {
    let s = created();
    let rounds = 0;
    while (s.ElapsedSeconds + s.WaitSeconds < 720) {
      s = nextDirectoryPoll(s, 'Creating');
      rounds += 1;
    }
    s = nextDirectoryPoll(s, 'Active');
    assert.ok(rounds + 1 <= 5, `rounds ${rounds + 1}`);
    assert.ok(s.ElapsedSeconds - 720 <= DIRECTORY_POLL.maxPollSeconds);
  });

  it('adopted directories: no wait when Active or failed, the rest of the typical time otherwise', () => {
    assert.equal(adoptedDirectoryWait('SimpleAD', 'Active', 10_000), 0);
    assert.equal(adoptedDirectoryWait('SimpleAD', 'Failed', 10_000), 0);
    assert.equal(adoptedDirectoryWait('SimpleAD', 'Creating', 180), 360);
    assert.equal(adoptedDirectoryWait('SimpleAD', 'Creating', 3000), DIRECTORY_POLL.firstPollSeconds);
    assert.equal(adoptedDirectoryWait('MicrosoftAD', 'Requested', undefined), 1980);
    assert.equal(adoptedDirectoryWait('MicrosoftAD', 'Created', 0), DIRECTORY_POLL.createdStageSeconds);
  });
});

describe('connector poll schedule', () => {
  const start = (status = 'CREATING', timeout = 1800): ConnectorPollState =>
    initialConnectorState({ ConnectorArn: 'arn:c', Adopted: false, Status: status, TimeoutSeconds: timeout });

  it('CREATING waits the initial time; ACTIVE does not wait', () => {
    assert.equal(start().WaitSeconds, CONNECTOR_POLL.initialWaitSeconds);
    assert.equal(start('ACTIVE').WaitSeconds, 0);
  });

  it('backs off 30 → 45 → 60 and caps', () => {
    let s = start();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      s = nextConnectorPoll(s, 'CREATING');
      waits.push(s.WaitSeconds);
    }
    assert.deepEqual(waits, [30, 45, 60, 60]);
    assert.equal(s.ElapsedSeconds, CONNECTOR_POLL.initialWaitSeconds + 30 + 45 + 60);
  });

  it('FAILED is returned with its StatusReason for the Choice', () => {
    const s = nextConnectorPoll(start(), 'FAILED', 'DIRECTORY_ACCESS_DENIED');
    assert.deepEqual([s.Status, s.StatusReason, s.WaitSeconds, s.PollRound], ['FAILED', 'DIRECTORY_ACCESS_DENIED', 0, 1]);
  });

  it('times out with ConnectorActivationTimeoutError', () => {
    const s = { ...start('CREATING', 300), ElapsedSeconds: 270, WaitSeconds: 30, PollRound: 6 };
    assert.throws(() => nextConnectorPoll(s, 'CREATING'), ConnectorActivationTimeoutError);
    assert.equal(nextConnectorPoll(s, 'ACTIVE').Status, 'ACTIVE');
  });
});
