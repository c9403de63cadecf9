/**
 * In-process harness over the local world (tools/local/world.ts) for the reliability checks: per scenario one world,
 * whose local Step Functions service runs the real ASL with the real handlers (tools/local/engine/execution.ts), with
 * the emulator serving every service whatever the environment says, plus the hooks the checks need:
 *  - `activate()` points the SDK (env + fresh cached clients) at this world's emulator and Step Functions endpoint;
 *  - a per-attempt hook around every Task handler (which state runs, which attempt) and an SDK middleware on the
 *    handlers' clients that can kill the "Lambda" right before or right after one AWS call (`setLambdaFault`).
 */
import './env.ts';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { acmPca, directoryService, directoryServiceCreate, directoryServiceData, dynamoDb, ec2, pcaConnectorAd, ram, secretsManager } from '../../src/aws/clients.ts';
import { setEnv } from '../env.ts';
import { DEFAULT_SEED_PATH, loadSeed } from '../local/emulator/index.ts';
import type { Emulator, EmulatorOptions, Seed } from '../local/emulator/index.ts';
import type { LocalTaskHandler, TimelineEntry } from '../local/engine/execution.ts';
import type { LocalStepFunctions } from '../local/step-functions/index.ts';
import { LOCAL_RECORDS_TABLE_NAME, startLocalWorld } from '../local/world.ts';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ProvisioningRecord } from '../../src/domain/provisioning-record.ts';
import { CHANGE_LEASE_STATES } from '../../src/workflow/catalog.ts';
import type { LocalWorld } from '../local/world.ts';

export const INPUT_PATH = new URL('../../events/execution-input.json', import.meta.url).pathname;
export const defaultSeed = (): Seed => loadSeed(DEFAULT_SEED_PATH);
export const defaultInput = (): Record<string, unknown> => JSON.parse(readFileSync(INPUT_PATH, 'utf8')) as Record<string, unknown>;
/** A sample execution input under events/, by file name. */
export const readSample = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../events/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/* ---------------- Lambda crash / timeout injection at one AWS call ---------------- */

/** Kill the "Lambda" of `state` right before (nothing sent) or right after (side effect done) its call of `service.op`. */
export interface LambdaFault {
  state: string;
  /** Emulator counter name, e.g. `DirectoryService.CreateDirectory`. */
  call: string;
  when: 'before' | 'after';
  /** The error Step Functions sees, e.g. `Sandbox.Timedout`, `Lambda.Unknown`. */
  error: string;
}

let currentState: string | undefined;
let lambdaFault: (LambdaFault & { fired: boolean }) | undefined;

export const setLambdaFault = (fault: LambdaFault | undefined): void => {
  lambdaFault = fault ? { ...fault, fired: false } : undefined;
};
export const lambdaFaultFired = (): boolean => lambdaFault?.fired ?? false;

export const lambdaError = (name: string, message = `injected ${name}`): Error => {
  const err = new Error(message);
  err.name = name;
  return err;
};

interface MiddlewareClient {
  middlewareStack: { add(mw: unknown, opts: Record<string, unknown>): void };
}
const instrumented = new WeakSet<object>();

/** `DirectoryServiceClient` + `CreateDirectoryCommand` -> `DirectoryService.CreateDirectory` (the emulator's names). */
const callName = (clientName: unknown, commandName: unknown): string =>
  `${String(clientName ?? '').replace(/Client$/, '')}.${String(commandName ?? '').replace(/Command$/, '')}`;

const instrument = (client: MiddlewareClient): void => {
  if (instrumented.has(client)) return;
  instrumented.add(client);
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { clientName?: string; commandName?: string }) =>
      async (args: unknown) => {
        const fault = lambdaFault;
        if (!fault || fault.fired || fault.state !== currentState || fault.call !== callName(context.clientName, context.commandName)) {
          return next(args);
        }
        fault.fired = true;
        if (fault.when === 'before') throw lambdaError(fault.error, `${fault.error}: the function died before ${fault.call}`);
        await next(args);
        throw lambdaError(fault.error, `${fault.error}: the function timed out after ${fault.call} returned`);
      },
    { step: 'initialize', name: 'verifyLambdaFault', priority: 'high', override: true },
  );
};

