/**
 * One cell of the matrix: a row, a fault kind and a rerun, run in a world of its own. Every execution must end
 * SUCCEEDED or in the failure the catalog documents for that state and error, and the world must hold at most one of
 * each resource (directory, registration, connector, SPN, template, access entry, CA share, group created) across all
 * runs of the cell, and no record may be lost: every execution that took its directory's change lease is listed in the
 * provisioning record with the status it ended with. A teardown cell starts from the provisioned world's snapshot and
 * must end with 0 leftovers of the tool and another team's directory in the same VPC still there. A day-two cell
 * starts from DAY_ONE's snapshot, applies DAY_TWO with the fault, and must end, once an execution succeeded, with no lost
 * update (../day-two.ts: lostUpdates).
 */
import '../env.ts';
import { ERROR_CATALOG } from '../../../src/workflow/catalog.ts';
import { DAY_TWO, lostUpdates } from '../day-two.ts';
import { Harness, defaultInput, failureOf, readSample, setLambdaFault } from '../harness.ts';
import type { ExecutionRun } from '../harness.ts';
import { deliverEvent, postProvisioning, requestEvent } from '../triggers.ts';
import { MATRIX_SOCKET_TIMEOUT_MS, faultHooks } from './faults.ts';
import type { FaultKind } from './faults.ts';
import type { Rerun } from './grid.ts';
import type { EmulatorSnapshot } from '../../local/emulator/index.ts';
import { dayOneWorld, provisionedWorld, startFromProvisioned } from './provisioned-world.ts';
import type { ProvisionedWorld } from './provisioned-world.ts';
import { PUBLISH_STATE } from './rows.ts';
import type { Target } from './rows.ts';

/**
 * Calls whose failure is absorbed by design, so even their terminal cells must end SUCCEEDED: giving back the share
 * creation lease once the share is ASSOCIATED (a lease not given back lapses by itself), and every call of the
 * record steps (a caught error of theirs goes to recordError, never over the execution's outcome; the release of the
 * change lease never throws: a lease not released is taken over).
 */
export const ABSORBED_CALLS: ReadonlySet<string> = new Set([
  'ShareCertificateAuthority DynamoDB.DeleteItem',
  ...['RecordProvisioning', 'RecordTeardown'].flatMap((state) => ['GetItem', 'UpdateItem', 'DeleteItem'].map((op) => `${state} DynamoDB.${op}`)),
]);

/** Why a run's end is NOT acceptable, or undefined when it is. */
export const judgeFailure = (run: ExecutionRun, target: Target, expectCaught?: boolean): string | undefined => {
  if (run.status === 'SUCCEEDED') return undefined;
  const { state, caught } = failureOf(run);
  const error = run.error ?? '';
  if (state !== target.state) {
    return `failed at ${state ?? '?'} with ${error}, not at ${target.state}`;
  }
  const rows = ERROR_CATALOG.filter((r) => r.state === state && r.name === error);
  if (rows.length === 0) return `${error} at ${state} is not in the error catalog (undocumented failure)`;
  const ok = caught ? rows.some((r) => r.handling !== 'retry') : rows.some((r) => r.handling === 'retry');
  if (!ok) return `${error} at ${state} ended ${caught ? 'caught' : 'uncaught'}, the catalog says ${rows.map((r) => r.handling).join('/')}`;
  if (expectCaught !== undefined && caught !== expectCaught) return `${error} expected ${expectCaught ? 'caught' : 'uncaught'}`;
  return undefined;
};

export interface CellResult {
  machine?: 'teardown';
  scenario?: 'day-two';
  state: string;
  call: string;
  kind: FaultKind;
  rerun: Rerun;
  passed: boolean;
  duplicates: boolean;
  /** An execution that took its directory's change lease is missing from the provisioning record, or listed with another status. */
  lostRecords: boolean;
  /** A teardown cell left a resource of the tool's, or deleted the foreign directory. */
  leftovers?: boolean;
  /** A day-two cell whose world, after a successful apply, does not hold what the change asked for. */
  lostUpdates?: boolean;
  executions: number;
  /** How each execution/rerun ended, e.g. `FAILED:ThrottlingException(uncaught) -> redrive SUCCEEDED`. */
  path: string;
  problems: string[];
}

const describeEnd = (run: ExecutionRun): string => {
  if (run.status === 'SUCCEEDED') return 'SUCCEEDED';
  const f = failureOf(run);
  return `FAILED ${run.error ?? '?'}${f.caught ? ' (caught)' : ' (uncaught)'}`;
};

