import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PERFORMANCE_DOC, performanceBlocks, readResults } from '../../../tools/bench/report.ts';
import { readBlock } from '../../../tools/markdown.ts';

describe('docs/performance.md tables (generated from tools/bench/results.json)', () => {
  it('every table is what tools/bench/report.ts renders from the committed results.json', () => {
    // Prepare
    const page = readFileSync(PERFORMANCE_DOC, 'utf8');
    // Act
    const blocks = performanceBlocks(readResults());
    // Assess
    assert.deepEqual(Object.keys(blocks), ['bench:polling', 'bench:candidates', 'bench:bundles', 'bench:cold-start', 'bench:throughput']);
    for (const [name, table] of Object.entries(blocks)) {
      assert.equal(readBlock(page, name), table, `docs/performance.md ${name} is stale: run \`npm run docs\``);
    }
  });
});
