/**
 * The local execution engine: the checked-in statemachine/provision.asl.json (or, for a teardown,
 * statemachine/teardown.asl.json) run in-process by aws-local-stepfunctions, every Task state bound BY NAME to a
 * local handler, on a simulated clock.
 *
 *  - `runLocal`: one execution with the handlers it is given (the workflow tests bind stubs);
 *  - `runProvisioning`: one execution with the REAL Lambda handlers, whose REAL AWS SDK clients reach the embedded
 *    emulator through the standard AWS_ENDPOINT_URL_<SERVICE> variables. Wait states and Retry pauses do not sleep:
 *    they advance the emulator's clock by what they would wait on AWS, so a 10-minute directory creation takes
 *    milliseconds.
 *
 * The Step Functions API over it (executions, redrive, history) is ./step-functions/.
 *
 * Quirks of aws-local-stepfunctions 3.0.0 handled here:
 *  - an unbound Task state silently invokes REAL AWS Lambda: `assertAllTasksBound` refuses to run then;
 *  - it never sets `$$.State.*` and overwrites `$$.Execution.StartTime`: `localContext` supplies `$$.State.EnteredTime`
 *    (a getter, so each state that reads it sees the current time) — RecordResult reads it;
 *  - the PutEvents integration states are Task states too: bind `PublishSucceededEvent`/`PublishFailedEvent`.
 */
import { TASK_STATES, TEARDOWN_TASK_STATES } from '../../src/workflow/catalog.ts';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Context } from 'aws-lambda';
import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import type { RunOptions as EngineRunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { parseNotReady } from '../../src/domain/polling.ts';
import { setClock } from '../../src/lib/clock.ts';
import { DELETION_PENDING_ERRORS } from '../../src/workflow/teardown-waits.ts';
import { WAITED_RESOURCES } from '../../src/workflow/waits.ts';
import type { WaitedResource, WaitedResourceName } from '../../src/workflow/waits.ts';
import { externalEndpointsFrom, startEmulator } from './emulator/index.ts';
import type { Emulator, EmulatorOptions, EmulatorSnapshot, FaultSpec, Seed, WorldCounts } from './emulator/index.ts';
import { lambdaContext } from './lambda.ts';

/* ---------------- the definition ---------------- */

export const ASL_PATH = fileURLToPath(new URL('../../statemachine/provision.asl.json', import.meta.url));
/** The teardown (src/workflow/teardown-definition.ts). */
export const TEARDOWN_ASL_PATH = fileURLToPath(new URL('../../statemachine/teardown.asl.json', import.meta.url));

/** DefinitionSubstitutions names used in the ASL, with harmless local defaults. */
export const DEFAULT_SUBSTITUTIONS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    [...TASK_STATES, ...TEARDOWN_TASK_STATES].map((state) => [`${state}FunctionArn`, `arn:aws:lambda:us-east-1:000000000000:function:local-${state}`]),
  ),
  EventBusName: 'local-bus',
};

export const DEFAULT_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:ad-cert-orchestrator-provision';
export const DEFAULT_TEARDOWN_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:ad-cert-orchestrator-teardown';

const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

function substitute(value: unknown, subs: Readonly<Record<string, string>>, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (whole, name: string) => {
      const replacement = subs[name];
      if (replacement === undefined) {
        missing.add(name);
        return whole;
      }
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, subs, missing));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, subs, missing)]));
  }
  return value;
}

/** Reads the ASL file and replaces every `${Name}` (DefinitionSubstitutions) — throws when one is left unresolved. */
export function loadDefinition(substitutions: Readonly<Record<string, string>> = {}, path: string = ASL_PATH): StateMachineDefinition {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const missing = new Set<string>();
  const def = substitute(raw, { ...DEFAULT_SUBSTITUTIONS, ...substitutions }, missing);
  if (missing.size > 0) throw new Error(`No substitution for ${[...missing].map((n) => `\${${n}}`).join(', ')}`);
  return def as StateMachineDefinition;
}