/** The handlers' cached clients, instrumented (creating them is what the handlers would do on their first call). */
const instrumentClients = (): void => {
  for (const client of [directoryService(), directoryServiceCreate(), secretsManager(), ec2(), acmPca(), pcaConnectorAd(), dynamoDb()]) {
    instrument(client as unknown as MiddlewareClient);
  }
};

/* ---------------- per-attempt hooks ---------------- */

export interface AttemptHooks {
  /** Before attempt `attempt` (1-based, per state and execution) of a Task state. May throw (a Lambda failure). */
  before?(state: string, attempt: number, emulator: Emulator): void;
  /** After the attempt, whatever its outcome. */
  after?(state: string, attempt: number, emulator: Emulator, error: unknown): void;
}

/** What one Task invocation called (emulator counters before/after: exact, the runs of one world are sequential). */
export interface TaskCall {
  state: string;
  attempt: number;
  calls: Record<string, number>;
  error?: string;
}


const diff = (after: Record<string, number>, before: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(after).flatMap(([k, v]) => (v - (before[k] ?? 0) > 0 ? [[k, v - (before[k] ?? 0)]] : [])));

/* ---------------- the harness ---------------- */

/** One execution's run as the checks see it. */
export interface ExecutionRun {
  executionArn: string;
  status: 'SUCCEEDED' | 'FAILED' | string;
  error?: string;
  cause?: string;
  output?: unknown;
  /** The engine's timeline of this run (states entered, retries, catches). */
  timeline: TimelineEntry[];
  /** Task invocations of this run (replayed steps of a redrive are not invocations). */
  tasks: TaskCall[];
  /** Emulator calls made during this run. */
  apiCalls: Record<string, number>;
}

/** The Step Functions endpoint of the world the SDK currently points at. */
let activeEndpoint: string | undefined;

/**
 * An emulator plus the local Step Functions service (tools/local/step-functions: StartExecution name idempotency,
 * RedriveExecution) on its own endpoint, with the SDK pointed at both. Executions of one world run one at a time
 * unless a check starts several on purpose (the trigger handlers' duplicate deliveries).
 */
export class Harness {
  hooks: AttemptHooks | undefined;
  private attempts = new Map<string, number>();
  private timeline: TimelineEntry[] = [];
  private tasks: TaskCall[] = [];
  /** Emulator calls of the status change function (not a Task: its calls are no run's). */
  private statusChangeCalls: Record<string, number> = {};
  /** Executions whose change lease Task returned with a provisioning record: the record must list them. */
  readonly registered = new Set<string>();

  readonly emulator: Emulator;
  readonly stepFunctions: LocalStepFunctions;

  private constructor(private readonly world: LocalWorld) {
    this.emulator = world.emulator;
    this.stepFunctions = world.stepFunctions;
  }

  static async start(opts: { seed?: Seed; emulator?: Partial<EmulatorOptions> } = {}): Promise<Harness> {
    const ref: { harness?: Harness } = {};
    const world = await startLocalWorld({
      seed: opts.seed ?? defaultSeed(),
      ...(opts.emulator ? { emulator: opts.emulator } : {}),
      userEndpoints: 'replace',
      runOptions: {
        wrapHandler: (state, handler) => (event, context) => (ref.harness as Harness).invoke(state, handler, event, context),
        onTimeline: (entry) => ref.harness?.timeline.push(entry),
      },
      // The runs of one world are sequential and the events are handled before a run goes on or after it ended, so
      // the calls made meanwhile are exactly the function's.
      wrapStatusChange: (target) => async (event) => {
        const harness = ref.harness as Harness;
        const before = { ...harness.emulator.apiCalls };
        try {
          return await target(event);
        } finally {
          for (const [call, n] of Object.entries(diff(harness.emulator.apiCalls, before))) harness.statusChangeCalls[call] = (harness.statusChangeCalls[call] ?? 0) + n;
        }
      },
    });
    ref.harness = new Harness(world);
    activeEndpoint = world.sfnEndpoint;
    return ref.harness;
  }

