/**
 * One execution of a state machine (`runExecution`) with the REAL Lambda handlers in a local world: their REAL AWS SDK
 * clients reach the world's emulator through the standard AWS_ENDPOINT_URL_<SERVICE> variables (../world.ts sets
 * them). Wait states and Retry pauses do not sleep: they advance the emulator's clock by what they would wait on AWS,
 * so a 10-minute directory creation takes milliseconds. The run records a timeline (states, retries, catches,
 * directory stages, connector statuses), every Lambda invocation and, per waited resource, when it was ready and when
 * a poll saw it (detections).
 *
 * The Step Functions API over it (executions, redrive, history) is ../step-functions/.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { parseNotReady } from '../../../src/domain/polling.ts';
import { DELETION_PENDING_ERRORS } from '../../../src/workflow/teardown-waits.ts';
import { WAITED_RESOURCES } from '../../../src/workflow/waits.ts';
import type { WaitedResource, WaitedResourceName } from '../../../src/workflow/waits.ts';
import type { Emulator, EmulatorSnapshot, WorldCounts } from '../emulator/index.ts';
import { invokeLocally, lambdaContext } from '../lambda.ts';
import { MACHINES, executionArnFor, loadDefinition } from './asl.ts';
import type { Machine } from './asl.ts';
import { runLocal } from './run-local.ts';
import type { LocalEvent, LocalHandler } from './run-local.ts';

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
  /** The state machine to run: the provisioning workflow (default) or the teardown, each with its own handlers. */
  machine?: Machine;
  /** Execution ARN; reuse one to rerun "as a redrive would" (same ClientToken). */
  executionArn?: string;
  /** Replace handlers (Lambda crash/timeout injection in tests). Keys are Task state names. */
  wrapHandler?: (state: string, handler: LocalTaskHandler) => LocalTaskHandler;
  /** Run a variant of the checked-in ASL (the bench's candidate poll intervals). */
  transformDefinition?: (definition: StateMachineDefinition) => StateMachineDefinition;
  onTimeline?: (entry: TimelineEntry) => void;
  /** Aborts the run (the local StopExecution). */
  signal?: AbortSignal;
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
  status: 'SUCCEEDED' | 'FAILED' | 'ABORTED';
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

/** The subset of the engine's event log runExecution reads. */
type EngineEvent =
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

/** Runs one execution of `opts.machine` with the real handlers in the world of `emulator`, and reports it. */
export async function runExecution(emulator: Emulator, opts: RunOptions): Promise<RunResult> {
  const wallStart = performance.now();
  const machine = MACHINES[opts.machine ?? 'provision'];
  const simStart = emulator.clock.now();
  const simNow = () => (emulator.clock.now() - simStart) / 1000;
  const timeline: TimelineEntry[] = [];
  const note = (entry: Omit<TimelineEntry, 'simulatedSeconds' | 'wallMs'>) => {
    const full = { simulatedSeconds: simNow(), wallMs: Math.round(performance.now() - wallStart), ...entry };
    timeline.push(full);
    opts.onTimeline?.(full);
  };

  // Imported when first run: the handlers' modules load once the world has set the endpoint variables.
  const { TASK_HANDLERS } = opts.machine === 'teardown'
    ? { TASK_HANDLERS: (await import('../../../src/handlers/teardown-registry.ts')).TEARDOWN_HANDLERS }
    : await import('../../../src/handlers/registry.ts');
  const eventBridge = new EventBridgeClient({});
  try {
    const loaded = loadDefinition({}, machine.aslPath);
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
          return await invokeLocally(wrapped, input, lambdaContext(`local-${state}`, { remainingMs: 60_000 }));
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
    const executionArn = opts.executionArn ?? executionArnFor(`local-${randomUUID()}`, machine.stateMachineArn);
    let transitions = 0;
    let lastStage: string | undefined;
    let lastStatus: string | undefined;
    let lastFailure: { state: string; error: string } | undefined;
    const onEvent = (logged: LocalEvent): void => {
      const event = logged as unknown as EngineEvent;
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

    const { status, output, error, cause } = await runLocal(opts.input, { handlers, definition, executionArn, onEvent, ...(opts.signal ? { signal: opts.signal } : {}) });
    note({ kind: 'end', text: status === 'FAILED' ? `FAILED ${error}` : status });

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
    eventBridge.destroy();
  }
}
