/**
 * The top-level TimeoutSeconds of a state machine: the longest an execution can legitimately run, so that only an
 * execution stuck outside the design times out (and raises the state machine's ExecutionsTimedOut alarm), never a
 * slow but healthy one. Derived from the definition itself, so a new state, retry policy or wait moves it:
 *  - a Task state takes at most its first attempt and every retry, each running up to the state's TimeoutSeconds,
 *    plus the waits of every retrier at their longest (jitter only shortens them): the budget of each retrier;
 *  - a poll Task (one that retries a not-ready or deletion-pending error) is bounded by its deadline instead of its
 *    poll retrier's MaxAttempts: the longest wait it allows, then one poll interval and one run (the first poll past
 *    the deadline fails with the timeout error);
 *  - Pass, Choice, Succeed and Fail states take no time;
 *  - no state is entered twice (the graph has no cycle: waits are retries), so the sum over every state bounds every
 *    path, the success path and each failure path alike.
 */
import type { Retrier, State } from './asl.ts';
import { DELETION_PENDING_ERRORS } from './teardown-waits.ts';
import { NOT_READY_ERRORS } from './waits.ts';

const POLL_ERRORS: ReadonlySet<string> = new Set([...NOT_READY_ERRORS, ...DELETION_PENDING_ERRORS]);

/** The longest total of a retrier's waits: retry n waits min(IntervalSeconds × BackoffRate^(n-1), MaxDelaySeconds). */
export const retryWaitSeconds = (r: Retrier): number => {
  let total = 0;
  for (let n = 1; n <= r.MaxAttempts; n += 1) total += Math.min(r.IntervalSeconds * r.BackoffRate ** (n - 1), r.MaxDelaySeconds);
  return total;
};

const isPollRetrier = (r: Retrier): boolean => r.ErrorEquals.some((e) => POLL_ERRORS.has(e));

/** The longest one state can take (see above); `longestWait` is required for a poll Task. */
export const stateSeconds = (name: string, state: State, longestWait: number | undefined): number => {
  if (state.Type !== 'Task') return 0;
  const run = Number(state['TimeoutSeconds']);
  if (!Number.isFinite(run) || run <= 0) throw new Error(`Task ${name} has no TimeoutSeconds`);
  let total = run;
  for (const r of state.Retry ?? []) {
    if (!isPollRetrier(r)) {
      total += retryWaitSeconds(r) + r.MaxAttempts * run;
      continue;
    }
    if (longestWait === undefined) throw new Error(`poll Task ${name} has no longest wait`);
    total += longestWait + r.IntervalSeconds + run;
  }
  return total;
};

/** Next states of a state: Next, Default, each Choice's Next and each Catch's Next. */
const successors = (state: State): string[] => {
  const choices = (state['Choices'] ?? []) as { Next?: string }[];
  return [state['Next'], state['Default'], ...choices.map((c) => c.Next), ...(state.Catch ?? []).map((c) => c.Next)].filter(
    (n): n is string => typeof n === 'string',
  );
};

const assertAcyclic = (states: Readonly<Record<string, State>>): void => {
  const done = new Set<string>();
  const onPath = new Set<string>();
  const visit = (name: string): void => {
    if (done.has(name)) return;
    if (onPath.has(name)) throw new Error(`state ${name} can be entered twice: the execution timeout assumes no cycle`);
    onPath.add(name);
    const state = states[name];
    if (!state) throw new Error(`no state ${name}`);
    for (const next of successors(state)) visit(next);
    onPath.delete(name);
    done.add(name);
  };
  for (const name of Object.keys(states)) visit(name);
};

/** The machine's TimeoutSeconds: the sum over its states, rounded up to whole minutes. */
export const executionTimeoutSeconds = (
  states: Readonly<Record<string, State>>,
  longestWaits: Readonly<Partial<Record<string, number>>>,
): number => {
  assertAcyclic(states);
  for (const [name, wait] of Object.entries(longestWaits)) {
    if (wait === undefined) continue;
    if (!(states[name]?.Retry ?? []).some(isPollRetrier)) throw new Error(`${name} has a longest wait but is no poll Task`);
  }
  let total = 0;
  for (const [name, state] of Object.entries(states)) total += stateSeconds(name, state, longestWaits[name]);
  return Math.ceil(total / 60) * 60;
};
