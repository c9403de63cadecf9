/**
 * The Step Functions API semantics over the engine (what the triggers, the API and the executions CLI call):
 * StartExecution, DescribeExecution, ListExecutions, GetExecutionHistory, RedriveExecution — for the two state
 * machines, the provisioning workflow and the teardown, each run by `runExecution` (../engine/execution.ts: the real ASL,
 * the real handlers, the shared emulator).
 *
 * Semantics kept from AWS (Standard workflows):
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
}

export interface LocalSfnOptions {
  emulator: Emulator;
  seed: Seed;
  stateMachineArn?: string;
  /** The teardown state machine (statemachine/teardown.asl.json). */
  teardownStateMachineArn?: string;
  /** Extra runExecution options (e.g. `wrapHandler` for Lambda crash injection), merged into every run. */
  runOptions?: Partial<Pick<RunOptions, 'wrapHandler' | 'onTimeline'>>;
}

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

  constructor(opts: LocalSfnOptions) {
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

  /** Resolves when every execution has finished its current run (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.executions.values()].map((e) => e.done));
  }

  /** Whether an execution with this ARN exists. */
  has(executionArn: string): boolean {
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
      machine, executionArn, name, input: body, status: 'RUNNING', startDate: new Date(), redriveCount: 0,
      redriveTokens: new Map(), history: [], journal: [], done: Promise.resolve(),
    };
    this.executions.set(executionArn, execution);
    this.event(execution, 'ExecutionStarted', {
      executionStartedEventDetails: { input: body, roleArn: 'arn:aws:iam::111122223333:role/local-state-machine' },
    });
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
    e.redriveDate = new Date();
    delete e.stopDate;
    delete e.error;
    delete e.cause;
    delete e.output;
    if (token) e.redriveTokens.set(token, e.redriveDate);
    this.event(e, 'ExecutionRedriven', { executionRedrivenEventDetails: { redriveCount: e.redriveCount } });
    e.done = this.run(e, replay);
    return { redriveDate: e.redriveDate };
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
    try {
      result = await runExecution(this.emulator, {
        input: JSON.parse(e.input) as unknown,
        executionArn: e.executionArn,
        machine: e.machine.machine,
        wrapHandler,
        onTimeline,
      });
    } catch (err) {
      crash = err;
    }
    if (replaying && pendingEntries.length > 0) enter(pendingEntries.at(-1) as string); // redrive of a caught failure
    e.stopDate = new Date();
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
  }

  /* ---------------- helpers ---------------- */

  private prefix(e: LocalExecution, state: string): string {
    return STATE_TYPE_PREFIX[e.machine.stateTypes[state] ?? 'Task'] ?? 'Task';
  }

  private event(e: LocalExecution, type: string, details: Record<string, unknown>): void {
    const id = e.history.length + 1;
    e.history.push({ id, previousEventId: id - 1, timestamp: new Date(), type, ...details } as HistoryEvent);
  }

  private redriveStatus(e: LocalExecution): { status: 'REDRIVABLE' | 'NOT_REDRIVABLE'; reason?: string } {
    if (e.status === 'FAILED' || e.status === 'TIMED_OUT' || e.status === 'ABORTED') {
      const ageDays = (Date.now() - (e.stopDate ?? e.startDate).getTime()) / 86_400_000;
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
