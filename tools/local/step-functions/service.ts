/**
 * The Step Functions API semantics over the engine (what the triggers, the API and the executions CLI call):
 * StartExecution, DescribeExecution, ListExecutions, GetExecutionHistory, RedriveExecution, StopExecution — for the
 * two state machines, the provisioning workflow and the teardown, each run by `runExecution` (../engine/execution.ts:
 * the real ASL, the real handlers, the shared emulator).
 *
 * Semantics kept from AWS (Standard workflows):
 *  - Time is the world's simulated clock (start, stop and redrive dates; the 14-day redrive window). An execution's
 *    history is kept 90 days after it ends, then purged: DescribeExecution and GetExecutionHistory answer
 *    ExecutionDoesNotExist, ListExecutions omits it, and its name may be used again.
 *  - "Step Functions Execution Status Change" events (source `aws.states`, as EventBridge delivers them): RUNNING when
 *    an execution starts or is redriven, then its closed status, each handed to `onStatusChange` (the world's rule
 *    target) without waiting for it, except a redrive's, which is handled before the redriven run resumes.
 *  - StopExecution: the run stops after the state it is in (a Lambda invocation in flight completes, its result
 *    unused), the execution is ABORTED with the given error and cause, and may be redriven.
 *  - StartExecution name idempotency: the same name + the same input while RUNNING returns the original ARN and
 *    startDate; a closed execution's name, or a different input, is `ExecutionAlreadyExists`. Names: 1–80 chars.
 *  - RedriveExecution keeps the execution ARN and input, keeps the results of the steps that succeeded and continues
 *    from the unsuccessful step; only FAILED/TIMED_OUT/ABORTED executions are redrivable (`ExecutionNotRedrivable`).
 *    aws-local-stepfunctions cannot start in the middle of a machine, so a redrive runs the machine from `StartAt`
 *    again with the original input in REPLAY mode: every Task invocation recorded before the failed state was last
 *    entered returns its recorded result (success or error) without calling any handler or AWS, so Choice states
 *    take the same path; from the failed state on, the real handlers run. The result is what AWS does: the same
 *    path, the failed step re-run with its full retry budget, the same execution ARN (so the same ClientToken).
 *    The one difference: the two PutEvents integration states are not Lambda tasks and are re-run, not replayed
 *    (only PublishFailedEvent lies before a Fail state, so a redriven caught failure may publish its failure again).
 *  - GetExecutionHistory: AWS event type names built from the engine's timeline and the Lambda invocations
 *    (`ExecutionStarted`, `TaskStateEntered`/`ChoiceStateEntered`/…, `LambdaFunctionScheduled|Started|Succeeded|Failed`,
 *    `…StateExited`, `ExecutionRedriven`, `ExecutionSucceeded`/`ExecutionFailed`), ids in order, `reverseOrder`,
 *    paging. Replayed steps of a redrive add no events (AWS keeps the original ones).
 */
import { randomUUID } from 'node:crypto';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import { MACHINES, loadDefinition } from '../engine/asl.ts';
import type { Machine } from '../engine/asl.ts';
import { runExecution } from '../engine/execution.ts';
import type { LocalTaskHandler, RunOptions, RunResult, TimelineEntry } from '../engine/execution.ts';
import { MAX_INPUT_DEPTH, jsonDepth } from '../engine/run-local.ts';
import type { Emulator, Seed } from '../emulator/index.ts';

