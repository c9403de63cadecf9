/**
 * The state machines' top-level TimeoutSeconds (src/workflow/execution-timeout.ts): the arithmetic of one retrier
 * and one state, against figures stated elsewhere by hand, and the two machines' values against their documented
 * longest waits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Retrier, State } from '../../src/workflow/asl.ts';
import { buildDefinition } from '../../src/workflow/definition.ts';
import { executionTimeoutSeconds, retryWaitSeconds, stateSeconds } from '../../src/workflow/execution-timeout.ts';
import { RETRY_POLICIES } from '../../src/workflow/retry-policies.ts';
import type { RetryGroup } from '../../src/workflow/retry-policies.ts';
import { buildTeardownDefinition } from '../../src/workflow/teardown-definition.ts';
import { CONNECTOR_DELETION_TIMEOUT_SECONDS, DIRECTORY_DELETION_TIMEOUT_SECONDS } from '../../src/workflow/teardown-waits.ts';
import { CONNECTOR_TIMEOUT_MINUTES, DIRECTORY_TIMEOUT_MINUTES, WAITED_RESOURCES } from '../../src/workflow/waits.ts';

const retrier = (group: RetryGroup, ...names: string[]): Retrier => {
  const { Comment: _c, ...policy } = RETRY_POLICIES[group];
  return { ErrorEquals: names, ...policy };
};
const task = (retry: Retrier[], next = 'Done'): State => ({ Type: 'Task', TimeoutSeconds: 60, Retry: retry, Next: next });

describe('the longest wait of a retrier', () => {
  it('sums min(interval × backoff^(n-1), max delay) over MaxAttempts retries', () => {
    // 5, 10, 20, 40, 80, then 120 (capped) three times
    assert.equal(retryWaitSeconds(retrier('throttling')), 5 + 10 + 20 + 40 + 80 + 120 + 120 + 120);
    // retry-policies.ts says the lease's 12th retry comes ~1104 s after the first refusal
    assert.equal(Math.round(retryWaitSeconds(retrier('lease'))), 1104);
    assert.equal(retryWaitSeconds(retrier('deauthorization')), RETRY_POLICIES.deauthorization.MaxAttempts * RETRY_POLICIES.deauthorization.IntervalSeconds);
  });
});

describe('the longest time of one state', () => {
  it('a Task: every attempt runs its TimeoutSeconds, plus each retrier\'s waits', () => {
    const s = task([retrier('lambda', 'Lambda.Unknown'), retrier('server', 'ServiceException')]);
    const attempts = 1 + RETRY_POLICIES.lambda.MaxAttempts + RETRY_POLICIES.server.MaxAttempts;
    assert.equal(stateSeconds('T', s, undefined), attempts * 60 + (2 + 4 + 8 + 16 + 32 + 60) + (5 + 10 + 20 + 40 + 60));
  });

  it('a poll Task: its longest wait, one poll interval and one run, whatever its poll retrier\'s MaxAttempts', () => {
    const s = task([retrier('poll', 'DirectoryNotReadyError')]);
    assert.equal(stateSeconds('P', s, 600), 60 + 600 + RETRY_POLICIES.poll.IntervalSeconds + 60);
    assert.throws(() => stateSeconds('P', s, undefined), /poll Task P has no longest wait/);
  });

  it('Pass, Choice, Succeed and Fail take no time; a Task needs a TimeoutSeconds', () => {
    for (const Type of ['Pass', 'Choice', 'Succeed', 'Fail']) assert.equal(stateSeconds('S', { Type }, undefined), 0);
    assert.throws(() => stateSeconds('T', { Type: 'Task' }, undefined), /no TimeoutSeconds/);
  });
});

describe('a machine\'s TimeoutSeconds', () => {
  it('sums its states, rounded up to the minute; a cycle or a stray longest wait is refused', () => {
    const states = { A: task([retrier('lambda', 'Lambda.Unknown')], 'B'), B: task([retrier('poll', 'ConnectorNotReadyError')], 'C'), C: { Type: 'Succeed' } };
    const sum = stateSeconds('A', states.A, undefined) + stateSeconds('B', states.B, 1800);
    assert.equal(executionTimeoutSeconds(states, { B: 1800 }), Math.ceil(sum / 60) * 60);
    assert.throws(() => executionTimeoutSeconds({ ...states, C: { Type: 'Pass', Next: 'A' } }, { B: 1800 }), /entered twice/);
    assert.throws(() => executionTimeoutSeconds(states, { A: 60, B: 1800 }), /A has a longest wait but is no poll Task/);
  });

  it('provisioning: outlasts the directory\'s and the four connector-side waits (Directory Data access included) at their longest, and the lease wait', () => {
    const def = buildDefinition();
    const waits = DIRECTORY_TIMEOUT_MINUTES.max * 60 + 4 * CONNECTOR_TIMEOUT_MINUTES.max * 60;
    assert.equal(WAITED_RESOURCES.reduce((t, w) => t + w.longestWaitSeconds, 0), waits);
    assert.ok(def.TimeoutSeconds !== undefined && def.TimeoutSeconds > waits + retryWaitSeconds(retrier('lease')), String(def.TimeoutSeconds));
    assert.equal(def.TimeoutSeconds % 60, 0);
  });

  it('provisioning: each poll Task counts its longest wait, its own resource\'s poll interval and one run', () => {
    const def = buildDefinition();
    for (const w of WAITED_RESOURCES) {
      const poll = def.States[w.pollState];
      assert.ok(poll, w.pollState);
      const pollRetrier = (poll.Retry ?? []).find((r) => r.ErrorEquals.includes(w.notReady));
      assert.equal(pollRetrier?.IntervalSeconds, w.pollIntervalSeconds, w.pollState);
      const others = { ...poll, Retry: (poll.Retry ?? []).filter((r) => r !== pollRetrier) };
      const run = Number(poll['TimeoutSeconds']);
      assert.equal(
        stateSeconds(w.pollState, poll, w.longestWaitSeconds),
        stateSeconds(w.pollState, others, undefined) + w.longestWaitSeconds + w.pollIntervalSeconds + run,
      );
    }
  });

  it('teardown: outlasts the deletion waits and the authorized-applications retry, and follows that retry\'s policy', () => {
    const def = buildTeardownDefinition();
    const deauthorization = retrier('deauthorization', 'DirectoryHasAuthorizedApplicationsError');
    const waits = CONNECTOR_DELETION_TIMEOUT_SECONDS + DIRECTORY_DELETION_TIMEOUT_SECONDS + retryWaitSeconds(deauthorization);
    assert.ok(def.TimeoutSeconds !== undefined && def.TimeoutSeconds > waits, String(def.TimeoutSeconds));
    // The authorized-applications retry waits 60 minutes (AWS: wait 30 to 60 minutes); twice as many retries would add
    // their waits and their runs to DeleteDirectories.
    assert.equal(retryWaitSeconds(deauthorization), 60 * 60);
    const deleteDirectories = def.States['DeleteDirectories'] as State;
    const longer = { ...deauthorization, MaxAttempts: 2 * deauthorization.MaxAttempts };
    const withLonger = { ...deleteDirectories, Retry: (deleteDirectories.Retry ?? []).map((r) => (r.ErrorEquals.includes('DirectoryHasAuthorizedApplicationsError') ? longer : r)) };
    const wait = DIRECTORY_DELETION_TIMEOUT_SECONDS;
    assert.equal(
      stateSeconds('DeleteDirectories', withLonger, wait) - stateSeconds('DeleteDirectories', deleteDirectories, wait),
      deauthorization.MaxAttempts * (deauthorization.IntervalSeconds + 60),
    );
  });
});