  /**
   * Builds the handlers' cached clients of one service (emulator counter prefix, e.g. `EC2`) with a short socket
   * timeout, for the cells whose fault is an unanswered call; every other client keeps the default, so the
   * triggers' and the other services' calls are not timed out by a busy machine.
   */
  shortSocketTimeout(service: string, ms: number): void {
    const getters: Record<string, (() => unknown)[]> = {
      DirectoryService: [directoryService, directoryServiceCreate],
      EC2: [ec2],
      SecretsManager: [secretsManager],
      ACMPCA: [acmPca],
      PcaConnectorAd: [pcaConnectorAd],
      DirectoryServiceData: [directoryServiceData],
      RAM: [ram],
      DynamoDB: [dynamoDb],
    };
    const clients = getters[service];
    // A service missing here would keep the default timeout: each of its cells would wait for it, in wall time.
    if (!clients) throw new Error(`shortSocketTimeout: no client getters for ${service}`);
    const restore = setEnv({ SDK_SOCKET_TIMEOUT_MS: String(ms) });
    try {
      for (const get of clients) get();
    } finally {
      restore();
    }
  }

  /** Timeline entries of every run since the last `track()` (concurrent runs interleave). */
  timelineEntries(): readonly TimelineEntry[] {
    return this.timeline;
  }

  get stateMachineArn(): string {
    return this.stepFunctions.stateMachineArn;
  }

  /** Points the SDK at this world: endpoint variables (overwritten), fresh cached clients, its clock. */
  activate(): void {
    this.world.activate();
    activeEndpoint = this.world.sfnEndpoint;
  }

  private async invoke(state: string, handler: LocalTaskHandler, event: unknown, context: Context): Promise<unknown> {
    const emulator = this.emulator;
    const attempt = (this.attempts.get(state) ?? 0) + 1;
    this.attempts.set(state, attempt);
    instrumentClients();
    const before = { ...emulator.apiCalls };
    const task: TaskCall = { state, attempt, calls: {} };
    this.tasks.push(task);
    let error: unknown;
    currentState = state;
    try {
      this.hooks?.before?.(state, attempt, emulator);
      const result = await handler(event, context);
      if (CHANGE_LEASE_STATES.includes(state as never) && (result as { ProvisioningId?: unknown } | null)?.ProvisioningId) {
        this.registered.add(String((event as { ExecutionId?: unknown }).ExecutionId));
      }
      return result;
    } catch (err) {
      error = err;
      task.error = err instanceof Error ? err.name : String(err);
      throw err;
    } finally {
      currentState = undefined;
      task.calls = diff(emulator.apiCalls, before);
      this.hooks?.after?.(state, attempt, emulator, error);
    }
  }

  /** Starts (StartExecution on the local service, in-process; the provisioning unless told) and waits for the end of the run. */
  async execute(input: unknown, name: string = `run-${randomUUID()}`, stateMachineArn: string = this.stateMachineArn): Promise<ExecutionRun> {
    return this.track(async () => {
      const out = this.stepFunctions.StartExecution({ stateMachineArn, name, input: JSON.stringify(input) });
      return String(out['executionArn']);
    });
  }

  /** Starts the teardown (statemachine/teardown.asl.json) with this input and waits for the end of the run. */
  async teardown(input: unknown): Promise<ExecutionRun> {
    return this.execute(input, `teardown-${randomUUID()}`, this.stepFunctions.teardownStateMachineArn);
  }

  /** RedriveExecution on the local service and waits for the redriven run. */
  async redrive(executionArn: string): Promise<ExecutionRun> {
    return this.track(async () => {
      this.stepFunctions.RedriveExecution({ executionArn });
      return executionArn;
    });
  }

