/**
 * Fault × rerun matrix over the local world.
 *
 * Rows: every (Task state, AWS operation) pair a clean run makes, DISCOVERED from the emulator's call counters around
 * each Task invocation (not typed by hand); the PutEvents integration state's call is the one not made by a Lambda.
 * Faults (per row): throttled N times, 5xx N times, a terminal error (the catalog's caught error for that state and
 * service), lost response (the call's side effect happens, then a 5xx), the "Lambda" dying right before the call
 * (Lambda.Unknown) or timing out right after it returned (Sandbox.Timedout), and three transport faults: the
 * connection reset before the call runs, reset after it took effect, and no answer after it took effect (the
 * client's socket timeout fires: the faulted service's clients get a 500 ms one in those cells).
 * Reruns (columns):
 *  - retry: one execution; the fault hits the first N attempts of the state, Step Functions' Retry absorbs it;
 *  - redrive: the fault persists until the execution fails; cleared; RedriveExecution on the local Step Functions
 *    service (same ARN, succeeded steps replayed, the failed step re-run; a caught failure re-runs only the Fail
 *    state, so then the runbook's new execution follows);
 *  - new-execution: as redrive, then StartExecution with a new name and the same input;
 *  - duplicate-start: the EventBridge start function gets the same event twice concurrently and once more after the
 *    execution ended, then the API gets POST with one Idempotency-Key twice concurrently and once more later.
 * Every cell: each execution ends SUCCEEDED or in the failure the catalog documents for that state and error, and
 * the world holds at most one of each resource (directory, registration, connector, SPN, template, access entry, CA
 * share), across all runs of the cell.
 * Teardown rows (`machine: 'teardown'`): the teardown's calls after a clean provisioning, discovered the same way,
 * with the same faults and the reruns retry, redrive and new execution; every cell ends with 0 leftovers of the tool
 * and another team's directory in the same VPC still there.
 * Day-two rows (`scenario: 'day-two'`, ./day-two.ts): the write calls a change applied to a provisioned world makes
 * and a clean run does not (updates in place, tags, the prune), with every fault and rerun; every cell ends with no
 * duplicate and, once an execution succeeded, no lost update (the world holds what the change asked for).
 */
import './env.ts';
import { CreateMicrosoftADCommand } from '@aws-sdk/client-directory-service';
import { randomUUID } from 'node:crypto';
import { directoryServiceCreate } from '../../src/aws/clients.ts';
import { ERROR_CATALOG } from '../../src/workflow/catalog.ts';
import type { Emulator } from '../local/emulator/index.ts';
import { DAY_ONE, DAY_TWO, lostUpdates, newWrites } from './day-two.ts';
import { deliverEvent, postProvisioning, requestEvent } from './triggers.ts';
import { Harness, defaultInput, failureOf, lambdaError, setLambdaFault } from './harness.ts';
import type { AttemptHooks, ExecutionRun } from './harness.ts';

export const FAULT_KINDS = [
  'throttled', 'server', 'terminal', 'lost-response', 'lambda-before', 'lambda-after', 'reset', 'reset-after', 'timeout-after',
] as const;
const TRANSPORT_KINDS: readonly FaultKind[] = ['reset', 'reset-after', 'timeout-after'];
/** The client socket timeout in the timeout cells (ms): the emulator holds the response until it fires. */
export const MATRIX_SOCKET_TIMEOUT_MS = 500;
export type FaultKind = (typeof FAULT_KINDS)[number];
export const RERUNS = ['retry', 'redrive', 'new-execution', 'duplicate-start'] as const;
export type Rerun = (typeof RERUNS)[number];
/** The teardown's reruns: it has no EventBridge rule or API idempotency key of its own to start it twice. */
export const TEARDOWN_RERUNS: readonly Rerun[] = ['retry', 'redrive', 'new-execution'];
const rerunsOf = (target: Target): readonly Rerun[] => (target.machine === 'teardown' ? TEARDOWN_RERUNS : RERUNS);