type AnyDefinition = Pick<StateMachineDefinition, 'States'> | { States: Record<string, { Type: string }> };

const statesOfType = (def: AnyDefinition, type: string): string[] =>
  Object.entries(def.States as Record<string, { Type: string }>)
    .filter(([, s]) => s.Type === type)
    .map(([name]) => name);

export const taskStateNames = (def: AnyDefinition): string[] => statesOfType(def, 'Task');
export const waitStateNames = (def: AnyDefinition): string[] => statesOfType(def, 'Wait');
export const allStateNames = (def: AnyDefinition): string[] => Object.keys(def.States);

/**
 * aws-local-stepfunctions calls the real AWS Lambda (or fails on a non-Lambda ARN) for a Task state without a local
 * handler: refuse to run unless every Task state is bound.
 */
export function assertAllTasksBound(def: AnyDefinition, handlers: Readonly<Record<string, unknown>>): void {
  const unbound = taskStateNames(def).filter((name) => typeof handlers[name] !== 'function');
  if (unbound.length > 0) {
    throw new Error(
      `Task state(s) without a local handler: ${unbound.join(', ')} (aws-local-stepfunctions would call real AWS)`,
    );
  }
}

export interface LocalContextOptions {
  executionArn?: string;
  stateMachineArn?: string;
  roleArn?: string;
}

/** An execution ARN for a name, under the given (or the default local) state machine. */
export const executionArnFor = (name: string, stateMachineArn: string = DEFAULT_STATE_MACHINE_ARN): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/**
 * The Context Object (`$$`) for a local run. aws-local-stepfunctions sets only `$$.Execution.Input/StartTime`, so this
 * supplies `Execution.Id/Name/RoleArn`, `StateMachine.Id/Name` and `State.EnteredTime/Name/RetryCount` (the
 * `EnteredTime` getter returns the time it is read, i.e. when the state that reads it runs).
 */
export function localContext(opts: LocalContextOptions = {}): NonNullable<EngineRunOptions['context']> {
  const stateMachineArn = opts.stateMachineArn ?? DEFAULT_STATE_MACHINE_ARN;
  const executionArn = opts.executionArn ?? executionArnFor(`local-${Date.now()}`, stateMachineArn);
  const state = {
    Name: '',
    RetryCount: 0,
    get EnteredTime(): string {
      return new Date().toISOString();
    },
  };
  return {
    Execution: {
      Id: executionArn,
      Name: executionArn.split(':').pop() ?? 'local',
      RoleArn: opts.roleArn ?? 'arn:aws:iam::000000000000:role/local-state-machine',
    },
    StateMachine: { Id: stateMachineArn, Name: stateMachineArn.split(':').pop() ?? 'local' },
    State: state,
  };
}

/* ---------------- running one execution ---------------- */

/**
 * The deepest execution input the engine runs. aws-local-stepfunctions clones every state's input recursively (and
 * JSON.stringify recurses too), so a document nested a few thousand levels deep overflows the stack; inputs are
 * refused well before that. The contract's own fields are at most 5 levels deep, so such an input is invalid anyway.
 */
export const MAX_INPUT_DEPTH = 512;

/** Nesting depth of a JSON value, counted without recursion (a scalar is 0). */
export const jsonDepth = (value: unknown): number => {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    max = Math.max(max, depth + 1);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return max;
};

/** JSON in, JSON out, as across the Lambda boundary (no `undefined`, no shared references). */
const jsonRoundTrip = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