const publishWarned = (run: ExecutionRun): boolean => (run.output as { EventPublished?: boolean } | undefined)?.EventPublished === false;

let cellCounter = 0;

/** The kinds of resource a teardown must leave none of (live ones: the emulator's counts exclude deleted ones). */
export const TEARDOWN_LEFTOVERS = ['directories', 'directoryRegistrations', 'connectors', 'servicePrincipalNames', 'templates', 'accessControlEntries'] as const;

/** What one cell's reruns share: its world, its input, and where it records each end and each problem. */
interface CellRun {
  harness: Harness;
  target: Target;
  kind: FaultKind;
  input: Record<string, unknown>;
  teardown: boolean;
  dayTwo: boolean;
  problems: string[];
  /** The last execution judged (a day-two cell checks the world for lost updates after a success). */
  last?: ExecutionRun;
  steps: string[];
  start(): Promise<ExecutionRun>;
  expectEnd(run: ExecutionRun, label: string, want: 'success' | 'documented' | 'terminal'): void;
  /** Records a rerun that is not judged by expectEnd (a redrive). */
  record(run: ExecutionRun, label: string): void;
}

/** retry: the fault hits the first attempts; Step Functions' Retry absorbs it (or the catalog's caught failure). */
const retryRerun = async (c: CellRun): Promise<void> => {
  const transient = faultHooks(c.target, c.kind, 'transient');
  c.harness.hooks = transient.hooks;
  transient.arm(c.harness.emulator);
  const run = await c.start();
  transient.disarm(c.harness.emulator);
  c.expectEnd(run, 'run', c.kind === 'terminal' ? 'terminal' : 'success');
  // The teardown's runbook after a caught failure: fix the cause, start the teardown again (0 leftovers after it).
  if (c.teardown && run.status !== 'SUCCEEDED') {
    c.harness.hooks = undefined;
    c.expectEnd(await c.start(), 'new-execution', 'success');
  }
  if (c.target.state === PUBLISH_STATE && c.kind === 'terminal' && !publishWarned(run)) c.problems.push('publish failure not reported in the output');
};

/** redrive / new-execution: the fault persists until the execution fails, is cleared, then the rerun. */
const rerunAfterFailure = async (c: CellRun, rerun: 'redrive' | 'new-execution'): Promise<void> => {
  const persistent = faultHooks(c.target, c.kind, 'persistent');
  c.harness.hooks = persistent.hooks;
  persistent.arm(c.harness.emulator);
  const first = await c.start();
  persistent.disarm(c.harness.emulator);
  c.harness.hooks = undefined; // the user fixed the cause
  c.expectEnd(first, 'run', c.kind === 'terminal' ? 'terminal' : 'documented');
  if (first.status !== 'SUCCEEDED' && rerun === 'redrive') {
    const { caught } = failureOf(first);
    const redriven = await c.harness.redrive(first.executionArn);
    c.record(redriven, 'redrive');
    if (!caught && redriven.status !== 'SUCCEEDED') c.problems.push(`redrive: expected SUCCEEDED, got ${redriven.error}: ${redriven.cause}`);
    if (caught) {
      // AWS: continues from the unsuccessful step = the Fail state; nothing else runs, nothing is created.
      if (redriven.status !== 'FAILED' || redriven.error !== first.error) c.problems.push(`redrive of a caught failure: expected ${first.error} again, got ${describeEnd(redriven)}`);
      if (redriven.tasks.length > 0) c.problems.push(`redrive of a caught failure ran Task states: ${redriven.tasks.map((t) => t.state).join(', ')}`);
      c.expectEnd(await c.start(), 'new-execution', 'success');
    }
  } else if (rerun === 'new-execution' || first.status !== 'SUCCEEDED') {
    c.expectEnd(await c.start(), 'new-execution', 'success');
  }
};