/** How many attempts a transient fault hits (below every Retry's MaxAttempts in the ASL). */
export const TRANSIENT_TIMES = 2;
/** Publish states are Step Functions service integrations, not Lambda tasks. */
const PUBLISH_STATE = 'PublishSucceededEvent';

/**
 * Calls whose failure the handler absorbs by design, so even their terminal cells must end SUCCEEDED: giving back the
 * share creation lease once the share is ASSOCIATED (a lease not given back lapses by itself).
 */
export const ABSORBED_CALLS: ReadonlySet<string> = new Set(['ShareCertificateAuthority DynamoDB.DeleteItem']);

export interface Target {
  /** The state machine: the provisioning unless `teardown` (statemachine/teardown.asl.json). */
  machine?: 'teardown';
  /** A provisioning row of a change applied to a provisioned world (./day-two.ts). */
  scenario?: 'day-two';
  /** Task state that makes the call. */
  state: string;
  /** Emulator counter name `Service.Operation`. */
  call: string;
  service: string;
  op: string;
}

/** What to inject for throttling and for a 5xx, per service (the names those services use on the wire). */
export const SERVICE_FAULTS: Record<string, { throttled: { error: string; message?: string }; server: string; label: string }> = {
  // Directory Service models no throttling error; it is believed to answer ClientException "Rate exceeded".
  DirectoryService: { throttled: { error: 'ClientException', message: 'Rate exceeded' }, server: 'ServiceException', label: 'DS ' },
  PcaConnectorAd: { throttled: { error: 'ThrottlingException' }, server: 'InternalServerException', label: 'PCA Connector AD' },
  SecretsManager: { throttled: { error: 'ThrottlingException' }, server: 'InternalServiceError', label: 'Secrets Manager' },
  ACMPCA: { throttled: { error: 'ThrottlingException' }, server: 'InternalFailure', label: 'ACM PCA' },
  EC2: { throttled: { error: 'RequestLimitExceeded' }, server: 'InternalError', label: 'EC2' },
  EventBridge: { throttled: { error: 'ThrottlingException' }, server: 'InternalException', label: 'EventBridge' },
  DynamoDB: { throttled: { error: 'ProvisionedThroughputExceededException' }, server: 'InternalServerError', label: 'DynamoDB' },
  RAM: { throttled: { error: 'ThrottlingException' }, server: 'ServerInternalException', label: 'RAM' },
};

/** The catalog's caught (terminal) error for this state and service: prefer a row naming the operation. */
export const terminalErrorFor = (target: Target): string | undefined => {
  if (target.state === PUBLISH_STATE) return 'AccessDeniedException';
  const label = SERVICE_FAULTS[target.service]?.label ?? target.service;
  const rows = ERROR_CATALOG.filter((r) => r.state === target.state && r.handling === 'catch' && r.source.includes(label));
  return (rows.find((r) => r.source.includes(target.op)) ?? rows[0])?.name;
};

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
  const harness = await Harness.start();
  try {
    const run = await harness.execute(defaultInput());
    if (run.status !== 'SUCCEEDED') throw new Error(`clean run failed: ${run.error}: ${run.cause}`);
    return rowsOf(run);
  } finally {
    await harness.stop();
  }
};

/**
 * The resource the teardown must leave alone: another team's directory in the same VPC, created after the
 * provisioning, with another Name and no ownership tag. Every DescribeDirectories of the teardown lists it next to
 * the tool's. (One with the request's own Name would be kept too, but it would also keep the password secret, which
 * the plan keeps while a directory it may protect stays: the secret's delete would then never be exercised.)
 */
