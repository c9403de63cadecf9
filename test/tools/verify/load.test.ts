/**
 * Load: 200 concurrent executions in one local world (one emulator, one local Step Functions service, limits
 * raised) while 20 % of all Directory Service and PCA Connector AD calls are throttled (seeded emulator rate faults).
 */
import '../../../tools/verify/env.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runLoad } from '../../../tools/verify/load.ts';

describe('load', () => {
  it('200 concurrent executions with 20 % of DS and PCA calls throttled: all succeed, one directory and one connector each', async (t) => {
    // Act
    const result = await runLoad({ executions: 200, throttleRate: 0.2 });
    t.diagnostic(JSON.stringify({ ...result, failed: result.failed.slice(0, 3) }));
    // Assess
    assert.deepEqual(result.failed, []);
    assert.equal(result.succeeded, 200);
    assert.equal(result.duplicates, 0);
    assert.equal(result.directories, 200);
    assert.equal(result.connectors, 200);
    assert.ok(result.retries > 0, 'the throttling reached the state machine at least once');
  });
});
