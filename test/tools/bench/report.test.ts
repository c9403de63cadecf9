import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PERFORMANCE_DOC, README, performanceBlocks, readResults, readmeBlocks } from '../../../tools/bench/report.ts';
import { POLL_INTERVAL_SECONDS } from '../../../src/workflow/retry-policies.ts';
import { readBlock } from '../../../tools/markdown.ts';

describe('bench tables in docs/performance.md and the README (generated from tools/bench/results.json)', () => {
  it('every table is what tools/bench/report.ts renders from the committed results.json', () => {
    // Prepare
    const page = readFileSync(PERFORMANCE_DOC, 'utf8');
    const readme = readFileSync(README, 'utf8');
    // Act
    const results = readResults();
    const blocks = performanceBlocks(results);
    // Assess
    assert.deepEqual(Object.keys(blocks), [
      'bench:polling', 'bench:latency', 'bench:failure', 'bench:candidates', 'bench:bundles', 'bench:cold-start', 'bench:throughput',
    ]);
    for (const [name, table] of Object.entries(blocks)) {
      assert.equal(readBlock(page, name), table, `docs/performance.md ${name} is stale: run \`npm run docs\``);
    }
    for (const [name, table] of Object.entries(readmeBlocks(results))) {
      assert.equal(readBlock(readme, name), table, `README.md ${name} is stale: run \`npm run docs\``);
    }
  });

  it('the committed figures are of the checked-in poll interval, which the measurement chose, beside the baseline', () => {
    const { polling, pollingBaseline } = readResults();
    assert.equal(polling.intervalSeconds, POLL_INTERVAL_SECONDS, 'results.json is stale: run `npm run bench`');
    assert.equal(polling.chosenIntervalSeconds, POLL_INTERVAL_SECONDS);
    assert.ok(pollingBaseline, 'the baseline (old schedule, naive 30 s poll) is kept');
    assert.deepEqual([...new Set(pollingBaseline.rows.map((r) => r.strategy))], ['old', 'naive-30s']);
  });
});