export const FOREIGN_DIRECTORY_NAME = 'other-team.example.com';
export const createForeignDirectory = async (input: Record<string, unknown>): Promise<string> => {
  const dir = input['Directory'] as { VpcSettings: { VpcId: string; SubnetIds: string[] } };
  const out = await directoryServiceCreate().send(new CreateMicrosoftADCommand({
    Name: FOREIGN_DIRECTORY_NAME,
    ShortName: 'OTHER',
    Password: 'Foreign-Passw0rd!',
    Edition: 'Standard',
    VpcSettings: dir.VpcSettings,
    Tags: [{ Key: 'owner', Value: 'another-team' }],
  }));
  if (!out.DirectoryId) throw new Error('the foreign directory got no id');
  return out.DirectoryId;
};

/** The admin password of the provisionings the teardown cells start through the API. */
const API_PASSWORD = 'Matrix-Teardown-Passw0rd!';

/**
 * A clean provisioning through POST /provisionings with the admin password in the body (so the API stores it in a
 * secret of the tool's, which the teardown deletes), then the foreign directory. Returns the execution's input (the
 * stored secret's name as PasswordSecretId): the teardown's input, as the runbook gives it.
 */
export const provisionForTeardown = async (harness: Harness): Promise<{ input: Record<string, unknown>; foreignId: string }> => {
  const { Directory, ...rest } = defaultInput() as { Directory: Record<string, unknown> };
  const { PasswordSecretId: _mine, ...directory } = Directory;
  const body = { ...rest, Directory: { ...directory, Password: API_PASSWORD } };
  const run = await harness.track(async () => {
    const response = await postProvisioning(body, `teardown-matrix-${randomUUID()}`);
    const arn = (JSON.parse(response.body) as { executionArn?: string }).executionArn;
    if (response.statusCode !== 202 || !arn) throw new Error(`POST /provisionings answered ${response.statusCode}: ${response.body}`);
    return arn;
  });
  if (run.status !== 'SUCCEEDED') throw new Error(`clean provisioning failed: ${run.error}: ${run.cause}`);
  const input = JSON.parse(String(harness.stepFunctions.DescribeExecution({ executionArn: run.executionArn })['input'])) as Record<string, unknown>;
  return { input, foreignId: await createForeignDirectory(input) };
};

