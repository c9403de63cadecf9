/**
 * What both state machines are built from (definition.ts: the provisioning, teardown-definition.ts: the teardown):
 * the ASL types, the Lambda Task whose Retry and Catch come from the error catalog (catalog.ts) and the retry
 * policies (retry-policies.ts), the completion events' PutEvents states, and the top-level TimeoutSeconds
 * (execution-timeout.ts).
 *
 * JSONPath (not JSONata) on purpose: the local engine (aws-local-stepfunctions) does not evaluate JSONata.
 */
import { EVENT_SOURCE } from '../contract.ts';
import { ERROR_CATALOG } from './catalog.ts';
import type { CatalogStateName } from './catalog.ts';
import { executionTimeoutSeconds } from './execution-timeout.ts';
import { RETRY_GROUP_ORDER, retryGroupOf, retryPolicyOf } from './retry-policies.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds: number;
  MaxAttempts: number;
  BackoffRate: number;
  MaxDelaySeconds: number;
  JitterStrategy: 'FULL' | 'NONE';
}
export interface Catcher {
  ErrorEquals: string[];
  /** Omitted: the error replaces the state ("$", the default). */
  ResultPath?: string;
  Next: string;
}
export interface State {
  Type: string;
  Comment?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
  [key: string]: unknown;
}
export interface Definition {
  Comment: string;
  StartAt: string;
  /** The execution's own time limit (execution-timeout.ts). */
  TimeoutSeconds?: number;
  States: Record<string, State>;
}

/** States by name: a piece of a definition. */
export type States = Record<string, State>;

/**
 * A Parameters block that builds exactly the contract type `T` by JSONPath: one `Field.$` key per field of `T`, no
 * other (so an output or event detail cannot drift from src/contract.ts).
 */
export type JsonPaths<T> = { [K in keyof T & string as `${K}.$`]-?: string };

/** The execution ARN, in every Task input, output and event. */
export const EXECUTION_ID = { 'ExecutionId.$': '$$.Execution.Id' } as const;

export const LAMBDA_TASK_TIMEOUT_SECONDS = 60;
const PUBLISH_TASK_TIMEOUT_SECONDS = 30;

const unique = (names: string[]): string[] => [...new Set(names)];

/** One retrier per retry group of the state's retried catalog rows, in RETRY_GROUP_ORDER, with the rows' policy. */
export function retriersFor(state: CatalogStateName): Retrier[] {
  const rows = ERROR_CATALOG.filter((r) => r.state === state && r.handling !== 'catch');
  const retriers: Retrier[] = [];
  for (const group of RETRY_GROUP_ORDER) {
    const grouped = rows.filter((r) => retryGroupOf(r) === group);
    const first = grouped[0];
    if (!first) continue;
    const { Comment: _comment, ...policy } = retryPolicyOf(first);
    const other = grouped.find((r) => retryPolicyOf(r).IntervalSeconds !== policy.IntervalSeconds);
    if (other) throw new Error(`${state}: ${first.name} and ${other.name} share a retrier but not a poll interval`);
    retriers.push({ ErrorEquals: unique(grouped.map((r) => r.name)), ...policy });
  }
  return retriers;
}

/**
 * The state's caught catalog rows in one catcher to `next`. `ResultPath` keeps the state at `$.error`; a first state
 * (whose input is whatever the execution was started with, maybe no object: `$.error` could not be set there, and
 * States.ResultPathMatchFailure would replace the real error) has none: the error replaces the state (the default
 * `$`; the local engine implements only the default, not an explicit "$"), and its failure state rebuilds it.
 */
export function catchersFor(state: CatalogStateName, next: string, errorReplacesState = false, errorPath = '$.error'): Catcher[] {
  const names = unique(ERROR_CATALOG.filter((r) => r.state === state && r.handling !== 'retry').map((r) => r.name));
  if (names.length === 0) return [];
  return [{ ErrorEquals: names, ...(errorReplacesState ? {} : { ResultPath: errorPath }), Next: next }];
}

export interface LambdaTask {
  state: CatalogStateName;
  comment: string;
  parameters: Json;
  /** null: the result is discarded and the state passes on unchanged. */
  resultPath: string | null;
  next: string;
  /** Where its caught errors go (the failure path of what it knows). */
  onError: string;
  errorReplacesState?: boolean;
  /** Where a caught error is put (default `$.error`, which the failure path reads). */
  errorPath?: string;
}