type Execution = ReturnType<StateMachine['run']>;
/** One entry of aws-local-stepfunctions' execution event log (the package does not export the type). */
export type LocalEvent = Execution['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
export type LocalHandler = (input: unknown) => unknown;

export interface LocalRunOptions {
  /** Handlers keyed by Task state name; every Task state must be bound. */
  handlers: Readonly<Record<string, LocalHandler>>;
  /** Defaults to `loadDefinition()`. */
  definition?: StateMachineDefinition;
  executionArn?: string;
  stateMachineArn?: string;
  /** Pause of every Wait state, ms (default 0). */
  waitMs?: number;
  /** Pause before every retry, ms (default 0). */
  retryMs?: number;
  /** Each event of the execution's log as it happens, before the next state runs. */
  onEvent?: (event: LocalEvent) => void;
}

export interface LocalRunResult {
  status: 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  error?: string;
  cause?: string;
  executionArn: string;
  events: LocalEvent[];
}

/** A StateMachine for the definition. Full validation (JSONPaths and ARNs) stays on: the substituted ASL passes it. */
export const createLocalStateMachine = (def: StateMachineDefinition = loadDefinition()): StateMachine =>
  new StateMachine(def, { validationOptions: { checkPaths: true, checkArn: true } });

/** Runs the definition in-process with local handlers and returns the outcome plus the full event log. */
export async function runLocal(input: unknown, opts: LocalRunOptions): Promise<LocalRunResult> {
  const depth = jsonDepth(input);
  if (depth > MAX_INPUT_DEPTH) throw new Error(`the execution input is nested ${depth} levels deep; the local engine runs at most ${MAX_INPUT_DEPTH}`);
  const def = opts.definition ?? loadDefinition();
  assertAllTasksBound(def, opts.handlers);
  const machine = createLocalStateMachine(def);
  const context = localContext({ executionArn: opts.executionArn, stateMachineArn: opts.stateMachineArn });
  const executionArn = String(context.Execution?.['Id']);
  const taskResourceLocalHandlers = Object.fromEntries(
    Object.entries(opts.handlers).map(([name, fn]) => [
      name,
      async (taskInput: unknown) => jsonRoundTrip(await fn(jsonRoundTrip(taskInput))),
    ]),
  ) as NonNullable<NonNullable<EngineRunOptions['overrides']>['taskResourceLocalHandlers']>;
  const execution = machine.run(jsonRoundTrip(input) as never, {
    overrides: {
      taskResourceLocalHandlers,
      waitTimeOverrides: Object.fromEntries(waitStateNames(def).map((n) => [n, opts.waitMs ?? 0])),
      retryIntervalOverrides: Object.fromEntries(allStateNames(def).map((n) => [n, opts.retryMs ?? 0])),
    },
    context,
  });
  const events: LocalEvent[] = [];
  const collecting = (async () => {
    for await (const event of execution.eventLogs) {
      events.push(event);
      opts.onEvent?.(event);
    }
  })();
  let result: LocalRunResult;
  try {
    const output = await execution.result;
    result = { status: 'SUCCEEDED', output, executionArn, events };
  } catch (err) {
    if (!(err instanceof ExecutionError)) throw err;
    const inner = (err as Error & { cause?: unknown }).cause as { name?: string; cause?: string; message?: string } | undefined;
    result = { status: 'FAILED', error: inner?.name ?? err.name, cause: inner?.cause ?? inner?.message ?? err.message, executionArn, events };
  }
  await collecting;
  return result;
}

/* ---------------- the provisioning with the real handlers, on the emulator ---------------- */

/**
 * The coordination table the handlers use when COORDINATION_TABLE_NAME is unset. The emulator accepts any table name (a table is
 * created on first use), so a user-set name works as well.
 */
export const LOCAL_COORDINATION_TABLE_NAME = 'local-coordination';

export type LocalTaskHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface TimelineEntry {
  simulatedSeconds: number;
  wallMs: number;
  kind: 'state' | 'retry' | 'caught' | 'stage' | 'status' | 'end';
  state?: string;
  text: string;
}

export interface RunOptions {
  input: unknown;
  /** The pre-existing AWS resources the emulator starts from (ignored with `sharedEmulator`). */
  seed: Seed;
  /** Emulator state from a previous run (`--state`). */
  snapshot?: EmulatorSnapshot;
  /** Execution ARN; reuse one to rerun "as a redrive would" (same ClientToken). */
  executionArn?: string;
  faults?: FaultSpec[];
  directoryActiveAfterSeconds?: number;
  connectorActiveAfterSeconds?: number;
  /** Extra emulator options (failure outcomes, seed). */
  emulator?: Partial<EmulatorOptions>;
  /** Reuse a running emulator instead of starting one (load tests, benchmarks). */
  sharedEmulator?: Emulator;
  /** Replace handlers (Lambda crash/timeout injection in tests). Keys are Task state names. */
  wrapHandler?: (state: string, handler: LocalTaskHandler) => LocalTaskHandler;
  /** Run the teardown (statemachine/teardown.asl.json, its handlers) instead of the provisioning. */
  teardown?: boolean;
  /** Run a variant of the checked-in ASL (the bench's candidate poll intervals). */
  transformDefinition?: (definition: StateMachineDefinition) => StateMachineDefinition;
  onTimeline?: (entry: TimelineEntry) => void;
}

/** One Lambda task invocation: when (simulated), how long (wall), and how it ended. */
export interface Invocation {
  state: string;
  /** Simulated seconds since the run started, when the handler ran. */
  simulatedSeconds: number;
  /** The handler's wall time (what Lambda would bill, before rounding up to 1 ms). */
  wallMs: number;
  /** The error name it threw; undefined when it returned. */
  error?: string;
  /** For a poll Task: the resource it polled (its id from the Task input). */
  polled?: { resource: WaitedResourceName; id: string };
}

/** One waited resource of a run (src/workflow/waits.ts): when it was ready and when a poll saw it. */
export interface Detection {
  resource: WaitedResourceName;
  /**
   * Simulated seconds since the run started when the emulator's lifecycle made it Active/ACTIVE, or Failed/FAILED in
   * a failure run (negative: before this run; null: the emulator does not hold it, e.g. Directory Service on moto).
   */
  readyAtSeconds: number | null;
  /** Simulated seconds of the poll that saw it ready or failed (null: no poll did, e.g. a timeout). */
  detectedAtSeconds: number | null;
  /** Invocations of its poll Task in this run. */
  polls: number;
}

export interface RunResult {
  status: 'SUCCEEDED' | 'FAILED';
  executionArn: string;
  output?: unknown;
  error?: string;
  cause?: string;
  /** State transitions as Step Functions bills them: states entered plus retries. */
  transitions: number;
  /** Every Lambda task invocation, in order (the PutEvents integration states are not Lambda tasks). */
  invocations: Invocation[];
  /** Per waited resource that was polled: `detectedAtSeconds - readyAtSeconds` is the detection latency. */
  detections: Detection[];
  apiCalls: Record<string, number>;
  /** What the world holds after the run (directories and connectors on the endpoints the workflow used). */
  world: WorldCounts;
  simulatedSeconds: number;
  wallMs: number;
  events: Emulator['events'];
  timeline: TimelineEntry[];
  snapshot: EmulatorSnapshot;
}

/** The subset of the engine's event log runProvisioning reads. */
type ProvisioningEvent =
  | { type: 'StateEntered'; state: { name: string; input: unknown } }
  | { type: 'StateExited'; state: { name: string; output: unknown } }
  | { type: 'StateFailed'; state: { name: string }; Error: string; Cause?: string }
  | { type: 'StateRetried'; state: { name: string }; retry: { retrier: RetrierLike; attempt: number } }
  | { type: 'StateCaught'; state: { name: string } }
  | { type: 'ExecutionStarted' | 'ExecutionSucceeded' | 'ExecutionFailed' };

interface RetrierLike {
  IntervalSeconds?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
}

/** The pause Step Functions takes before retry `attempt` (1-based), without jitter (its expected upper bound). */
export function retryDelaySeconds(retrier: RetrierLike, attempt: number): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const rate = retrier.BackoffRate ?? 2;
  const delay = interval * rate ** Math.max(0, attempt - 1);
  return retrier.MaxDelaySeconds !== undefined ? Math.min(delay, retrier.MaxDelaySeconds) : delay;
}

