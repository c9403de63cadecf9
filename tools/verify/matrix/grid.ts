/**
 * The grid: rows × fault kinds × reruns (the columns), every applicable cell of it, and the fixed covering subset
 * `npm test` runs.
 * Reruns:
 *  - retry: one execution; the fault hits the first N attempts of the state, Step Functions' Retry absorbs it;
 *  - redrive: the fault persists until the execution fails; cleared; RedriveExecution on the local Step Functions
 *    service (same ARN, succeeded steps replayed, the failed step re-run; a caught failure re-runs only the Fail
 *    state, so then the runbook's new execution follows);
 *  - new-execution: as redrive, then StartExecution with a new name and the same input;
 *  - duplicate-start: the EventBridge start function gets the same event twice concurrently and once more after the
 *    execution ended, then the API gets POST with one Idempotency-Key twice concurrently and once more later.
 */
import { FAULT_KINDS, isApplicable } from './faults.ts';
import type { FaultKind } from './faults.ts';
import type { Target } from './rows.ts';

export const RERUNS = ['retry', 'redrive', 'new-execution', 'duplicate-start'] as const;
export type Rerun = (typeof RERUNS)[number];
/** The teardown's reruns: it has no EventBridge rule or API idempotency key of its own to start it twice. */
export const TEARDOWN_RERUNS: readonly Rerun[] = ['retry', 'redrive', 'new-execution'];
export const rerunsOf = (target: { machine?: 'teardown' }): readonly Rerun[] => (target.machine === 'teardown' ? TEARDOWN_RERUNS : RERUNS);

/** A cell's coordinates. */
export interface CellKey {
  target: Target;
  kind: FaultKind;
  rerun: Rerun;
}

/** Every applicable cell of the grid, in the order the matrix runs them. */
export const allCells = (targets: readonly Target[]): CellKey[] =>
  targets.flatMap((target) => FAULT_KINDS.filter((kind) => isApplicable(target, kind)).flatMap((kind) => rerunsOf(target).map((rerun) => ({ target, kind, rerun }))));

const cellId = (c: { machine?: 'teardown'; scenario?: 'day-two'; state: string; call: string; kind: FaultKind; rerun: Rerun }): string =>
  `${c.machine ?? 'provisioning'}${c.scenario ? ` ${c.scenario}` : ''} ${c.state} ${c.call} ${c.kind} ${c.rerun}`;

/**
 * The fault kinds that hit before the call takes effect (refused, or the connection or the function gone before it
 * ran): the call changed nothing, so what they exercise is the state's Retry or Catch on that error, the same for
 * every call of the state. The other kinds (a terminal error, and the call's effect kept while its caller sees a
 * failure) exercise what each call does about its own side effect.
 */
export const BEFORE_EFFECT_KINDS: readonly FaultKind[] = ['throttled', 'server', 'reset', 'lambda-before'];
const stateOf = (t: Target): string => `${t.machine ?? 'provisioning'}${t.scenario ? ` ${t.scenario}` : ''} ${t.state}`;

/**
 * A fixed covering subset of the grid: every row with each of its applicable fault kinds that hit after the call
 * took effect (and terminal), every Task state with each kind that hits before (once, at one of its rows, rotating),
 * the rerun rotating with the row so that each row also meets every rerun and, across rows, every (fault kind,
 * rerun) pair appears; a pair the rotation misses is added at the first row it applies to. Computed from the
 * discovered rows and the lists above, so a new call, fault kind or rerun is covered by itself. The provisioning rows
 * and the teardown rows (with their own reruns) are covered each on their own.
 */
export const coveringCells = (targets: readonly Target[]): CellKey[] => {
  const chosen = new Set<string>();
  for (const machine of [undefined, 'teardown'] as const) {
    const rows = targets.filter((t) => t.machine === machine);
    const reruns = machine === 'teardown' ? TEARDOWN_RERUNS : RERUNS;
    const pairs = new Set<string>();
    const choose = (target: Target, kind: FaultKind, rerun: Rerun): void => {
      chosen.add(cellId({ ...target, kind, rerun }));
      pairs.add(`${kind} ${rerun}`);
    };
    // The rows of each state, in order: a kind that hits before the effect goes to one of them, rotating.
    const rowsOfState = new Map<string, Target[]>();
    for (const t of rows) rowsOfState.set(stateOf(t), [...(rowsOfState.get(stateOf(t)) ?? []), t]);
    const takesBeforeKind = (target: Target, kind: FaultKind): boolean => {
      const candidates = (rowsOfState.get(stateOf(target)) ?? []).filter((t) => isApplicable(t, kind));
      return candidates[BEFORE_EFFECT_KINDS.indexOf(kind) % candidates.length] === target;
    };
    rows.forEach((target, row) => {
      FAULT_KINDS.filter((kind) => isApplicable(target, kind) && (!BEFORE_EFFECT_KINDS.includes(kind) || takesBeforeKind(target, kind)))
        .forEach((kind, i) => choose(target, kind, reruns[(row + i) % reruns.length] as Rerun));
    });
    for (const kind of FAULT_KINDS) {
      const target = rows.find((t) => isApplicable(t, kind));
      for (const rerun of reruns) if (target && !pairs.has(`${kind} ${rerun}`)) choose(target, kind, rerun);
    }
  }
  return allCells(targets).filter((c) => chosen.has(cellId({ ...c.target, kind: c.kind, rerun: c.rerun })));
};
