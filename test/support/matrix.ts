/**
 * What the matrix's test files share: a cell's flat form and name, the checker of what the covering subset promises,
 * and the provisioning matrix's test, run in shards, one file each, so that two test processes share its cells.
 */
import '../../tools/verify/env.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BEFORE_EFFECT_KINDS, FAULT_KINDS, RERUNS, allCells, coveringCells, formatMatrix, isApplicable, rerunsOf, runMatrix, shardOf } from '../../tools/verify/matrix/index.ts';
import type { FaultKind, Rerun, Shard, Target } from '../../tools/verify/matrix/index.ts';
import { fullChecks } from '../../tools/verify/full-checks.ts';

export const FULL = fullChecks();
/** How many files the provisioning matrix is split into: test/tools/verify/matrix-provisioning-1.test.ts and the next. */
export const PROVISIONING_SHARDS = 2;

export type Cell = { machine?: 'teardown'; state: string; call: string; kind: FaultKind; rerun: Rerun };
export const flat = (c: { target: Target; kind: FaultKind; rerun: Rerun }): Cell =>
  ({ ...(c.target.machine ? { machine: c.target.machine } : {}), state: c.target.state, call: c.target.call, kind: c.kind, rerun: c.rerun });
export const cellName = (c: Cell): string => `${c.machine ? 'teardown: ' : ''}${c.state} ${c.call} ${c.kind}/${c.rerun}`;

/**
 * What the covering subset promises, checked on the cells themselves: the gaps, none expected. Per row: each of its
 * fault kinds that hit after the call took effect (and terminal), and each rerun. Across the rows (unless the cells
 * are one shard's, `whole: false`): each Task state with each kind that hits before the effect, and every fault kind
 * with every rerun.
 */
export const coverageGaps = (targets: readonly Target[], cells: readonly Cell[], opts: { whole: boolean } = { whole: true }): string[] => {
  const gaps: string[] = [];
  const has = (p: (c: Cell) => boolean): boolean => cells.some(p);
  const row = (t: Target) => (c: Cell) => c.machine === t.machine && c.state === t.state && c.call === t.call;
  for (const t of targets) {
    for (const kind of FAULT_KINDS) {
      if (isApplicable(t, kind) && !BEFORE_EFFECT_KINDS.includes(kind) && !has((c) => row(t)(c) && c.kind === kind)) gaps.push(`${t.state} ${t.call} never gets ${kind}`);
    }
    for (const rerun of rerunsOf(t)) if (!has((c) => row(t)(c) && c.rerun === rerun)) gaps.push(`${t.state} ${t.call} never gets ${rerun}`);
  }
  if (!opts.whole) return gaps;
  for (const t of targets) {
    for (const kind of BEFORE_EFFECT_KINDS) {
      if (isApplicable(t, kind) && !has((c) => c.machine === t.machine && c.state === t.state && c.kind === kind)) gaps.push(`state ${t.state} never gets ${kind}`);
    }
  }
  for (const machine of [undefined, 'teardown'] as const) {
    const rows = targets.filter((t) => t.machine === machine);
    for (const kind of FAULT_KINDS) {
      if (!rows.some((t) => isApplicable(t, kind))) continue;
      for (const rerun of rerunsOf({ ...(machine ? { machine } : {}) })) {
        if (!has((c) => c.machine === machine && c.kind === kind && c.rerun === rerun)) gaps.push(`${machine ?? 'provisioning'}: ${kind} never meets ${rerun}`);
      }
    }
  }
  return [...new Set(gaps)];
};

/** The provisioning rows' cells of one shard: the plan over every row, narrowed to the shard's rows. */
export const provisioningMatrixShard = (shard: Shard): void => {
  const of = `shard ${shard.index + 1} of ${shard.count} of the rows`;
  describe(`fault × rerun matrix, ${of}: ${FULL ? 'every cell (FULL_CHECKS=1)' : 'the covering subset of the cells (FULL_CHECKS=1: every cell)'}`, () => {
    it('ends SUCCEEDED or in the documented named failure, with at most one directory and one connector per cell', async (t) => {
      // Act
      const m = await runMatrix({ cells: FULL ? 'full' : 'covering', parts: ['provisioning'], shard });
      t.diagnostic(`\n${formatMatrix(m)}`);
      // Assess
      const planned = (FULL ? allCells : coveringCells)(m.discovered).filter((c) => m.targets.includes(c.target)).map(flat);
      assert.deepEqual(m.cells.map(cellName), planned.map(cellName));
      assert.deepEqual(m.targets, shardOf(m.discovered, shard));
      if (FULL) assert.equal(m.summary.cells, m.targets.reduce((n, target) => n + FAULT_KINDS.filter((k) => isApplicable(target, k)).length * RERUNS.length, 0));
      assert.deepEqual(coverageGaps(m.targets, m.cells, { whole: false }), []);
      assert.equal(m.summary.duplicates, 0, 'a cell left a duplicate directory or connector');
      assert.equal(m.summary.lostRecords, 0, 'a cell lost an execution from its provisioning record');
      assert.deepEqual(m.cells.filter((c) => !c.passed).map((c) => `${cellName(c)}: ${c.problems.join('; ')}`), []);
      // Every column really exercised its rerun.
      assert.ok(m.cells.some((c) => c.rerun === 'redrive' && /redrive SUCCEEDED/.test(c.path)), 'no redrive succeeded');
      assert.ok(m.cells.some((c) => c.rerun === 'redrive' && /\(caught\) -> redrive FAILED/.test(c.path)), 'no redrive of a caught failure');
      assert.ok(m.cells.every((c) => c.rerun !== 'duplicate-start' || /^event .* -> api /.test(c.path)), 'duplicate start did not run both channels');
    });
  });
};