/** A Lambda Task (`${<State>FunctionArn}`, a DefinitionSubstitutions placeholder) with the catalog's Retry and Catch. */
export function lambdaTask(t: LambdaTask): State {
  const retry = retriersFor(t.state);
  const catchers = catchersFor(t.state, t.onError, t.errorReplacesState, t.errorPath);
  return {
    Type: 'Task',
    Comment: t.comment,
    Resource: `\${${t.state}FunctionArn}`,
    Parameters: t.parameters,
    ResultPath: t.resultPath,
    TimeoutSeconds: LAMBDA_TASK_TIMEOUT_SECONDS,
    ...(retry.length > 0 ? { Retry: retry } : {}),
    ...(catchers.length > 0 ? { Catch: catchers } : {}),
    Next: t.next,
  };
}

/* ---------------- completion events (best effort) ---------------- */

const PUBLISH_RETRY: Retrier = {
  ErrorEquals: ['States.TaskFailed'],
  IntervalSeconds: 2,
  MaxAttempts: 3,
  BackoffRate: 2,
  MaxDelaySeconds: 30,
  JitterStrategy: 'FULL',
};

const putEvents = (detailType: string, detail: Json): Json => ({
  Entries: [{ EventBusName: '${EventBusName}', Source: EVENT_SOURCE, DetailType: detailType, Detail: detail }],
});

/**
 * PublishSucceededEvent, then `next` (the output). Best effort: a publishing failure becomes a warning in the output
 * (NotePublishFailure), never a failed execution.
 */
export function succeededEventStates(detailType: string, detail: Json, comment: string, next: string): States {
  return {
    PublishSucceededEvent: {
      Type: 'Task',
      Comment: comment,
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: putEvents(detailType, detail),
      ResultSelector: { Published: true, Warning: null },
      ResultPath: '$.publish',
      TimeoutSeconds: PUBLISH_TASK_TIMEOUT_SECONDS,
      Retry: [PUBLISH_RETRY],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.publishError', Next: 'NotePublishFailure' }],
      Next: next,
    },
    NotePublishFailure: {
      Type: 'Pass',
      Parameters: {
        Published: false,
        'Warning.$': `States.Format('The ${detailType} event was not published ({}): {}', $.publishError.Error, $.publishError.Cause)`,
      },
      ResultPath: '$.publish',
      Next: next,
    },
  };
}

/** PublishFailedEvent, then `next` (the Fail state) whether or not it publishes. */
export function failedEventState(detailType: string, detail: Json, next: string): States {
  return {
    PublishFailedEvent: {
      Type: 'Task',
      Comment: 'Best effort: the execution fails with the original error whether or not this publishes',
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: putEvents(detailType, detail),
      ResultPath: null,
      TimeoutSeconds: PUBLISH_TASK_TIMEOUT_SECONDS,
      Retry: [PUBLISH_RETRY],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.publishError', Next: next }],
      Next: next,
    },
  };
}

/* ---------------- the whole definition ---------------- */

/**
 * A state machine from its pieces, in order, with the top-level TimeoutSeconds derived from its states and the
 * longest wait of each poll Task (execution-timeout.ts).
 */
export function machine(
  comment: string,
  startAt: string,
  pieces: readonly States[],
  longestWaits: Readonly<Partial<Record<string, number>>>,
): Definition {
  const states: States = {};
  for (const piece of pieces) {
    for (const [name, state] of Object.entries(piece)) {
      if (states[name]) throw new Error(`state ${name} is defined twice`);
      states[name] = state;
    }
  }
  return { Comment: comment, StartAt: startAt, TimeoutSeconds: executionTimeoutSeconds(states, longestWaits), States: states };
}

export const renderDefinition = (def: Definition): string => `${JSON.stringify(def, null, 2)}\n`;

/** The Lambda Task states of a definition (in definition order): they must be the catalog's, in the catalog's order. */
export function lambdaTaskStates(def: Definition): string[] {
  return Object.entries(def.States)
    .filter(([, s]) => s.Type === 'Task' && String(s['Resource']).endsWith('FunctionArn}'))
    .map(([name]) => name);
}