/** An AWS-shaped service error (the server renders `__type` from `name`). */
export class SfnError extends Error {
  readonly status: number;
  constructor(name: string, message: string, status = 400) {
    super(message);
    this.name = name;
    this.status = status;
  }
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

type Outcome = { ok: true; output: unknown } | { ok: false; name: string; message: string };
type JournalEntry = { t: 'enter'; state: string } | { t: 'invoke'; state: string; outcome: Outcome };

/** One of the two state machines. */
interface LocalMachine {
  arn: string;
  machine: Machine;
  /** State name -> state type, for the history's event type names. */
  stateTypes: Record<string, string>;
}

interface LocalExecution {
  machine: LocalMachine;
  executionArn: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  redriveCount: number;
  redriveDate?: Date;
  redriveTokens: Map<string, Date>;
  history: HistoryEvent[];
  /** What the current (or last) run did, in order: states entered and Task invocations with their outcomes. */
  journal: JournalEntry[];
  /** Settles when the current run ends. */
  done: Promise<void>;
  /** Stops the current run (StopExecution). */
  abort?: AbortController;
}

export interface LocalSfnOptions {
  emulator: Emulator;
  seed: Seed;
  stateMachineArn?: string;
  /** The teardown state machine (statemachine/teardown.asl.json). */
  teardownStateMachineArn?: string;
  /** Extra runExecution options (e.g. `wrapHandler` for Lambda crash injection), merged into every run. */
  runOptions?: Partial<Pick<RunOptions, 'wrapHandler' | 'onTimeline'>>;
  /** Epoch milliseconds now (default: the emulator's simulated clock). */
  now?: () => number;
  /** The target of the executions' status change events (the rule of serverless/triggers.yml). */
  onStatusChange?: (event: StatusChangeEvent) => Promise<unknown>;
}

/** A "Step Functions Execution Status Change" event as EventBridge delivers it (times in epoch milliseconds). */
export interface StatusChangeEvent {
  version: '0';
  id: string;
  'detail-type': 'Step Functions Execution Status Change';
  source: 'aws.states';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    executionArn: string;
    stateMachineArn: string;
    name: string;
    status: ExecutionStatus;
    startDate: number;
    stopDate: number | null;
    input: string;
    inputDetails: { included: true };
    output: string | null;
    outputDetails: { included: boolean } | null;
    error: string | null;
    cause: string | null;
    redriveCount: number;
  };
}

/** How long Step Functions keeps an execution's history after it ends. */
export const HISTORY_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_INPUT_BYTES = 256 * 1024;

const STATE_TYPE_PREFIX: Record<string, string> = {
  Task: 'Task', Pass: 'Pass', Choice: 'Choice', Wait: 'Wait', Succeed: 'Succeed', Fail: 'Fail', Parallel: 'Parallel', Map: 'Map',
};

const str = (input: Record<string, unknown>, key: string): string | undefined =>
  typeof input[key] === 'string' ? (input[key] as string) : undefined;

const lambdaCause = (name: string, message: string): string => JSON.stringify({ errorType: name, errorMessage: message });

export class LocalStepFunctions {
  readonly stateMachineArn: string;
  readonly teardownStateMachineArn: string;
  readonly emulator: Emulator;
  private readonly seed: Seed;
  private readonly runOptions: LocalSfnOptions['runOptions'];
  private readonly executions = new Map<string, LocalExecution>();
  private readonly machines = new Map<string, LocalMachine>();
  private readonly now: () => number;
  private readonly onStatusChange: LocalSfnOptions['onStatusChange'];
  private readonly deliveries = new Set<Promise<void>>();
  /** Status change events whose target failed (name and message), for tests and the world's report. */
  readonly statusChangeFailures: { executionArn: string; status: string; error: string }[] = [];

  constructor(opts: LocalSfnOptions) {
    this.now = opts.now ?? (() => opts.emulator.clock.now());
    this.onStatusChange = opts.onStatusChange;
    this.stateMachineArn = opts.stateMachineArn ?? MACHINES.provision.stateMachineArn;
    this.teardownStateMachineArn = opts.teardownStateMachineArn ?? MACHINES.teardown.stateMachineArn;
    this.emulator = opts.emulator;
    this.seed = opts.seed;
    this.runOptions = opts.runOptions;
    for (const [arn, machine] of [[this.stateMachineArn, 'provision'], [this.teardownStateMachineArn, 'teardown']] as const) {
      const def = loadDefinition({}, MACHINES[machine].aslPath) as unknown as { States: Record<string, { Type: string }> };
      this.machines.set(arn, { arn, machine, stateTypes: Object.fromEntries(Object.entries(def.States).map(([n, s]) => [n, s.Type])) });
    }
  }

