/**
 * Fault × rerun matrix over the local world: rows (rows.ts) × fault kinds (faults.ts) × reruns (grid.ts), each cell
 * run in a world of its own (cell.ts); the teardown's and the day-two cells start from a snapshot of one provisioned
 * world each (provisioned-world.ts). This module runs the grid or its covering subset and prints it.
 */
import '../env.ts';
import { runCell } from './cell.ts';
import type { CellResult, CellWorlds } from './cell.ts';
import { FAULT_KINDS } from './faults.ts';
import type { FaultKind } from './faults.ts';
import { RERUNS, allCells, coveringCells } from './grid.ts';
import type { Rerun } from './grid.ts';
import { dayOneWorld, provisionedWorld } from './provisioned-world.ts';
import { discoverDayTwoTargets, discoverTargets, discoverTeardownTargets } from './rows.ts';
import type { Target } from './rows.ts';

export { ABSORBED_CALLS, TEARDOWN_LEFTOVERS, judgeFailure, runCell } from './cell.ts';
export type { CellResult, CellWorlds } from './cell.ts';
export { FAULT_KINDS, MATRIX_SOCKET_TIMEOUT_MS, SERVICE_FAULTS, TRANSIENT_TIMES, faultHooks, isApplicable, terminalErrorFor } from './faults.ts';
export type { FaultKind } from './faults.ts';
export { BEFORE_EFFECT_KINDS, RERUNS, TEARDOWN_RERUNS, allCells, coveringCells, rerunsOf } from './grid.ts';
export type { CellKey, Rerun } from './grid.ts';
export { FOREIGN_DIRECTORY_NAME, createForeignDirectory, dayOneWorld, provisionForTeardown, provisionedWorld, startFromProvisioned } from './provisioned-world.ts';
export type { ProvisionedWorld } from './provisioned-world.ts';
export { PUBLISH_STATE, discoverDayTwoTargets, discoverTargets, discoverTeardownTargets } from './rows.ts';
export type { Target } from './rows.ts';

export interface MatrixResult {
  /** The rows run (a shard's rows only, with `shard`). */
  targets: Target[];
  /** Every row discovered: the plan of cells is made over these, then narrowed to the shard. */
  discovered: Target[];
  cells: CellResult[];
  summary: { cells: number; passed: number; duplicates: number; lostRecords: number; executions: number; wallMs: number };
  /** The teardown rows' share of the cells (when they ran): leftovers = cells that left something or lost the foreign directory. */
  teardown?: { rows: number; cells: number; passed: number; leftovers: number; executions: number; wallMs: number };
  /** The day-two rows' share of the cells (when they ran): lostUpdates = cells whose world lacks what the change asked for. */
  dayTwo?: { rows: number; cells: number; passed: number; duplicates: number; lostUpdates: number; executions: number; wallMs: number };
}

/** Which rows run: the provisioning's, the teardown's, the day-two change's; all unless told. */
export type MatrixPart = 'provisioning' | 'teardown' | 'day-two';

/** One of `count` parts of each part's rows, in their order (index from 0): the first `1/count` of them, the next, ... */
export interface Shard {
  index: number;
  count: number;
}

/** The rows of one shard: a contiguous run of them, so that each shard meets every rerun of the rotation. */
export const shardOf = <T>(rows: readonly T[], shard: Shard): T[] =>
  rows.slice(Math.floor((shard.index * rows.length) / shard.count), Math.floor(((shard.index + 1) * rows.length) / shard.count));

/**
 * Runs the grid: `full` (default) every applicable cell, `covering` the subset of coveringCells; `filter` narrows
 * either further; `parts` picks the provisioning rows, the teardown rows or both (default); `shard` runs the cells
 * of the plan made over all rows whose row is in the shard, so that the shards together run the whole plan.
 */