  /** Runs `start` (which starts or redrives one execution, possibly through a trigger handler) and collects its run. */
  async track(start: () => Promise<string>): Promise<ExecutionRun> {
    if (activeEndpoint !== this.world.sfnEndpoint) this.activate();
    this.attempts = new Map();
    this.timeline = [];
    this.tasks = [];
    this.statusChangeCalls = {};
    const before = { ...this.emulator.apiCalls };
    const executionArn = await start();
    await this.stepFunctions.waitFor(executionArn);
    await this.stepFunctions.idle(); // its status change events handled too
    return this.describe(executionArn, before);
  }

  describe(executionArn: string, before: Record<string, number> = {}): ExecutionRun {
    const d = this.stepFunctions.DescribeExecution({ executionArn });
    const calls = diff(this.emulator.apiCalls, before);
    for (const [call, n] of Object.entries(this.statusChangeCalls)) calls[call] = (calls[call] ?? 0) - n;
    return {
      executionArn,
      status: String(d['status']),
      ...(d['error'] !== undefined ? { error: String(d['error']) } : {}),
      ...(d['cause'] !== undefined ? { cause: String(d['cause']) } : {}),
      ...(typeof d['output'] === 'string' ? { output: JSON.parse(d['output']) as unknown } : {}),
      timeline: [...this.timeline],
      tasks: [...this.tasks],
      apiCalls: Object.fromEntries(Object.entries(calls).filter(([, n]) => n > 0)),
    };
  }

  /** Every provisioning record of this world (its records table), as stored. */
  records(): ProvisioningRecord[] {
    const table = this.emulator.snapshot().dynamoDb?.[LOCAL_RECORDS_TABLE_NAME] ?? {};
    return Object.entries(table)
      .filter(([pk]) => pk.startsWith('provisioning#'))
      .map(([, item]) => unmarshall(item as unknown as Record<string, AttributeValue>) as ProvisioningRecord);
  }

  /**
   * Directories and connectors in the emulator (any stage, deleted ones included), and how many of each
   * connector-side resource exists (registrations, SPNs, templates, access entries, CA shares; ever created).
   */
  resources(): {
    directories: { DirectoryId: string; Name: string }[];
    connectors: { Arn: string; DirectoryId: string }[];
    connectorSide: Record<'directoryRegistrations' | 'servicePrincipalNames' | 'templates' | 'accessControlEntries' | 'resourceShares' | 'groupsCreated', number>;
  } {
    const snap = this.emulator.snapshot();
    const c = snap.connectorAd;
    return {
      directories: snap.directories.map((d) => ({ DirectoryId: d.DirectoryId, Name: d.Name })),
      connectors: snap.connectors.map((x) => ({ Arn: x.Arn, DirectoryId: x.DirectoryId })),
      connectorSide: {
        directoryRegistrations: c?.registrations.length ?? 0,
        servicePrincipalNames: c?.servicePrincipalNames.length ?? 0,
        templates: c?.templates.length ?? 0,
        accessControlEntries: c?.accessControlEntries.length ?? 0,
        resourceShares: c?.resourceShares.length ?? 0,
        groupsCreated: (snap['directoryData'] as { groups: unknown[] } | undefined)?.groups.length ?? 0,
      },
    };
  }

  /** Waits for every execution to end, stops the world and restores the environment. */
  async stop(): Promise<void> {
    await this.world.stop({ waitMs: Infinity });
    if (activeEndpoint === this.world.sfnEndpoint) activeEndpoint = undefined;
  }
}

/** How a run ended: the state that failed and whether a Catch routed it to the named failure path. */
export const failureOf = (run: { timeline: TimelineEntry[] }): { state?: string; caught: boolean } => {
  const caughtEntry = run.timeline.find((e) => e.kind === 'caught');
  if (caughtEntry) return { state: caughtEntry.state, caught: true };
  const states = run.timeline.filter((e) => e.kind === 'state');
  return { state: states.at(-1)?.state, caught: false };
};

/** State-machine retries of a run (StateRetried events). */
export const retriesOf = (run: { timeline: TimelineEntry[] }): number => run.timeline.filter((e) => e.kind === 'retry').length;
