/**
 * The checked-in ASL (statemachine/provision.asl.json) for in-process execution with aws-local-stepfunctions.
 * Shared by the local runner (tools/local/runner.ts) and the state-machine tests (test/statemachine/).
 *
 * Quirks of aws-local-stepfunctions 3.0.0 handled here:
 *  - an unbound Task state silently invokes REAL AWS Lambda: `assertAllTasksBound` refuses to run then;
 *  - it never sets `$$.State.*` and overwrites `$$.Execution.StartTime`: `localContext` supplies `$$.State.EnteredTime`
 *    (a getter, so each state that reads it sees the current time) — RecordResult reads it;
 *  - the PutEvents integration states are Task states too: bind `PublishSucceededEvent`/`PublishFailedEvent`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import type { RunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';

export const ASL_PATH = fileURLToPath(new URL('../../statemachine/provision.asl.json', import.meta.url));

/** DefinitionSubstitutions names used in the ASL, with harmless local defaults. */
export const DEFAULT_SUBSTITUTIONS: Readonly<Record<string, string>> = {
  ValidateRequestFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:local-ValidateRequest',
  CreateDirectoryFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:local-CreateDirectory',
  GetDirectoryStageFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:local-GetDirectoryStage',
  CreateConnectorFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:local-CreateConnector',
  GetConnectorStatusFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:local-GetConnectorStatus',
  EventBusName: 'local-bus',
};

export const DEFAULT_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:ad-cert-orchestrator-provision';

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
export function loadDefinition(substitutions: Readonly<Record<string, string>> = {}): StateMachineDefinition {
  const raw: unknown = JSON.parse(readFileSync(ASL_PATH, 'utf8'));
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
export function localContext(opts: LocalContextOptions = {}): NonNullable<RunOptions['context']> {
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

/* ---------------- running ---------------- */

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

/** JSON in, JSON out, as across the Lambda boundary (no `undefined`, no shared references). */
const jsonRoundTrip = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/** Runs the definition in-process with local handlers and returns the outcome plus the full event log. */
export async function runLocal(input: unknown, opts: LocalRunOptions): Promise<LocalRunResult> {
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
  ) as NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
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
    for await (const event of execution.eventLogs) events.push(event);
  })();
  let result: LocalRunResult;
  try {
    const output = await execution.result;
    result = { status: 'SUCCEEDED', output, executionArn, events };
  } catch (err) {
    if (!(err instanceof ExecutionError)) throw err;
    const inner = (err as Error & { cause?: unknown }).cause as { name?: string; message?: string } | undefined;
    result = { status: 'FAILED', error: inner?.name ?? err.name, cause: inner?.message ?? err.message, executionArn, events };
  }
  await collecting;
  return result;
}