export const runMatrix = async (
  opts: {
    cells?: 'full' | 'covering';
    parts?: readonly MatrixPart[];
    filter?: (t: Target, k: FaultKind, r: Rerun) => boolean;
    shard?: Shard;
    onCell?: (c: CellResult) => void;
  } = {},
): Promise<MatrixResult> => {
  const started = performance.now();
  const parts = opts.parts ?? ['provisioning', 'teardown', 'day-two'];
  const discovered: Target[] = [];
  const targets: Target[] = [];
  const cells: CellResult[] = [];
  let teardown: MatrixResult['teardown'];
  let dayTwo: MatrixResult['dayTwo'];
  for (const part of parts) {
    const partStarted = performance.now();
    // The teardown's rows and cells all start from one provisioned world, the day-two ones from one DAY_ONE world.
    const worlds: CellWorlds = part === 'teardown' ? { provisioned: await provisionedWorld() } : part === 'day-two' ? { dayOne: await dayOneWorld() } : {};
    const rows = part === 'teardown' ? await discoverTeardownTargets(worlds.provisioned) : part === 'day-two' ? await discoverDayTwoTargets() : await discoverTargets();
    discovered.push(...rows);
    const shardRows = opts.shard ? shardOf(rows, opts.shard) : rows;
    targets.push(...shardRows);
    const partCells: CellResult[] = [];
    for (const { target, kind, rerun } of opts.cells === 'covering' ? coveringCells(rows) : allCells(rows)) {
      if (!shardRows.includes(target) || (opts.filter && !opts.filter(target, kind, rerun))) continue;
      const cell = await runCell(target, kind, rerun, worlds);
      partCells.push(cell);
      opts.onCell?.(cell);
    }
    cells.push(...partCells);
    if (part === 'teardown') {
      teardown = {
        rows: shardRows.length,
        cells: partCells.length,
        passed: partCells.filter((c) => c.passed).length,
        leftovers: partCells.filter((c) => c.leftovers).length,
        executions: partCells.reduce((n, c) => n + c.executions, 0),
        wallMs: Math.round(performance.now() - partStarted),
      };
    }
    if (part === 'day-two') {
      dayTwo = {
        rows: shardRows.length,
        cells: partCells.length,
        passed: partCells.filter((c) => c.passed).length,
        duplicates: partCells.filter((c) => c.duplicates).length,
        lostUpdates: partCells.filter((c) => c.lostUpdates).length,
        executions: partCells.reduce((n, c) => n + c.executions, 0),
        wallMs: Math.round(performance.now() - partStarted),
      };
    }
  }
  return {
    targets,
    discovered,
    cells,
    ...(teardown ? { teardown } : {}),
    ...(dayTwo ? { dayTwo } : {}),
    summary: {
      cells: cells.length,
      passed: cells.filter((c) => c.passed).length,
      duplicates: cells.filter((c) => c.duplicates).length,
      lostRecords: cells.filter((c) => c.lostRecords).length,
      executions: cells.reduce((n, c) => n + c.executions, 0),
      wallMs: Math.round(performance.now() - started),
    },
  };
};

const SHORT: Record<FaultKind, string> = {
  throttled: 'thr',
  server: '5xx',
  terminal: 'term',
  'lost-response': 'lost',
  'lambda-before': 'λ-pre',
  'lambda-after': 'λ-post',
  reset: 'reset',
  'reset-after': 'rst-af',
  'timeout-after': 'tmo-af',
};

/** Rows × (fault kind × rerun) as text: `✓` pass, `✗` fail, `D` duplicate, `L` leftover, `·` not applicable. */
export const formatMatrix = (m: MatrixResult): string => {
  const rowName = (t: Target) => `${t.machine === 'teardown' ? 'teardown: ' : t.scenario === 'day-two' ? 'day two: ' : ''}${t.state} ${t.call}`;
  const width = Math.max(...m.targets.map((t) => rowName(t).length), 10);
  const lines: string[] = [];
  lines.push(`${' '.repeat(width)}  ${FAULT_KINDS.map((k) => SHORT[k].padEnd(6)).join(' ')}`);
  lines.push(`${' '.repeat(width)}  ${FAULT_KINDS.map(() => 'RDNE  ').join(' ')}   (R retry, D redrive, N new execution, E duplicate start)`);
  for (const t of m.targets) {
    const cols = FAULT_KINDS.map((k) =>
      RERUNS.map((r) => {
        const c = m.cells.find((x) => x.machine === t.machine && x.scenario === t.scenario && x.state === t.state && x.call === t.call && x.kind === k && x.rerun === r);
        if (!c) return '·';
        return c.duplicates ? 'D' : c.leftovers ? 'L' : c.passed ? '✓' : '✗';
      }).join('').padEnd(6),
    );
    lines.push(`${rowName(t).padEnd(width)}  ${cols.join(' ')}`);
  }
  const s = m.summary;
  lines.push('');
  lines.push(`matrix: ${s.cells} cells, ${s.passed} passed, ${s.duplicates} with duplicates, ${s.lostRecords} with lost records; ${s.executions} executions, ${(s.wallMs / 1000).toFixed(1)} s wall`);
  const td = m.teardown;
  if (td) lines.push(`  of which teardown: ${td.rows} rows, ${td.cells} cells, ${td.passed} passed, ${td.leftovers} with leftovers; ${td.executions} executions, ${(td.wallMs / 1000).toFixed(1)} s wall`);
  const d2 = m.dayTwo;
  if (d2) lines.push(`  of which day two: ${d2.rows} rows, ${d2.cells} cells, ${d2.passed} passed, ${d2.duplicates} with duplicates, ${d2.lostUpdates} with lost updates; ${d2.executions} executions, ${(d2.wallMs / 1000).toFixed(1)} s wall`);
  for (const c of m.cells.filter((x) => !x.passed)) {
    lines.push(`  ✗ ${c.machine === 'teardown' ? 'teardown: ' : c.scenario === 'day-two' ? 'day two: ' : ''}${c.state} ${c.call} ${c.kind} / ${c.rerun}: ${c.problems.join('; ')}  [${c.path}]`);
  }
  return lines.join('\n');
};
