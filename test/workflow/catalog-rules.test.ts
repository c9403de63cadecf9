import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONNECTOR_TIMEOUT_MINUTES, DIRECTORY_TIMEOUT_MINUTES } from '../../src/workflow/waits.ts';
import { ALL_ERROR_NAMES, ERROR_CATALOG, LAMBDA_TRANSIENT_ERRORS, TASK_STATES, TRANSPORT_ERRORS } from '../../src/workflow/catalog.ts';
import { LONGEST_DEADLINE_SECONDS, RETRY_POLICIES, retryGroupOf, retryPolicyOf } from '../../src/workflow/retry-policies.ts';
import { DELETION_POLL_INTERVAL_SECONDS } from '../../src/workflow/teardown-waits.ts';
import { WAITED_RESOURCES } from '../../src/workflow/waits.ts';

describe('error catalog', () => {
  it('has one row per (state, name) and every Lambda task retries every Lambda service error', () => {
    const keys = ERROR_CATALOG.map((r) => `${r.state}/${r.name}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const state of TASK_STATES) {
      for (const name of LAMBDA_TRANSIENT_ERRORS) {
        assert.ok(keys.includes(`${state}/${name}`), `${state} lacks ${name}`);
      }
    }
    assert.ok(ALL_ERROR_NAMES.includes('DirectoryLimitExceededException'));
  });

  it('every Lambda task retries both transport errors in the transport retrier', () => {
    for (const state of TASK_STATES) {
      for (const name of TRANSPORT_ERRORS) {
        const row = ERROR_CATALOG.find((r) => r.state === state && r.name === name);
        assert.ok(row, `${state} lacks ${name}`);
        assert.equal(row.handling, 'retry');
        assert.equal(retryGroupOf(row), 'transport');
      }
    }
  });

  it('every Task that calls Directory Service retries both names a throttle may have: ClientException "Rate exceeded" and ThrottlingException', () => {
    const dsStates = [...new Set(ERROR_CATALOG.filter((r) => /^DS\b/.test(r.source)).map((r) => r.state))];
    assert.deepEqual(
      ['CreateDirectory', 'GetDirectoryStage', 'DiscoverResources', 'DeleteDirectories'].filter((s) => !dsStates.includes(s as never)),
      [],
      'the Tasks known to call Directory Service have DS rows',
    );
    for (const state of dsStates) {
      for (const name of ['DirectoryServiceThrottledError', 'ThrottlingException']) {
        const row = ERROR_CATALOG.find((r) => r.state === state && r.name === name);
        assert.ok(row, `${state} lacks ${name}`);
        assert.equal(retryGroupOf(row), 'throttling', `${state}/${name}`);
        assert.match(row.source, /\bDS\b/, `${state}/${name} names Directory Service as a source`);
      }
    }
  });

  it('retried-only rows are rerun by redrive, caught rows by a new execution', () => {
    for (const r of ERROR_CATALOG) {
      assert.equal(r.rerun, r.handling === 'retry' ? 'redrive' : 'new-execution', `${r.state}/${r.name}`);
    }
  });

  it('each waited resource has its not-ready row (poll retry group), its failed and its timeout rows (caught), at its poll Task', () => {
    for (const w of WAITED_RESOURCES) {
      const at = (name: string) => ERROR_CATALOG.find((r) => r.state === w.pollState && r.name === name);
      const notReady = at(w.notReady);
      assert.ok(notReady, `${w.pollState}/${w.notReady}`);
      assert.equal(notReady.handling, 'retry');
      assert.equal(retryGroupOf(notReady), 'poll');
      assert.equal(at(w.failed)?.handling, 'catch', `${w.pollState}/${w.failed}`);
      assert.equal(at(w.timeout)?.handling, 'catch', `${w.pollState}/${w.timeout}`);
    }
  });

  it('each poll retrier waits its resource\'s interval (a deletion\'s its own), and its backstop outlasts the longest deadline a request may set', () => {
    assert.equal(LONGEST_DEADLINE_SECONDS, Math.max(DIRECTORY_TIMEOUT_MINUTES.max, CONNECTOR_TIMEOUT_MINUTES.max) * 60);
    const policies = WAITED_RESOURCES.map((w) => {
      const row = ERROR_CATALOG.find((r) => r.state === w.pollState && r.name === w.notReady);
      assert.ok(row, w.notReady);
      const policy = retryPolicyOf(row);
      assert.equal(policy.IntervalSeconds, w.pollIntervalSeconds, w.resource);
      return policy;
    });
    assert.equal(RETRY_POLICIES.poll.IntervalSeconds, DELETION_POLL_INTERVAL_SECONDS);
    for (const { MaxAttempts, IntervalSeconds, MaxDelaySeconds, BackoffRate } of [...policies, RETRY_POLICIES.poll]) {
      assert.equal(MaxDelaySeconds, IntervalSeconds);
      assert.equal(BackoffRate, 1);
      // the first poll at or past the deadline is at most attempt ceil(deadline / interval) + 1 (the first is not a retry)
      assert.ok(MaxAttempts * IntervalSeconds >= LONGEST_DEADLINE_SECONDS + IntervalSeconds, `${MaxAttempts} × ${IntervalSeconds} s`);
    }
  });
});
