import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PERFORMANCE_DOC, README, performanceBlocks, readResults, readmeBlocks } from '../../../tools/bench/report.ts';
import { CONNECTOR_POLL_INTERVAL_SECONDS, DIRECTORY_POLL_INTERVAL_SECONDS, WAITED_RESOURCES } from '../../../src/workflow/waits.ts';
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
      'bench:polling', 'bench:latency', 'bench:sample', 'bench:failure', 'bench:candidates', 'bench:bundles', 'bench:cold-start', 'bench:throughput',
    ]);
    for (const [name, table] of Object.entries(blocks)) {
      assert.equal(readBlock(page, name), table, `docs/performance.md ${name} is stale: run \`npm run docs\``);
    }
    for (const [name, table] of Object.entries(readmeBlocks(results))) {
      assert.equal(readBlock(readme, name), table, `README.md ${name} is stale: run \`npm run docs\``);
    }
  });

  it('the committed figures are of the checked-in poll intervals, which the measurement chose, beside the baseline', () => {
    const { polling, pollingBaseline } = readResults();
    const checkedIn = { directorySeconds: DIRECTORY_POLL_INTERVAL_SECONDS, connectorSeconds: CONNECTOR_POLL_INTERVAL_SECONDS };
    assert.deepEqual(polling.intervals, checkedIn, 'results.json is stale: run `npm run bench`');
    assert.deepEqual(polling.chosen, checkedIn, 'the bench chose other intervals: set them in src/workflow/waits.ts');
    for (const w of WAITED_RESOURCES) {
      assert.equal(w.pollIntervalSeconds, w.resource === 'directory' ? checkedIn.directorySeconds : checkedIn.connectorSeconds, w.resource);
    }
    const chosen = polling.candidates.find((c) => c.intervals.directorySeconds === checkedIn.directorySeconds && c.intervals.connectorSeconds === checkedIn.connectorSeconds);
    assert.ok(chosen?.meetsMargin, 'the chosen pair meets the goals with their margin');
    assert.ok(polling.sample.latencySumSeconds <= polling.goals.sampleLatencySumSeconds, `sample: ${polling.sample.latencySumSeconds} s`);
    assert.ok(pollingBaseline, 'the baseline (old schedule, naive 30 s poll) is kept');
    assert.deepEqual([...new Set(pollingBaseline.rows.map((r) => r.strategy))], ['old', 'naive-30s']);
  });
});
