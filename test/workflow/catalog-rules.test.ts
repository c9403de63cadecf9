import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_ERROR_NAMES, ERROR_CATALOG, LAMBDA_TRANSIENT_ERRORS, TASK_STATES, TRANSPORT_ERRORS } from '../../src/workflow/catalog.ts';
import { retryGroupOf } from '../../src/workflow/retry-policies.ts';

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

  it('retried-only rows are rerun by redrive, caught rows by a new execution', () => {
    for (const r of ERROR_CATALOG) {
      assert.equal(r.rerun, r.handling === 'retry' ? 'redrive' : 'new-execution', `${r.state}/${r.name}`);
    }
  });
});