/** Evaluate the tiny JSONPath subset Wait states use here (`$.a.b`). */
function readPath(input: unknown, path: string): unknown {
  if (!path.startsWith('$')) throw new Error(`Unsupported path ${path}`);
  let cur: unknown = input;
  for (const key of path.slice(1).split('.').filter(Boolean)) {
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
  }
  return cur;
}

interface WaitStateLike {
  Type: 'Wait';
  Seconds?: number;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
}

/** How long a Wait state would pause on AWS for this input, relative to the simulated now. */
export function waitSeconds(state: WaitStateLike, input: unknown, nowMs: number): number {
  if (state.Seconds !== undefined) return state.Seconds;
  if (state.SecondsPath) return Number(readPath(input, state.SecondsPath)) || 0;
  const ts = state.Timestamp ?? (state.TimestampPath ? String(readPath(input, state.TimestampPath)) : undefined);
  return ts ? Math.max(0, (Date.parse(ts) - nowMs) / 1000) : 0;
}

interface PutEventsParameters {
  Entries: { Source?: string; DetailType?: string; EventBusName?: string; Detail?: unknown }[];
}

/** Local stand-in for the `arn:aws:states:::events:putEvents` integration: the same PutEvents call, via the SDK. */
async function putEventsIntegration(client: EventBridgeClient, params: unknown): Promise<unknown> {
  const { Entries } = params as PutEventsParameters;
  const res = await client.send(
    new PutEventsCommand({
      Entries: Entries.map((e) => ({
        ...e,
        Detail: typeof e.Detail === 'string' ? e.Detail : JSON.stringify(e.Detail ?? {}),
      })),
    }),
  );
  if ((res.FailedEntryCount ?? 0) > 0) {
    const err = new Error(`PutEvents failed for ${res.FailedEntryCount} entries`);
    err.name = 'EventBridge.FailedEntry';
    throw err;
  }
  return { Entries: res.Entries, FailedEntryCount: res.FailedEntryCount ?? 0 };
}