  /** Resolves when every execution has finished its current run and every status change event was handled. */
  async idle(): Promise<void> {
    for (;;) {
      const runs = [...this.executions.values()].map((e) => e.done);
      const deliveries = [...this.deliveries];
      await Promise.all([...runs, ...deliveries]);
      // A handled event may have started or redriven an execution, and an ended run emits one more event.
      const unchanged = [...this.executions.values()].every((e) => runs.includes(e.done));
      if (unchanged && [...this.deliveries].every((d) => deliveries.includes(d))) return;
    }
  }

  /** Whether an execution with this ARN exists. */
  has(executionArn: string): boolean {
    this.purge();
    return this.executions.has(executionArn);
  }

  /** The execution's current run, to await in tests. */
  async waitFor(executionArn: string): Promise<ExecutionStatus> {
    const e = this.get(executionArn);
    await e.done;
    return e.status;
  }

  /* ---------------- the API operations (inputs/outputs as on the wire, Dates converted by the server) ---------------- */

  StartExecution(input: Record<string, unknown>): Record<string, unknown> {
    this.purge();
    const machine = this.machine(str(input, 'stateMachineArn'));
    const name = str(input, 'name') ?? randomUUID();
    if (!NAME.test(name)) throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
    const body = str(input, 'input') ?? '{}';
    if (Buffer.byteLength(body) > MAX_INPUT_BYTES) throw new SfnError('InvalidExecutionInput', 'Input exceeds the maximum size of 262144 bytes');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new SfnError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not valid JSON');
    }
    // A limit of the local engine (see MAX_INPUT_DEPTH), refused up front instead of failing inside the run.
    const depth = jsonDepth(parsed);
    if (depth > MAX_INPUT_DEPTH) throw new SfnError('InvalidExecutionInput', `Input nested ${depth} levels deep; the local engine runs at most ${MAX_INPUT_DEPTH}`);
    const executionArn = this.arnFor(machine, name);
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === body) {
        return { executionArn, startDate: existing.startDate };
      }
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const execution: LocalExecution = {
      machine, executionArn, name, input: body, status: 'RUNNING', startDate: this.date(), redriveCount: 0,
      redriveTokens: new Map(), history: [], journal: [], done: Promise.resolve(),
    };
    this.executions.set(executionArn, execution);
    this.event(execution, 'ExecutionStarted', {
      executionStartedEventDetails: { input: body, roleArn: 'arn:aws:iam::111122223333:role/local-state-machine' },
    });
    void this.statusChanged(execution);
    execution.done = this.run(execution, []);
    return { executionArn, startDate: execution.startDate };
  }

  DescribeExecution(input: Record<string, unknown>): Record<string, unknown> {
    const e = this.get(str(input, 'executionArn'));
    const redrive = this.redriveStatus(e);
    return {
      executionArn: e.executionArn,
      stateMachineArn: e.machine.arn,
      name: e.name,
      status: e.status,
      startDate: e.startDate,
      ...(e.stopDate ? { stopDate: e.stopDate } : {}),
      input: e.input,
      inputDetails: { included: true },
      ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
      ...(e.error !== undefined ? { error: e.error } : {}),
      ...(e.cause !== undefined ? { cause: e.cause } : {}),
      redriveCount: e.redriveCount,
      ...(e.redriveDate ? { redriveDate: e.redriveDate } : {}),
      redriveStatus: redrive.status,
      ...(redrive.reason ? { redriveStatusReason: redrive.reason } : {}),
    };
  }

  ListExecutions(input: Record<string, unknown>): Record<string, unknown> {
    this.purge();
    const machine = this.machine(str(input, 'stateMachineArn'));
    const status = str(input, 'statusFilter');
    const redriveFilter = str(input, 'redriveFilter');
    const max = typeof input['maxResults'] === 'number' && input['maxResults'] > 0 ? Math.min(input['maxResults'], 1000) : 100;
    const offset = Number(str(input, 'nextToken') ?? 0) || 0;
    const all = [...this.executions.values()]
      .filter((e) => e.machine === machine)
      .filter((e) => !status || e.status === status)
      .filter((e) => !redriveFilter || (redriveFilter === 'REDRIVEN' ? e.redriveCount > 0 : e.redriveCount === 0))
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
    const page = all.slice(offset, offset + max);
    return {
      executions: page.map((e) => ({
        executionArn: e.executionArn,
        stateMachineArn: machine.arn,
        name: e.name,
        status: e.status,
        startDate: e.startDate,
        ...(e.stopDate ? { stopDate: e.stopDate } : {}),
        redriveCount: e.redriveCount,
        ...(e.redriveDate ? { redriveDate: e.redriveDate } : {}),
      })),
      ...(offset + max < all.length ? { nextToken: String(offset + max) } : {}),
    };
  }

  GetExecutionHistory(input: Record<string, unknown>): Record<string, unknown> {
    const e = this.get(str(input, 'executionArn'));
    const max = typeof input['maxResults'] === 'number' && input['maxResults'] > 0 ? Math.min(input['maxResults'], 1000) : 100;
    const offset = Number(str(input, 'nextToken') ?? 0) || 0;
    const ordered = input['reverseOrder'] === true ? [...e.history].reverse() : e.history;
    const withData = input['includeExecutionData'] !== false;
    const page = ordered.slice(offset, offset + max).map((ev) => (withData ? ev : stripData(ev)));
    return { events: page, ...(offset + max < ordered.length ? { nextToken: String(offset + max) } : {}) };
  }

  RedriveExecution(input: Record<string, unknown>): Record<string, unknown> {
    const e = this.get(str(input, 'executionArn'));
    const token = str(input, 'clientToken');
    const earlier = token ? e.redriveTokens.get(token) : undefined;
    if (earlier) return { redriveDate: earlier }; // the same request again: idempotent
    const redrive = this.redriveStatus(e);
    if (redrive.status !== 'REDRIVABLE') throw new SfnError('ExecutionNotRedrivable', redrive.reason ?? 'Execution cannot be redriven');

    // Continue from the state that was entered last (the failed Task, or the Fail state a Catch routed to).
    let cutoff = e.journal.length;
    for (let i = e.journal.length - 1; i >= 0; i -= 1) {
      if (e.journal[i]?.t === 'enter') {
        cutoff = i;
        break;
      }
    }
    const kept = e.journal.slice(0, cutoff);
    const replay = kept.filter((j): j is Extract<JournalEntry, { t: 'invoke' }> => j.t === 'invoke');
    e.journal = kept;
    e.status = 'RUNNING';
    e.redriveCount += 1;
    e.redriveDate = this.date();
    delete e.stopDate;
    delete e.error;
    delete e.cause;
    delete e.output;
    if (token) e.redriveTokens.set(token, e.redriveDate);
    this.event(e, 'ExecutionRedriven', { executionRedrivenEventDetails: { redriveCount: e.redriveCount } });
    // Handled before the run resumes (on AWS it may arrive while the first step runs: docs/local-world.md).
    e.done = this.statusChanged(e).then(() => (e.status === 'RUNNING' ? this.run(e, replay) : undefined));
    return { redriveDate: e.redriveDate };
  }

  StopExecution(input: Record<string, unknown>): Record<string, unknown> {
    const e = this.get(str(input, 'executionArn'));
    const error = str(input, 'error');
    const cause = str(input, 'cause');
    if ((error?.length ?? 0) > 256) throw new SfnError('ValidationException', 'Value at \'error\' failed to satisfy constraint: Member must have length less than or equal to 256');
    if ((cause?.length ?? 0) > 32768) throw new SfnError('ValidationException', 'Value at \'cause\' failed to satisfy constraint: Member must have length less than or equal to 32768');
    if (e.status !== 'RUNNING') return { stopDate: e.stopDate ?? this.date() };
    e.status = 'ABORTED';
    e.stopDate = this.date();
    if (error !== undefined) e.error = error;
    if (cause !== undefined) e.cause = cause;
    e.abort?.abort();
    this.event(e, 'ExecutionAborted', { executionAbortedEventDetails: { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) } });
    void this.statusChanged(e);
    return { stopDate: e.stopDate };
  }

  /* ---------------- running ---------------- */

  private async run(e: LocalExecution, replay: Extract<JournalEntry, { t: 'invoke' }>[]): Promise<void> {
    let replaying = replay.length > 0;
    let pendingEntries: string[] = [];
    let current: string | undefined;

    const enter = (state: string) => {
      if (current) this.event(e, `${this.prefix(e, current)}StateExited`, { stateExitedEventDetails: { name: current } });
      current = state;
      e.journal.push({ t: 'enter', state });
      this.event(e, `${this.prefix(e, state)}StateEntered`, { stateEnteredEventDetails: { name: state } });
    };

    const onTimeline = (entry: TimelineEntry) => {
      this.runOptions?.onTimeline?.(entry);
      if (entry.kind !== 'state' || !entry.state) return;
      if (replaying) pendingEntries.push(entry.state);
      else enter(entry.state);
    };

    const wrapHandler = (state: string, handler: LocalTaskHandler): LocalTaskHandler => {
      const inner = this.runOptions?.wrapHandler ? this.runOptions.wrapHandler(state, handler) : handler;
      return async (event: unknown, context: Context) => {
        if (replaying) {
          const next = replay[0];
          if (next && next.state === state) {
            replay.shift();
            pendingEntries = [];
            if (next.outcome.ok) return next.outcome.output;
            throw Object.assign(new Error(next.outcome.message), { name: next.outcome.name });
          }
          // From here on, live: record the state the redrive continues from (AWS shows only that one re-entered).
          replaying = false;
          const resumeAt = pendingEntries.at(-1);
          pendingEntries = [];
          if (resumeAt) enter(resumeAt);
        }
        const resource = `arn:aws:lambda:${this.seed.region}:${this.seed.accountId}:function:local-${state}`;
        this.event(e, 'LambdaFunctionScheduled', { lambdaFunctionScheduledEventDetails: { resource, input: JSON.stringify(event) } });
        this.event(e, 'LambdaFunctionStarted', {});
        try {
          const output = await inner(event, context);
          e.journal.push({ t: 'invoke', state, outcome: { ok: true, output } });
          this.event(e, 'LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output: JSON.stringify(output ?? null) } });
          return output;
        } catch (err) {
          const name = err instanceof Error ? err.name : 'Error';
          const message = err instanceof Error ? err.message : String(err);
          e.journal.push({ t: 'invoke', state, outcome: { ok: false, name, message } });
          this.event(e, 'LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error: name, cause: lambdaCause(name, message) } });
          throw err;
        }
      };
    };

    let result: RunResult | undefined;
    let crash: unknown;
    e.abort = new AbortController();
    try {
      result = await runExecution(this.emulator, {
        input: JSON.parse(e.input) as unknown,
        executionArn: e.executionArn,
        machine: e.machine.machine,
        wrapHandler,
        onTimeline,
        signal: e.abort.signal,
      });
    } catch (err) {
      crash = err;
    }
    if (e.status === 'ABORTED') return; // StopExecution closed it
    if (replaying && pendingEntries.length > 0) enter(pendingEntries.at(-1) as string); // redrive of a caught failure
    e.stopDate = this.date();
    if (result?.status === 'SUCCEEDED') {
      if (current) this.event(e, `${this.prefix(e, current)}StateExited`, { stateExitedEventDetails: { name: current, output: JSON.stringify(result.output ?? null) } });
      e.status = 'SUCCEEDED';
      e.output = JSON.stringify(result.output ?? null);
      this.event(e, 'ExecutionSucceeded', { executionSucceededEventDetails: { output: e.output } });
    } else {
      e.status = 'FAILED';
      e.error = result?.error ?? 'States.Runtime';
      e.cause = result?.cause ?? (crash instanceof Error ? `local runner: ${crash.message}` : 'local runner failed');
      this.event(e, 'ExecutionFailed', { executionFailedEventDetails: { error: e.error, cause: e.cause } });
    }
    void this.statusChanged(e);
  }

  /* ---------------- status change events, retention ---------------- */

  private date(): Date {
    return new Date(this.now());
  }

  /** Hands the execution's current status to the status change target; resolves once it was handled. */
  private statusChanged(e: LocalExecution): Promise<void> {
    if (!this.onStatusChange) return Promise.resolve();
    const [, , , region, account] = e.executionArn.split(':');
    const event: StatusChangeEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Step Functions Execution Status Change',
      source: 'aws.states',
      account: account ?? '',
      time: this.date().toISOString(),
      region: region ?? '',
      resources: [e.executionArn],
      detail: {
        executionArn: e.executionArn,
        stateMachineArn: e.machine.arn,
        name: e.name,
        status: e.status,
        startDate: e.startDate.getTime(),
        stopDate: e.stopDate?.getTime() ?? null,
        input: e.input,
        inputDetails: { included: true },
        output: e.output ?? null,
        outputDetails: e.output !== undefined ? { included: true } : null,
        error: e.error ?? null,
        cause: e.cause ?? null,
        redriveCount: e.redriveCount,
      },
    };
    const target = this.onStatusChange;
    const delivery = (async () => {
      try {
        await target(event);
      } catch (err) {
        this.statusChangeFailures.push({ executionArn: e.executionArn, status: event.detail.status, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      }
    })();
    this.deliveries.add(delivery);
    void delivery.then(() => this.deliveries.delete(delivery));
    return delivery;
  }

  /** Forgets executions that ended more than HISTORY_RETENTION_DAYS ago, as Step Functions does. */
  private purge(): void {
    const cutoff = this.now() - HISTORY_RETENTION_DAYS * DAY_MS;
    for (const [arn, e] of this.executions) {
      if (e.status !== 'RUNNING' && e.stopDate && e.stopDate.getTime() < cutoff) this.executions.delete(arn);
    }
  }

  /* ---------------- helpers ---------------- */

  private prefix(e: LocalExecution, state: string): string {
    return STATE_TYPE_PREFIX[e.machine.stateTypes[state] ?? 'Task'] ?? 'Task';
  }

  private event(e: LocalExecution, type: string, details: Record<string, unknown>): void {
    const id = e.history.length + 1;
    e.history.push({ id, previousEventId: id - 1, timestamp: this.date(), type, ...details } as HistoryEvent);
  }

  private redriveStatus(e: LocalExecution): { status: 'REDRIVABLE' | 'NOT_REDRIVABLE'; reason?: string } {
    if (e.status === 'FAILED' || e.status === 'TIMED_OUT' || e.status === 'ABORTED') {
      const ageDays = (this.now() - (e.stopDate ?? e.startDate).getTime()) / DAY_MS;
      if (ageDays > 14) return { status: 'NOT_REDRIVABLE', reason: 'Execution is older than 14 days and cannot be redriven' };
      return { status: 'REDRIVABLE' };
    }
    return { status: 'NOT_REDRIVABLE', reason: `Execution is ${e.status} and cannot be redriven` };
  }

  private machine(arn: string | undefined): LocalMachine {
    const machine = arn === undefined ? undefined : this.machines.get(arn);
    if (!machine) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn ?? ''}'`);
    return machine;
  }

  private arnFor(machine: LocalMachine, name: string): string {
    return `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
  }

  private get(arn: string | undefined): LocalExecution {
    if (!arn || !/^arn:aws[\w-]*:states:/.test(arn)) throw new SfnError('InvalidArn', `Invalid Arn: '${arn ?? ''}'`);
    this.purge();
    const e = this.executions.get(arn);
    if (!e) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return e;
  }
}

const DATA_FIELDS = ['input', 'output'];
/** `includeExecutionData: false`: drop inputs and outputs from the event details. */
const stripData = (ev: HistoryEvent): HistoryEvent =>
  Object.fromEntries(
    Object.entries(ev).map(([k, v]) =>
      k.endsWith('EventDetails') && v && typeof v === 'object'
        ? [k, Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([f]) => !DATA_FIELDS.includes(f)))]
        : [k, v],
    ),
  ) as HistoryEvent;