/** duplicate-start: EventBridge redelivery, then API repeats, through the real trigger handlers. */
const duplicateStart = async (c: CellRun): Promise<void> => {
  const { harness, target, kind, input } = c;
  const transient = faultHooks(target, kind, 'transient');
  harness.hooks = transient.hooks;
  transient.arm(harness.emulator);
  cellCounter += 1;
  const eventId = `0f1e2d3c-${String(cellCounter).padStart(4, '0')}-4b5a-8c9d-0e1f2a3b4c5d`;
  const event = requestEvent(eventId, input);
  let eventArns: string[] = [];
  const viaEvent = await harness.track(async () => {
    const results = await Promise.all([deliverEvent(event), deliverEvent(event)]);
    eventArns = results.map((r) => r.executionArn);
    return results[0]?.executionArn ?? '';
  });
  transient.disarm(harness.emulator);
  c.expectEnd(viaEvent, 'event', kind === 'terminal' ? 'terminal' : 'success');
  const late = await deliverEvent(event);
  if (new Set([...eventArns, late.executionArn]).size !== 1) c.problems.push(`event deliveries got different executions: ${[...eventArns, late.executionArn].join(', ')}`);
  if (!late.alreadyStarted) c.problems.push('a redelivery after the end started a new execution');
  if (kind === 'terminal') harness.hooks = undefined; // the user fixed the cause before asking again
  else transient.arm(harness.emulator);
  const key = `reliability-${eventId}`;
  let statuses: number[] = [];
  const viaApi = await harness.track(async () => {
    const responses = await Promise.all([postProvisioning(input, key), postProvisioning(input, key)]);
    statuses = responses.map((r) => r.statusCode);
    const body = JSON.parse(responses[0]?.body ?? '{}') as { executionArn?: string };
    return body.executionArn ?? '';
  });
  transient.disarm(harness.emulator);
  harness.hooks = undefined;
  c.expectEnd(viaApi, 'api', 'success');
  const again = await postProvisioning(input, key);
  statuses.push(again.statusCode);
  // Exactly one 202 per execution; none when the fault hits the API's own claim write (DynamoDB PutItem).
  const accepted = statuses.filter((s) => s === 202).length;
  if (!statuses.every((s) => s === 200 || s === 202) || accepted > 1 || (accepted === 0 && target.call !== 'DynamoDB.PutItem')) {
    c.problems.push(`API statuses ${statuses.join(', ')}`);
  }
  const listed = harness.stepFunctions.ListExecutions({ stateMachineArn: harness.stateMachineArn })['executions'] as unknown[];
  if (listed.length !== 2) c.problems.push(`expected 2 executions (one per channel), found ${listed.length}`);
};

/** The snapshots cells start from (provisioned by runCell when not given). */
export interface CellWorlds {
  /** A teardown cell's: the provisioned world with another team's directory. */
  provisioned?: ProvisionedWorld;
  /** A day-two cell's: DAY_ONE provisioned. */
  dayOne?: EmulatorSnapshot;
}

/**
 * Runs one cell in a fresh world. A teardown cell starts from the provisioned world, runs the faulted teardown and its
 * rerun, and asserts 0 leftovers of the tool's and the foreign directory still there; a day-two cell starts from DAY_ONE
 * provisioned and applies DAY_TWO.
 */