/** Point the SDK at the emulator, except for services the caller already pointed somewhere (e.g. moto_server). */
function applyEndpointEnv(emulatorEnv: Record<string, string>): () => void {
  const saved = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(emulatorEnv)) {
    const isEndpoint = key.startsWith('AWS_ENDPOINT_URL_');
    if (isEndpoint && process.env[key]) continue; // user override wins
    if (!isEndpoint && process.env[key]) continue; // keep user's region/credentials if set
    saved.set(key, process.env[key]);
    process.env[key] = value;
  }
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
  };
}

const POLL_STATES: ReadonlyMap<string, WaitedResource> = new Map(WAITED_RESOURCES.map((w) => [w.pollState, w]));
const NOT_READY: ReadonlySet<string> = new Set([...WAITED_RESOURCES.map((w) => w.notReady), ...DELETION_PENDING_ERRORS]);

/** The id of the resource a poll Task input carries (`{ Directory: { DirectoryId } }`). */
const polledId = (w: WaitedResource, input: unknown): string | undefined => {
  const doc = (input as Record<string, unknown> | null)?.[w.inputKey] as Record<string, unknown> | undefined;
  const id = doc?.[w.idField];
  return typeof id === 'string' ? id : undefined;
};

/**
 * Per waited resource: its lifecycle's end from the emulator, and the first poll that saw it ready (returned) or
 * failed (threw the resource's failure error). Not-ready, timeout and transient errors are not a detection.
 */
export function detectionsOf(invocations: readonly Invocation[], emulator: Pick<Emulator, 'settledAtMs'>, simStartMs: number): Detection[] {
  const out: Detection[] = [];
  for (const w of WAITED_RESOURCES) {
    const polls = invocations.filter((i) => i.state === w.pollState && i.polled);
    const first = polls[0]?.polled;
    if (!first) continue;
    const settled = emulator.settledAtMs(w.resource, first.id);
    const seen = polls.find((i) => i.error === undefined || i.error === w.failed);
    out.push({
      resource: w.resource,
      readyAtSeconds: settled === undefined ? null : (settled - simStartMs) / 1000,
      detectedAtSeconds: seen ? seen.simulatedSeconds : null,
      polls: polls.length,
    });
  }
  return out;
}

