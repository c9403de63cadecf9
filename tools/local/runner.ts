/**
 * The local world's runner: executes the REAL statemachine/provision.asl.json with aws-local-stepfunctions,
 * binding every Task state (by state name) to the REAL Lambda handlers, which use REAL AWS SDK clients pointed at
 * the embedded emulator through the standard AWS_ENDPOINT_URL_<SERVICE> variables.
 *
 * Time is simulated: Wait states and Retry pauses do not sleep; instead the emulator's clock is advanced by the
 * duration the state would have waited on AWS, so a 10-minute directory creation takes milliseconds.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { ExecutionError } from 'aws-local-stepfunctions';
import type { RunOptions as LocalRunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  allStateNames,
  assertAllTasksBound,
  createLocalStateMachine,
  executionArnFor,
  loadDefinition,
  localContext,
  waitStateNames,
} from './asl.ts';
import { setClock } from '../../src/lib/clock.ts';
import { startEmulator } from './emulator/index.ts';
import { lambdaContext } from './lambda.ts';
import type { Emulator, EmulatorOptions, EmulatorSnapshot, FaultSpec, World } from './emulator/index.ts';

/** Services the workflow calls, with the SDK's endpoint variable for each. */
export const ENDPOINT_VARIABLES = [
  'AWS_ENDPOINT_URL_DIRECTORY_SERVICE',
  'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  'AWS_ENDPOINT_URL_EC2',
  'AWS_ENDPOINT_URL_ACM_PCA',
  'AWS_ENDPOINT_URL_EVENTBRIDGE',
  'AWS_ENDPOINT_URL_PCA_CONNECTOR_AD',
  'AWS_ENDPOINT_URL_DYNAMODB',
] as const;

/**
 * The lock table the handlers use when LOCK_TABLE_NAME is unset. The emulator accepts any table name (a table is
 * created on first use), so a user-set name works as well.
 */
export const LOCAL_LOCK_TABLE_NAME = 'local-directory-locks';

type LocalHandlers = NonNullable<NonNullable<LocalRunOptions['overrides']>['taskResourceLocalHandlers']>;

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
  world: World;
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
  onTimeline?: (entry: TimelineEntry) => void;
}

export interface RunResult {
  status: 'SUCCEEDED' | 'FAILED';
  executionArn: string;
  output?: unknown;
  error?: string;
  cause?: string;
  /** State transitions as Step Functions bills them: states entered plus retries. */
  transitions: number;
  apiCalls: Record<string, number>;
  world: { directories: number; connectors: number };
  simulatedSeconds: number;
  wallMs: number;
  events: Emulator['events'];
  timeline: TimelineEntry[];
  snapshot: EmulatorSnapshot;
}

/** The subset of aws-local-stepfunctions' event log the runner reads (the package does not export the type). */
type LocalEvent =
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

/** Lambda passes JSON across the boundary: do the same, so nothing non-JSON leaks between states. */
const jsonRoundTrip = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

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

export async function runProvisioning(opts: RunOptions): Promise<RunResult> {
  const wallStart = performance.now();
  const emulator =
    opts.sharedEmulator ??
    (await startEmulator({
      world: opts.world,
      snapshot: opts.snapshot,
      faults: opts.faults,
      directoryActiveAfterSeconds: opts.directoryActiveAfterSeconds,
      connectorActiveAfterSeconds: opts.connectorActiveAfterSeconds,
      // The user pointed Directory Service elsewhere (e.g. moto_server): the connector service cannot see it here.
      externalDirectoryService: Boolean(process.env.AWS_ENDPOINT_URL_DIRECTORY_SERVICE),
      ...opts.emulator,
    }));
  const restoreEnv = opts.sharedEmulator ? () => undefined : applyEndpointEnv({ ...emulator.env(), LOCK_TABLE_NAME: LOCAL_LOCK_TABLE_NAME });
  // A shared emulator's world (LocalWorld, load tests) keeps the variable for all its runs.
  if (opts.sharedEmulator) process.env['LOCK_TABLE_NAME'] ??= LOCAL_LOCK_TABLE_NAME;
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
    const { TASK_HANDLERS } = await import('../../src/handlers/registry.ts');
    const { resetClients } = await import('../../src/aws/clients.ts');
    if (!opts.sharedEmulator) resetClients();
    const eventBridge = new EventBridgeClient({});

    const definition = loadDefinition() as StateMachineDefinition & {
      States: Record<string, { Type: string; Retry?: RetrierLike[] } & Partial<WaitStateLike>>;
    };
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [state, handler] of Object.entries(TASK_HANDLERS as Record<string, LocalTaskHandler>)) {
      const wrapped = opts.wrapHandler ? opts.wrapHandler(state, handler) : handler;
      handlers[state] = async (input) => {
        // Let the event-log consumer below catch up (it advances the simulated clock on Wait/Retry).
        await new Promise((resolve) => setImmediate(resolve));
        return jsonRoundTrip(await wrapped(jsonRoundTrip(input), lambdaContext(`local-${state}`, { remainingMs: 60_000 })));
      };
    }
    for (const state of ['PublishSucceededEvent', 'PublishFailedEvent']) {
      handlers[state] = async (input) => {
        await new Promise((resolve) => setImmediate(resolve));
        return putEventsIntegration(eventBridge, input);
      };
    }
    assertAllTasksBound(definition, handlers);

    const machine = createLocalStateMachine(definition);
    const executionArn = opts.executionArn ?? executionArnFor(`local-${randomUUID()}`);
    const execution = machine.run(jsonRoundTrip(opts.input) as never, {
      overrides: {
        taskResourceLocalHandlers: handlers as LocalHandlers,
        waitTimeOverrides: Object.fromEntries(waitStateNames(definition).map((n) => [n, 0])),
        retryIntervalOverrides: Object.fromEntries(allStateNames(definition).map((n) => [n, 0])),
      },
      context: localContext({ executionArn }),
    });

    let transitions = 0;
    let lastStage: string | undefined;
    let lastStatus: string | undefined;
    let lastFailure: { state: string; error: string } | undefined;
    const consume = (async () => {
      for await (const event of execution.eventLogs as AsyncGenerator<LocalEvent>) {
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
        } else if (event.type === 'StateRetried') {
          transitions += 1;
          const delay = retryDelaySeconds(event.retry.retrier, event.retry.attempt);
          note({
            kind: 'retry',
            state: event.state.name,
            text: `retry #${event.retry.attempt} of ${event.state.name} after ${lastFailure?.error ?? 'error'} (backoff ${delay} s)`,
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
      }
    })();

    let status: RunResult['status'];
    let output: unknown;
    let error: string | undefined;
    let cause: string | undefined;
    try {
      output = await execution.result;
      status = 'SUCCEEDED';
    } catch (err) {
      if (!(err instanceof ExecutionError)) throw err;
      status = 'FAILED';
      const inner = (err as ExecutionError & { cause?: unknown }).cause as { name?: string; cause?: string; message?: string } | undefined;
      error = inner?.name ?? err.name;
      cause = inner?.cause ?? inner?.message ?? err.message;
    }
    await consume;
    note({ kind: 'end', text: status === 'SUCCEEDED' ? 'SUCCEEDED' : `FAILED ${error}` });

    return {
      status,
      executionArn,
      ...(status === 'SUCCEEDED' ? { output } : { error, cause }),
      transitions,
      apiCalls: { ...emulator.apiCalls },
      world: emulator.counts(),
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