/** The teardown rows: a clean provisioning, the foreign directory, then a clean teardown, attributed per state. */
export const discoverTeardownTargets = async (): Promise<Target[]> => {
  const harness = await Harness.start();
  try {
    const { input } = await provisionForTeardown(harness);
    const run = await harness.teardown(input);
    if (run.status !== 'SUCCEEDED') throw new Error(`clean teardown failed: ${run.error}: ${run.cause}`);
    return rowsOf(run, 'teardown');
  } finally {
    await harness.stop();
  }
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

/** PutEvents is a service integration: no Lambda to crash, and no connection of ours to lose. */
export const isApplicable = (target: Target, kind: FaultKind): boolean =>
  !(target.state === PUBLISH_STATE && (kind.startsWith('lambda') || TRANSPORT_KINDS.includes(kind))) &&
  // A teardown call with no caught error in the catalog for its service has no terminal cell.
  !(target.machine === 'teardown' && kind === 'terminal' && target.state !== PUBLISH_STATE && !terminalErrorFor(target));

/* ---------------- fault plans ---------------- */

type Mode = 'transient' | 'persistent';

const wireFault = (target: Target, kind: FaultKind): { error: string; message?: string } => {
  const svc = SERVICE_FAULTS[target.service];
  if (!svc) throw new Error(`no fault names for service ${target.service}`);
  if (kind === 'throttled') return svc.throttled;
  if (kind === 'terminal') {
    const error = terminalErrorFor(target);
    if (!error) throw new Error(`the catalog has no caught error for ${target.state} / ${target.service}`);
    return { error };
  }
  return { error: svc.server };
};

/** Faults for the attempts of the target state (Lambda tasks), or for the whole run (the PutEvents state). */
export const faultHooks = (target: Target, kind: FaultKind, mode: Mode): { hooks: AttemptHooks; arm(e: Emulator): void; disarm(e: Emulator): void } => {
  const once = kind === 'terminal' || kind === 'lost-response' || kind === 'reset-after' || kind === 'timeout-after';
  const times = once ? 1 : TRANSIENT_TIMES;
  // A terminal error is armed until an attempt fails with it: a call that only later attempts make (e.g. once the
  // resource it reads exists) gets it at the first attempt that makes the call.
  let terminalRaised = false;
  const faulted = (attempt: number): boolean =>
    (mode === 'persistent' && kind !== 'terminal') || attempt <= times || (kind === 'terminal' && !terminalRaised);
  const disarm = (e: Emulator): void => {
    e.clearFaults();
    setLambdaFault(undefined);
  };
  if (target.state === PUBLISH_STATE) {
    // Not a Lambda: the only caller of PutEvents; the fault is armed for the whole run.
    const f = wireFault(target, kind);
    return {
      hooks: {},
      arm: (e) => e.addFault({ operation: target.call, ...f, count: mode === 'persistent' || kind === 'terminal' ? 1000 : times, ...(kind === 'lost-response' ? { after: true } : {}) }),
      disarm,
    };
  }
  const hooks: AttemptHooks = {
    before: (state, attempt, e) => {
      if (state !== target.state || !faulted(attempt)) return;
      const first = mode === 'transient' ? attempt <= times : attempt === 1;
      switch (kind) {
        case 'throttled':
        case 'server':
        case 'terminal':
          e.addFault({ operation: target.call, ...wireFault(target, kind), count: 1 });
          return;
        case 'lost-response':
          if (first) e.addFault({ operation: target.call, error: wireFault(target, kind).error, count: 1, after: true });
          // The service stays down for the later attempts (they would otherwise adopt what the lost call created).
          else e.addFault({ operation: `${target.service}.*`, error: wireFault(target, kind).error, count: 1000 });
          return;
        case 'reset':
          e.addFault({ operation: target.call, error: 'reset', count: 1 });
          return;
        case 'reset-after':
        case 'timeout-after':
          if (first) e.addFault({ operation: target.call, error: kind === 'reset-after' ? 'reset' : 'timeout', count: 1, after: true });
          // Unreachable for the later attempts (a reset: the same outcome for the workflow, without the wait).
          else e.addFault({ operation: `${target.service}.*`, error: 'reset', count: 1000 });
          return;
        case 'lambda-before':
        case 'lambda-after': {
          const error = kind === 'lambda-before' ? 'Lambda.Unknown' : 'Sandbox.Timedout';
          if (first) setLambdaFault({ state, call: target.call, when: kind === 'lambda-before' ? 'before' : 'after', error });
          else throw lambdaError(error, `${error}: the function keeps failing`);
        }
      }
    },
    after: (state, _attempt, e, error) => {
      if (state !== target.state) return;
      if (kind === 'terminal' && error instanceof Error && error.name === wireFault(target, kind).error) terminalRaised = true;
      disarm(e);
    },
  };
  return { hooks, arm: () => undefined, disarm };
};

/* ---------------- expectations ---------------- */

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

/**
 * Runs one cell in a fresh world. A teardown cell first provisions (clean) and adds the foreign directory, then runs
 * the faulted teardown and its rerun, and asserts 0 leftovers of the tool's and the foreign directory still there.
 */
export const runCell = async (target: Target, kind: FaultKind, rerun: Rerun): Promise<CellResult> => {
  const dayTwo = target.scenario === 'day-two';
  let input = dayTwo ? (DAY_TWO() as unknown as Record<string, unknown>) : defaultInput();
  let lastRun: ExecutionRun | undefined;
  const problems: string[] = [];
  const steps: string[] = [];
  let executions = 0;
  const teardown = target.machine === 'teardown';
  let foreignId: string | undefined;
  let leftovers = false;
  const harness = await Harness.start();
  const start = (): Promise<ExecutionRun> => (teardown ? harness.teardown(input) : harness.execute(input));
  if (kind === 'timeout-after') harness.shortSocketTimeout(target.service, MATRIX_SOCKET_TIMEOUT_MS);
  const expectEnd = (run: ExecutionRun, label: string, want: 'success' | 'documented' | 'terminal'): void => {
    lastRun = run;
    steps.push(`${label} ${describeEnd(run)}`);
    executions += 1;
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
  };
  try {
    if (teardown) ({ input, foreignId } = await provisionForTeardown(harness));
    if (dayTwo) {
      const first = await harness.execute(DAY_ONE());
      if (first.status !== 'SUCCEEDED') throw new Error(`day-one provisioning failed: ${first.error}: ${first.cause}`);
    }
    const transient = faultHooks(target, kind, 'transient');
    if (rerun === 'retry') {
      harness.hooks = transient.hooks;
      transient.arm(harness.emulator);
      const run = await start();
      transient.disarm(harness.emulator);
      expectEnd(run, 'run', kind === 'terminal' ? 'terminal' : 'success');
      // The teardown's runbook after a caught failure: fix the cause, start the teardown again (0 leftovers after it).
      if (teardown && run.status !== 'SUCCEEDED') {
        harness.hooks = undefined;
        expectEnd(await start(), 'new-execution', 'success');
      }
      if (target.state === PUBLISH_STATE && kind === 'terminal' && !publishWarned(run)) problems.push('publish failure not reported in the output');
    } else if (rerun === 'redrive' || rerun === 'new-execution') {
      const persistent = faultHooks(target, kind, 'persistent');
      harness.hooks = persistent.hooks;
      persistent.arm(harness.emulator);
      const first = await start();
      persistent.disarm(harness.emulator);
      harness.hooks = undefined; // the user fixed the cause
      expectEnd(first, 'run', kind === 'terminal' ? 'terminal' : 'documented');
      if (first.status !== 'SUCCEEDED' && rerun === 'redrive') {
        const { caught } = failureOf(first);
        const redriven = await harness.redrive(first.executionArn);
        steps.push(`redrive ${describeEnd(redriven)}`);
        executions += 1;
        if (!caught && redriven.status !== 'SUCCEEDED') problems.push(`redrive: expected SUCCEEDED, got ${redriven.error}: ${redriven.cause}`);
        if (caught) {
          // AWS: continues from the unsuccessful step = the Fail state; nothing else runs, nothing is created.
          if (redriven.status !== 'FAILED' || redriven.error !== first.error) problems.push(`redrive of a caught failure: expected ${first.error} again, got ${describeEnd(redriven)}`);
          if (redriven.tasks.length > 0) problems.push(`redrive of a caught failure ran Task states: ${redriven.tasks.map((t) => t.state).join(', ')}`);
          const fresh = await start();
          expectEnd(fresh, 'new-execution', 'success');
        }
      } else if (rerun === 'new-execution' || first.status !== 'SUCCEEDED') {
        const fresh = await start();
        expectEnd(fresh, 'new-execution', 'success');
      }
    } else {
      // duplicate-start: EventBridge redelivery, then API repeats, through the real trigger handlers.
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
      expectEnd(viaEvent, 'event', kind === 'terminal' ? 'terminal' : 'success');
      const late = await deliverEvent(event);
      if (new Set([...eventArns, late.executionArn]).size !== 1) problems.push(`event deliveries got different executions: ${[...eventArns, late.executionArn].join(', ')}`);
      if (!late.alreadyStarted) problems.push('a redelivery after the end started a new execution');
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
      expectEnd(viaApi, 'api', 'success');
      const again = await postProvisioning(input, key);
      statuses.push(again.statusCode);
      // Exactly one 202 per execution; none when the fault hits the API's own claim write (DynamoDB PutItem).
      const accepted = statuses.filter((s) => s === 202).length;
      if (!statuses.every((s) => s === 200 || s === 202) || accepted > 1 || (accepted === 0 && target.call !== 'DynamoDB.PutItem')) {
        problems.push(`API statuses ${statuses.join(', ')}`);
      }
      const listed = harness.stepFunctions.ListExecutions({ stateMachineArn: harness.stateMachineArn })['executions'] as unknown[];
      const expected = dayTwo ? 3 : 2; // one per channel (and day one's provisioning)
      if (listed.length !== expected) problems.push(`expected ${expected} executions (one per channel), found ${listed.length}`);
    }
  } catch (err) {
    problems.push(`harness error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    harness.hooks = undefined;
    setLambdaFault(undefined);
  }
  const lost = dayTwo && lastRun?.status === 'SUCCEEDED' ? lostUpdates(harness.emulator) : [];
  if (lost.length > 0) problems.push(`LOST UPDATES: ${lost.join('; ')}`);
  const templateNames = harness.emulator.snapshot().connectorAd?.templates.map((t) => t.Name) ?? [];
  const resources = harness.resources();
  const live = harness.emulator.counts();
  const world = harness.emulator.snapshot();
  const foreignLive = world.directories.some((d) => d.DirectoryId === foreignId && d.deletedAtMs === undefined);
  const secretId = (input['Directory'] as { PasswordSecretId?: string }).PasswordSecretId;
  const secretLive = world.secrets.some((x) => (x.Name === secretId || x.ARN === secretId) && x.DeletedDateMs === undefined);
  await harness.stop();
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
      ? [...Object.entries(resources.connectorSide).filter(([k, n]) => k !== 'templates' && k !== 'accessControlEntries' && n > 1), ...[...new Set(templateNames)].filter((n) => templateNames.filter((x) => x === n).length > 1).map((n) => [`templates named ${n}`, 2] as const)]
      : Object.entries(resources.connectorSide).filter(([, n]) => n > 1);
  const duplicates = !teardown && (dirs.length > 1 || resources.connectors.length > 1 || resources.directories.length > 1 || twice.length > 0);
  if (duplicates) {
    problems.push(`DUPLICATES: ${resources.directories.length} directories, ${resources.connectors.length} connectors${twice.map(([k, n]) => `, ${n} ${k}`).join('')}`);
  }
  return {
    ...(teardown ? { machine: 'teardown' as const } : {}),
    ...(dayTwo ? { scenario: 'day-two' as const, lostUpdates: lost.length > 0 } : {}),
    state: target.state, call: target.call, kind, rerun, passed: problems.length === 0, duplicates, ...(teardown ? { leftovers } : {}), executions, path: steps.join(' -> '), problems,
  };
};

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
 * A fixed covering subset of the grid: every row with each of its applicable fault kinds once, the rerun rotating
 * with the row so that each row also meets every rerun (a row has more kinds than there are reruns) and, across
 * rows, every (fault kind, rerun) pair appears; a pair the rotation misses is added at the first row it applies to.
 * Computed from the discovered rows and the lists above, so a new call, fault kind or rerun is covered by itself.
 * The provisioning rows and the teardown rows (with their own reruns) are covered each on their own.
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
    rows.forEach((target, row) => {
      FAULT_KINDS.filter((kind) => isApplicable(target, kind)).forEach((kind, i) => choose(target, kind, reruns[(row + i) % reruns.length] as Rerun));
    });
    for (const kind of FAULT_KINDS) {
      const target = rows.find((t) => isApplicable(t, kind));
      for (const rerun of reruns) if (target && !pairs.has(`${kind} ${rerun}`)) choose(target, kind, rerun);
    }
  }
  return allCells(targets).filter((c) => chosen.has(cellId({ ...c.target, kind: c.kind, rerun: c.rerun })));
};

export interface MatrixResult {
  targets: Target[];
  cells: CellResult[];
  summary: { cells: number; passed: number; duplicates: number; executions: number; wallMs: number };
  /** The teardown rows' share of the cells (when they ran): leftovers = cells that left something or lost the foreign directory. */
  teardown?: { rows: number; cells: number; passed: number; leftovers: number; executions: number; wallMs: number };
  /** The day-two rows' share of the cells (when they ran): lostUpdates = cells whose world lacks what the change asked for. */
  dayTwo?: { rows: number; cells: number; passed: number; duplicates: number; lostUpdates: number; executions: number; wallMs: number };
}

/** Which rows run: the provisioning's, the teardown's, the day-two change's; all unless told. */
export type MatrixPart = 'provisioning' | 'teardown' | 'day-two';

/**
 * Runs the grid: `full` (default) every applicable cell, `covering` the subset of coveringCells; `filter` narrows
 * either further; `parts` picks the provisioning rows, the teardown rows or both (default).
 */
export const runMatrix = async (
  opts: { cells?: 'full' | 'covering'; parts?: readonly MatrixPart[]; filter?: (t: Target, k: FaultKind, r: Rerun) => boolean; onCell?: (c: CellResult) => void } = {},
): Promise<MatrixResult> => {
  const started = performance.now();
  const parts = opts.parts ?? ['provisioning', 'teardown', 'day-two'];
  const targets: Target[] = [];
  const cells: CellResult[] = [];
  let teardown: MatrixResult['teardown'];
  let dayTwo: MatrixResult['dayTwo'];
  for (const part of parts) {
    const partStarted = performance.now();
    const rows = part === 'teardown' ? await discoverTeardownTargets() : part === 'day-two' ? await discoverDayTwoTargets() : await discoverTargets();
    targets.push(...rows);
    const partCells: CellResult[] = [];
    for (const { target, kind, rerun } of opts.cells === 'covering' ? coveringCells(rows) : allCells(rows)) {
      if (opts.filter && !opts.filter(target, kind, rerun)) continue;
      const cell = await runCell(target, kind, rerun);
      partCells.push(cell);
      opts.onCell?.(cell);
    }
    cells.push(...partCells);
    if (part === 'teardown') {
      teardown = {
        rows: rows.length,
        cells: partCells.length,
        passed: partCells.filter((c) => c.passed).length,
        leftovers: partCells.filter((c) => c.leftovers).length,
        executions: partCells.reduce((n, c) => n + c.executions, 0),
        wallMs: Math.round(performance.now() - partStarted),
      };
    }
    if (part === 'day-two') {
      dayTwo = {
        rows: rows.length,
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
    cells,
    ...(teardown ? { teardown } : {}),
    ...(dayTwo ? { dayTwo } : {}),
    summary: {
      cells: cells.length,
      passed: cells.filter((c) => c.passed).length,
      duplicates: cells.filter((c) => c.duplicates).length,
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
  lines.push(`matrix: ${s.cells} cells, ${s.passed} passed, ${s.duplicates} with duplicates; ${s.executions} executions, ${(s.wallMs / 1000).toFixed(1)} s wall`);
  const td = m.teardown;
  if (td) lines.push(`  of which teardown: ${td.rows} rows, ${td.cells} cells, ${td.passed} passed, ${td.leftovers} with leftovers; ${td.executions} executions, ${(td.wallMs / 1000).toFixed(1)} s wall`);
  const d2 = m.dayTwo;
  if (d2) lines.push(`  of which day two: ${d2.rows} rows, ${d2.cells} cells, ${d2.passed} passed, ${d2.duplicates} with duplicates, ${d2.lostUpdates} with lost updates; ${d2.executions} executions, ${(d2.wallMs / 1000).toFixed(1)} s wall`);
  for (const c of m.cells.filter((x) => !x.passed)) {
    lines.push(`  ✗ ${c.machine === 'teardown' ? 'teardown: ' : c.scenario === 'day-two' ? 'day two: ' : ''}${c.state} ${c.call} ${c.kind} / ${c.rerun}: ${c.problems.join('; ')}  [${c.path}]`);
  }
  return lines.join('\n');
};

