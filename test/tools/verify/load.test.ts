/**
 * Load: concurrent executions in one local world (one emulator, one local Step Functions service, limits raised)
 * while 20 % of all Directory Service and PCA Connector AD calls are throttled (seeded emulator rate faults). 25 here;
 * 200 with FULL_CHECKS=1, as `npm run verify:reliability` runs it.
 */
import '../../../tools/verify/env.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fullChecks } from '../../../tools/verify/full-checks.ts';
import { runLoad } from '../../../tools/verify/load.ts';

const EXECUTIONS = fullChecks() ? 200 : 25;

describe('load', () => {
  it(`${EXECUTIONS} concurrent executions with 20 % of DS and PCA calls throttled: all succeed, one directory and one connector each`, async (t) => {
    // Act
    const result = await runLoad({ executions: EXECUTIONS, throttleRate: 0.2 });
    t.diagnostic(JSON.stringify({ ...result, failed: result.failed.slice(0, 3) }));
    // Assess
    assert.deepEqual(result.failed, []);
    assert.equal(result.succeeded, EXECUTIONS);
    assert.equal(result.duplicates, 0);
    assert.equal(result.directories, EXECUTIONS);
    assert.equal(result.connectors, EXECUTIONS);
    assert.ok(result.retries > 0, 'the throttling reached the state machine at least once');
  });
});
