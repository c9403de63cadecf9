/**
 * Secret hygiene (tools/verify/secrets.ts): happy path, every failure path, the API and the EventBridge trigger with a
 * known password; stdout/stderr (all Powertools log lines at DEBUG), execution input/output/error/cause/history,
 * emitted events, API responses and the emulator snapshot must contain it 0 times. The scan runs in a child
 * process (DEBUG logs; this test process's own stdout is the test runner's and is not captured).
 */
import '../../../tools/verify/env.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KNOWN_PASSWORD, countOccurrences, encodingsOf, runSecretScanIsolated } from '../../../tools/verify/secrets.ts';

describe('secret hygiene', () => {
  it('the scanner finds the password in each encoding it checks (it is not blind)', () => {
    const needles = encodingsOf(KNOWN_PASSWORD);
    for (const planted of [KNOWN_PASSWORD, JSON.stringify({ p: KNOWN_PASSWORD }), Buffer.from(KNOWN_PASSWORD).toString('base64'), encodeURIComponent(KNOWN_PASSWORD)]) {
      assert.ok(countOccurrences(`..${planted}..`, needles) > 0, planted);
    }
  });

  it('0 occurrences of the known password anywhere, while the password really was read, sent and stored', (t) => {
    // Act
    const result = runSecretScanIsolated();
    t.diagnostic(`${result.scenarios.length} scenarios, ${result.executions} executions, ${result.artifacts} artifacts, ${result.logLines} log lines, ${result.scannedBytes} bytes`);
    // Assess
    assert.deepEqual(result.leakPlaces, []);
    assert.equal(result.rawOutputLeaks, 0);
    assert.equal(result.leaks, 0);
    assert.ok(result.used.getSecretValue > 0 && result.used.createDirectory > 0 && result.used.createSecret > 0, JSON.stringify(result.used));
    assert.ok(result.logLines > 50, `only ${result.logLines} log lines captured`);
    assert.ok(result.scenarios.some((s) => s.startsWith('happy path: SUCCEEDED')));
    assert.ok(result.scenarios.some((s) => s.startsWith('API inline password: SUCCEEDED')));
    assert.ok(result.scenarios.filter((s) => s.includes('FAILED')).length >= 30);
  });
});