export const runCell = async (target: Target, kind: FaultKind, rerun: Rerun, worlds: CellWorlds = {}): Promise<CellResult> => {
  const teardown = target.machine === 'teardown';
  const provisioned = teardown ? (worlds.provisioned ?? (await provisionedWorld())) : undefined;
  const dayTwo = target.scenario === 'day-two';
  const dayOne = dayTwo ? (worlds.dayOne ?? (await dayOneWorld())) : undefined;
  const input = provisioned ? provisioned.input : dayTwo ? (DAY_TWO() as unknown as Record<string, unknown>) : target.sample ? readSample(target.sample) : defaultInput();
  const foreignId = provisioned?.foreignId;
  const problems: string[] = [];
  const steps: string[] = [];
  let executions = 0;
  const harness = provisioned ? await startFromProvisioned(provisioned) : await Harness.start(dayOne ? { emulator: { snapshot: dayOne } } : {});
  if (kind === 'timeout-after') harness.shortSocketTimeout(target.service, MATRIX_SOCKET_TIMEOUT_MS);
  const record = (run: ExecutionRun, label: string): void => {
    steps.push(`${label} ${describeEnd(run)}`);
    executions += 1;
  };
  const cell: CellRun = {
    harness,
    target,
    kind,
    input,
    teardown,
    dayTwo,
    problems,
    steps,
    start: () => (teardown ? harness.teardown(input) : harness.execute(input)),
    record,
    expectEnd: (run, label, want) => {
      record(run, label);
      cell.last = run;
      if (want === 'success' && run.status !== 'SUCCEEDED') problems.push(`${label}: expected SUCCEEDED, got ${run.error}: ${run.cause}`);
      const absorbed = ABSORBED_CALLS.has(`${target.state} ${target.call}`);
      if (want === 'terminal' && absorbed && run.status !== 'SUCCEEDED') problems.push(`${label}: a failure of ${target.call} must be absorbed, got ${run.error}: ${run.cause}`);
      if (want === 'terminal' && !absorbed && target.state !== PUBLISH_STATE) {
        const why = run.status === 'SUCCEEDED' ? 'succeeded despite the terminal error' : judgeFailure(run, target, true);
        if (why) problems.push(`${label}: ${why}`);
      }
      if (want === 'documented') {
        const why = judgeFailure(run, target);
        if (why) problems.push(`${label}: ${why}`);
      }
    },
  };
  try {
    if (rerun === 'retry') await retryRerun(cell);
    else if (rerun === 'redrive' || rerun === 'new-execution') await rerunAfterFailure(cell, rerun);
    else await duplicateStart(cell);
  } catch (err) {
    problems.push(`harness error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    harness.hooks = undefined;
    setLambdaFault(undefined);
  }
  const missedUpdates = dayTwo && cell.last?.status === 'SUCCEEDED' ? lostUpdates(harness.emulator) : [];
  if (missedUpdates.length > 0) problems.push(`LOST UPDATES: ${missedUpdates.join('; ')}`);
  const templateNames = harness.emulator.snapshot().connectorAd?.templates.map((t) => t.Name) ?? [];
  // Every execution that took the change lease is in the record, with the status it ended with.
  const entries = new Map(harness.records().flatMap((r) => Object.values(r.executions)).map((e) => [e.executionArn, e]));
  const lost = [...harness.registered].flatMap((executionArn) => {
    const ended = String(harness.stepFunctions.DescribeExecution({ executionArn })['status']);
    const entry = entries.get(executionArn);
    return entry?.status === ended ? [] : [`${executionArn.split(':').pop() ?? ''} ${ended}, recorded ${entry?.status ?? 'nowhere'}`];
  });
  if (lost.length > 0) problems.push(`LOST RECORDS: ${lost.join('; ')}`);
  const resources = harness.resources();
  const live = harness.emulator.counts();
  const snapshot = harness.emulator.snapshot();
  const foreignLive = snapshot.directories.some((d) => d.DirectoryId === foreignId && d.deletedAtMs === undefined);
  const secretId = (input['Directory'] as { PasswordSecretId?: string }).PasswordSecretId;
  const secretLive = snapshot.secrets.some((x) => (x.Name === secretId || x.ARN === secretId) && x.DeletedDateMs === undefined);
  await harness.stop();
  let leftovers = false;
  if (teardown) {
    // The foreign directory is the one live directory allowed.
    const left = [
      ...TEARDOWN_LEFTOVERS.map((k) => [k, live[k] - (k === 'directories' && foreignLive ? 1 : 0)] as const),
      ['password secret (not scheduled for deletion)', secretLive ? 1 : 0] as const,
    ].filter(([, n]) => n !== 0);
    leftovers = left.length > 0 || !foreignLive;
    if (left.length > 0) problems.push(`LEFTOVERS: ${left.map(([k, n]) => `${n} ${k}`).join(', ')}`);
    if (foreignId === undefined || !foreignLive) problems.push(`the foreign directory ${foreignId ?? '(not created)'} was deleted`);
  }
  const name = String((input['Directory'] as { Name: string }).Name).toLowerCase();
  const dirs = resources.directories.filter((d) => d.Name.toLowerCase() === name);
  // A teardown creates nothing (its world holds the deleted directory and the foreign one): leftovers instead.
  // Day two creates a second template and prunes one: a duplicate there is a template name created twice.
  const twice = teardown
    ? []
    : dayTwo
      ? [
          ...Object.entries(resources.connectorSide).filter(([k, n]) => k !== 'templates' && k !== 'accessControlEntries' && n > 1),
          ...[...new Set(templateNames)].filter((n) => templateNames.filter((x) => x === n).length > 1).map((n) => [`templates named ${n}`, 2] as const),
        ]
      : Object.entries(resources.connectorSide).filter(([, n]) => n > 1);
  const duplicates = !teardown && (dirs.length > 1 || resources.connectors.length > 1 || resources.directories.length > 1 || twice.length > 0);
  if (duplicates) {
    problems.push(`DUPLICATES: ${resources.directories.length} directories, ${resources.connectors.length} connectors${twice.map(([k, n]) => `, ${n} ${k}`).join('')}`);
  }
  return {
    ...(teardown ? { machine: 'teardown' as const } : {}),
    ...(dayTwo ? { scenario: 'day-two' as const, lostUpdates: missedUpdates.length > 0 } : {}),
    state: target.state, call: target.call, kind, rerun, passed: problems.length === 0, duplicates, lostRecords: lost.length > 0,
    ...(teardown ? { leftovers } : {}), executions, path: steps.join(' -> '), problems,
  };
};
