/**
 * One execution in-process: a definition run by aws-local-stepfunctions with a local handler bound BY NAME to every
 * Task state (`runLocal`; the workflow tests bind stubs, ./execution.ts the real handlers). Wait and Retry pauses
 * take 0 ms unless told.
 *
 * Quirks of aws-local-stepfunctions 3.0.0 handled here:
 *  - an unbound Task state silently invokes REAL AWS Lambda: `assertAllTasksBound` refuses to run then;
 *  - it never sets `$$.State.*` and overwrites `$$.Execution.StartTime`: `localContext` supplies `$$.State.EnteredTime`
 *    (a getter, so each state that reads it sees the current time) — RecordResult reads it;
 *  - the PutEvents integration states are Task states too: the caller binds `PublishSucceededEvent`/`PublishFailedEvent`.
 */
import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import type { RunOptions as EngineRunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';
import { DEFAULT_STATE_MACHINE_ARN, allStateNames, assertAllTasksBound, executionArnFor, loadDefinition, waitStateNames } from './asl.ts';

export interface LocalContextOptions {
  executionArn?: string;
  stateMachineArn?: string;
  roleArn?: string;
}

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
  /** Aborts the run (StopExecution): no state after the current one runs, and the result is ABORTED. */
  signal?: AbortSignal;
}

export interface LocalRunResult {
  status: 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  output?: unknown;
  error?: string;
  cause?: string;
  executionArn: string;
  events: LocalEvent[];
}

/** The definitions (as JSON text) that passed full validation in this process. */
const validatedDefinitions = new Set<string>();

/**
 * A StateMachine for the definition. Full validation (JSONPaths and ARNs) stays on: the substituted ASL passes it.
 * A definition is validated once per process (the validator compiles its JSON schema on every call); the same
 * definition text is not validated again.
 */
export const createLocalStateMachine = (def: StateMachineDefinition = loadDefinition()): StateMachine => {
  const text = JSON.stringify(def);
  const machine = new StateMachine(def, { validationOptions: validatedDefinitions.has(text) ? { noValidate: true } : { checkPaths: true, checkArn: true } });
  validatedDefinitions.add(text);
  return machine;
};

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
  if (opts.signal?.aborted) execution.abort();
  opts.signal?.addEventListener('abort', () => execution.abort(), { once: true });
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
    if (err instanceof Error && err.name === 'ExecutionAbortedError') {
      await collecting;
      return { status: 'ABORTED', executionArn, events };
    }
    if (!(err instanceof ExecutionError)) throw err;
    const inner = (err as Error & { cause?: unknown }).cause as { name?: string; cause?: string; message?: string } | undefined;
    result = { status: 'FAILED', error: inner?.name ?? err.name, cause: inner?.cause ?? inner?.message ?? err.message, executionArn, events };
  }
  await collecting;
  return result;
}
