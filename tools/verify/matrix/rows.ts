/**
 * The matrix's rows: every (Task state, AWS operation) pair a clean run makes, DISCOVERED from the emulator's call
 * counters around each Task invocation (not typed by hand); the PutEvents integration state's call is the one not
 * made by a Lambda. The teardown's rows are its calls after a clean provisioning, discovered the same way. The day-two
 * rows (`scenario: 'day-two'`, ../day-two.ts) are the write calls a change applied to a provisioned world makes and a
 * clean run does not (updates in place, tags, the prune).
 */
import '../env.ts';
import { DAY_ONE, DAY_TWO, newWrites } from '../day-two.ts';
import { Harness, defaultInput, readSample } from '../harness.ts';
import type { ExecutionRun } from '../harness.ts';
import { provisionedWorld, startFromProvisioned } from './provisioned-world.ts';
import type { ProvisionedWorld } from './provisioned-world.ts';

export interface Target {
  /** The state machine: the provisioning unless `teardown` (statemachine/teardown.asl.json). */
  machine?: 'teardown';
  /** A provisioning row of a change applied to a provisioned world (../day-two.ts). */
  scenario?: 'day-two';
  /** Task state that makes the call. */
  state: string;
  /** Emulator counter name `Service.Operation`. */
  call: string;
  service: string;
  op: string;
  /** The sample under events/ whose clean run made the call, when not the default input (`readSample`). */
  sample?: string;
}

/** Samples whose clean runs add the calls the default input does not make (ConnectDirectory, an existing directory). */
export const EXTRA_SAMPLES = ['execution-input-ad-connector.json', 'execution-input-existing-directory.json'];

/** Publish states are Step Functions service integrations, not Lambda tasks. */
export const PUBLISH_STATE = 'PublishSucceededEvent';

/** The rows of one clean run: the calls of each Task invocation attributed to its state, the rest to PutEvents. */
const rowsOf = (run: ExecutionRun, machine?: 'teardown'): Target[] => {
  const m = machine ? { machine } : {};
  const seen = new Map<string, Target>();
  const attributed: Record<string, number> = {};
  for (const task of run.tasks) {
    for (const [call, n] of Object.entries(task.calls)) {
      attributed[call] = (attributed[call] ?? 0) + n;
      const key = `${task.state} ${call}`;
      const [service = '', op = ''] = call.split('.');
      if (!seen.has(key)) seen.set(key, { ...m, state: task.state, call, service, op });
    }
  }
  for (const [call, n] of Object.entries(run.apiCalls)) {
    if (n > (attributed[call] ?? 0)) {
      const [service = '', op = ''] = call.split('.');
      seen.set(`${PUBLISH_STATE} ${call}`, { ...m, state: PUBLISH_STATE, call, service, op });
    }
  }
  // Stable order: the workflow's order of states, then the call name (the preflight reads run in parallel).
  const order = [...new Set(run.tasks.map((t) => t.state)), PUBLISH_STATE];
  return [...seen.values()].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state) || a.call.localeCompare(b.call));
};

/** Discovers the rows: a clean execution, with the calls of each Task invocation attributed to its state. */
export const discoverTargets = async (): Promise<Target[]> => {
  const clean = async (input: Record<string, unknown>, name: string): Promise<Target[]> => {
    const harness = await Harness.start();
    try {
      const run = await harness.execute(input);
      if (run.status !== 'SUCCEEDED') throw new Error(`clean run of ${name} failed: ${run.error}: ${run.cause}`);
      return rowsOf(run);
    } finally {
      await harness.stop();
    }
  };
  const rows = await clean(defaultInput(), 'the default input');
  const known = new Set(rows.map((t) => `${t.state} ${t.call}`));
  for (const sample of EXTRA_SAMPLES) {
    for (const t of await clean(readSample(sample), sample)) {
      if (known.has(`${t.state} ${t.call}`)) continue;
      known.add(`${t.state} ${t.call}`);
      rows.push({ ...t, sample });
    }
  }
  return rows;
};

/** The day-two rows: DAY_ONE provisions, DAY_TWO changes; the writes of the change a first provisioning does not make. */
export const discoverDayTwoTargets = async (): Promise<Target[]> => {
  const harness = await Harness.start();
  try {
    const first = await harness.execute(DAY_ONE());
    if (first.status !== 'SUCCEEDED') throw new Error(`day-one provisioning failed: ${first.error}: ${first.cause}`);
    const change = await harness.execute(DAY_TWO());
    if (change.status !== 'SUCCEEDED') throw new Error(`clean day-two change failed: ${change.error}: ${change.cause}`);
    return newWrites(rowsOf(change), rowsOf(first)).map((t) => ({ ...t, scenario: 'day-two' as const }));
  } finally {
    await harness.stop();
  }
};

/** The teardown rows: a clean teardown of the provisioned world (provisioned here unless given), attributed per state. */
export const discoverTeardownTargets = async (world?: ProvisionedWorld): Promise<Target[]> => {
  const provisioned = world ?? (await provisionedWorld());
  const harness = await startFromProvisioned(provisioned);
  try {
    const run = await harness.teardown(provisioned.input);
    if (run.status !== 'SUCCEEDED') throw new Error(`clean teardown failed: ${run.error}: ${run.cause}`);
    return rowsOf(run, 'teardown');
  } finally {
    await harness.stop();
  }
};