export async function runProvisioning(opts: RunOptions): Promise<RunResult> {
  const wallStart = performance.now();
  const emulator =
    opts.sharedEmulator ??
    (await startEmulator({
      seed: opts.seed,
      snapshot: opts.snapshot,
      faults: opts.faults,
      directoryActiveAfterSeconds: opts.directoryActiveAfterSeconds,
      connectorActiveAfterSeconds: opts.connectorActiveAfterSeconds,
      // Services the user pointed elsewhere (e.g. moto_server): the connector service consults them there.
      external: externalEndpointsFrom(process.env),
      ...opts.emulator,
    }));
  const restoreEnv = opts.sharedEmulator ? () => undefined : applyEndpointEnv({ ...emulator.env(), COORDINATION_TABLE_NAME: LOCAL_COORDINATION_TABLE_NAME });
  // A shared emulator's world (LocalWorld, load tests) keeps the variable for all its runs.
  if (opts.sharedEmulator) process.env['COORDINATION_TABLE_NAME'] ??= LOCAL_COORDINATION_TABLE_NAME;
  // The handlers' clock follows the simulated one: the creation lease lapses while Retry pauses are simulated.
  setClock(() => new Date(emulator.clock.now()));
  const simStart = emulator.clock.now();
  const simNow = () => (emulator.clock.now() - simStart) / 1000;
  const timeline: TimelineEntry[] = [];
  const note = (entry: Omit<TimelineEntry, 'simulatedSeconds' | 'wallMs'>) => {
    const full = { simulatedSeconds: simNow(), wallMs: Math.round(performance.now() - wallStart), ...entry };
    timeline.push(full);
    opts.onTimeline?.(full);
  };

  try {
    // Import after the endpoint variables are set: the handlers' clients are created once per module.
    const { TASK_HANDLERS } = opts.teardown
      ? { TASK_HANDLERS: (await import('../../src/handlers/teardown-registry.ts')).TEARDOWN_HANDLERS }
      : await import('../../src/handlers/registry.ts');
    const { resetClients } = await import('../../src/aws/clients.ts');
    if (!opts.sharedEmulator) resetClients();
    const eventBridge = new EventBridgeClient({});

    const loaded = loadDefinition({}, opts.teardown ? TEARDOWN_ASL_PATH : ASL_PATH);
    const definition = (opts.transformDefinition ? opts.transformDefinition(loaded) : loaded) as StateMachineDefinition & {
      States: Record<string, { Type: string; Retry?: RetrierLike[] } & Partial<WaitStateLike>>;
    };
    const handlers: Record<string, LocalHandler> = {};
    const invocations: Invocation[] = [];
    for (const [state, handler] of Object.entries(TASK_HANDLERS as Record<string, LocalTaskHandler>)) {
      const wrapped = opts.wrapHandler ? opts.wrapHandler(state, handler) : handler;
      handlers[state] = async (input) => {
        // Let onEvent catch up first (it advances the simulated clock on Wait/Retry). runLocal passes JSON both ways.
        await new Promise((resolve) => setImmediate(resolve));
        const invocation: Invocation = { state, simulatedSeconds: simNow(), wallMs: 0 };
        const waited = POLL_STATES.get(state);
        const id = waited ? polledId(waited, input) : undefined;
        if (waited && id) invocation.polled = { resource: waited.resource, id };
        invocations.push(invocation);
        const started = performance.now();
        try {
          return await wrapped(input, lambdaContext(`local-${state}`, { remainingMs: 60_000 }));
        } catch (err) {
          invocation.error = err instanceof Error ? err.name : 'Error';
          throw err;
        } finally {
          invocation.wallMs = performance.now() - started;
        }
      };
    }
    for (const state of ['PublishSucceededEvent', 'PublishFailedEvent']) {
      handlers[state] = async (input) => {
        await new Promise((resolve) => setImmediate(resolve));
        return putEventsIntegration(eventBridge, input);
      };
    }
    const executionArn = opts.executionArn ?? executionArnFor(`local-${randomUUID()}`, opts.teardown ? DEFAULT_TEARDOWN_STATE_MACHINE_ARN : DEFAULT_STATE_MACHINE_ARN);
    let transitions = 0;
    let lastStage: string | undefined;
    let lastStatus: string | undefined;
    let lastFailure: { state: string; error: string } | undefined;
    const onEvent = (logged: LocalEvent): void => {
      const event = logged as unknown as ProvisioningEvent;
      if (event.type === 'StateEntered') {
        transitions += 1;
        const def = definition.States[event.state.name];
        if (def?.Type === 'Wait') {
          const secs = waitSeconds(def as WaitStateLike, event.state.input, emulator.clock.now());
          note({ kind: 'state', state: event.state.name, text: `${event.state.name} (${secs} s)` });
          emulator.clock.advance(secs);
        } else {
          note({ kind: 'state', state: event.state.name, text: event.state.name });
        }
      } else if (event.type === 'StateFailed') {
        lastFailure = { state: event.state.name, error: event.Error };
        const progress = parseNotReady(event.Cause ?? '');
        if (progress?.kind === 'directory' && progress.value !== lastStage) {
          lastStage = progress.value;
          note({ kind: 'stage', text: `directory ${progress.id} is ${progress.value}` });
        } else if (progress?.kind === 'connector' && progress.value !== lastStatus) {
          lastStatus = progress.value;
          note({ kind: 'status', text: `connector is ${progress.value}` });
        }
      } else if (event.type === 'StateRetried') {
        transitions += 1;
        const delay = retryDelaySeconds(event.retry.retrier, event.retry.attempt);
        const polling = NOT_READY.has(lastFailure?.error ?? '');
        note({
          kind: 'retry',
          state: event.state.name,
          text: `retry #${event.retry.attempt} of ${event.state.name} after ${lastFailure?.error ?? 'error'} (${polling ? 'next poll in' : 'backoff'} ${delay} s)`,
        });
        emulator.clock.advance(delay);
      } else if (event.type === 'StateCaught') {
        note({ kind: 'caught', state: event.state.name, text: `${event.state.name} caught ${lastFailure?.error ?? 'error'}` });
      } else if (event.type === 'StateExited') {
        const out = event.state.output as { directory?: { Stage?: string; DirectoryId?: string }; connector?: { Status?: string } } | null;
        const stage = out?.directory?.Stage;
        if (stage && stage !== lastStage) {
          lastStage = stage;
          note({ kind: 'stage', text: `directory ${out?.directory?.DirectoryId ?? ''} is ${stage}` });
        }
        const status = out?.connector?.Status;
        if (status && status !== lastStatus) {
          lastStatus = status;
          note({ kind: 'status', text: `connector is ${status}` });
        }
      }
    };

    const { status, output, error, cause } = await runLocal(opts.input, { handlers, definition, executionArn, onEvent });
    note({ kind: 'end', text: status === 'SUCCEEDED' ? 'SUCCEEDED' : `FAILED ${error}` });

    return {
      status,
      executionArn,
      ...(status === 'SUCCEEDED' ? { output } : { error, cause }),
      transitions,
      invocations,
      detections: detectionsOf(invocations, emulator, simStart),
      apiCalls: { ...emulator.apiCalls },
      world: await emulator.worldCounts(),
      simulatedSeconds: simNow(),
      wallMs: Math.round(performance.now() - wallStart),
      events: [...emulator.events],
      timeline,
      snapshot: emulator.snapshot(),
    };
  } finally {
    restoreEnv();
    if (!opts.sharedEmulator) {
      setClock();
      await emulator.stop();
    }
  }
}
