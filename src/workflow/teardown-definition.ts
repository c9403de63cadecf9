/**
 * The teardown state machine (statemachine/teardown.asl.json), built like the provisioning one
 * (definition.ts): every Lambda Task's Retry and Catch come from the one error catalog (catalog.ts, its
 * TEARDOWN_TASK_STATES rows) and the shared retry policies.
 *
 *   DiscoverResources -> DeleteConnectors -> DeleteDirectories -> DeletePasswordSecret -> PublishSucceededEvent
 *
 * The plan DiscoverResources writes ($.plan) goes through every delete Task, each returning it with what it deleted
 * appended; so the output lists Deleted / Kept / AlreadyGone, and a failure event lists what was deleted before.
 * Each delete Task also deletes what hangs on its resources first: DeleteConnectors the templates (with their access
 * entries) and the service principal names, DeleteDirectories the directory registrations. The CA's RAM share is
 * never deleted (one share serves every connector of the CA). Adding a resource: docs/contributing.md.
 */
import { EVENT_SOURCE } from '../contract.ts';
import { DETAIL_TYPE_TEARDOWN_FAILED, DETAIL_TYPE_TEARDOWN_SUCCEEDED } from '../domain/teardown.ts';
import { ERROR_CATALOG } from './catalog.ts';
import type { TeardownStateName } from './catalog.ts';
import { retriersFor } from './definition.ts';
import type { Catcher, Definition, Json, State } from './definition.ts';

const LAMBDA_TASK_TIMEOUT_SECONDS = 60;
const PUBLISH_TASK_TIMEOUT_SECONDS = 30;
const PUBLISH_RETRY = {
  ErrorEquals: ['States.TaskFailed'],
  IntervalSeconds: 2,
  MaxAttempts: 3,
  BackoffRate: 2,
  MaxDelaySeconds: 30,
  JitterStrategy: 'FULL' as const,
};

/** The delete Tasks, in dependency order (each: the plan in, the plan with its deletions out). */
export const STEPS: readonly { state: Exclude<TeardownStateName, 'DiscoverResources'>; comment: string }[] = [
  {
    state: 'DeleteConnectors',
    comment: 'Per attempt: GetConnector for each planned connector; ACTIVE/FAILED -> DeleteConnector; CREATING/DELETING -> ConnectorDeletionPendingError, retried (the poll); all gone -> on',
  },
  {
    state: 'DeleteDirectories',
    comment: 'Per attempt: DescribeDirectories for each planned directory; settled -> DeleteDirectory; being created/Deleting -> DirectoryDeletionPendingError, retried (the poll); all gone -> on',
  },
  {
    state: 'DeletePasswordSecret',
    comment: 'DeleteSecret (7-day recovery window) of the password secret POST /provisionings stored, if planned',
  },
];

/** Where a caught error of each teardown Task goes: before the plan exists, or with it. */
export const TEARDOWN_FAILURE_ENTRY: Record<TeardownStateName, string> = {
  DiscoverResources: 'TeardownRejected',
  DeleteConnectors: 'TeardownFailedWithPlan',
  DeleteDirectories: 'TeardownFailedWithPlan',
  DeletePasswordSecret: 'TeardownFailedWithPlan',
};

export function teardownCatchersFor(state: TeardownStateName): Catcher[] {
  const names = [...new Set(ERROR_CATALOG.filter((r) => r.state === state && r.handling !== 'retry').map((r) => r.name))];
  if (names.length === 0) return [];
  // DiscoverResources' input may be no object: the error replaces the state (as ValidateRequest's, definition.ts).
  return [{ ErrorEquals: names, ...(state === 'DiscoverResources' ? {} : { ResultPath: '$.error' }), Next: TEARDOWN_FAILURE_ENTRY[state] }];
}

function lambdaTask(state: TeardownStateName, parameters: Json, next: string, comment: string): State {
  const retry = retriersFor(state);
  const catchers = teardownCatchersFor(state);
  return {
    Type: 'Task',
    Comment: comment,
    Resource: `\${${state}FunctionArn}`,
    Parameters: parameters,
    ResultPath: '$.plan',
    TimeoutSeconds: LAMBDA_TASK_TIMEOUT_SECONDS,
    ...(retry.length > 0 ? { Retry: retry } : {}),
    ...(catchers.length > 0 ? { Catch: catchers } : {}),
    Next: next,
  };
}

const publish = (detailType: string, detail: Record<string, Json>): Json => ({
  Entries: [{ EventBusName: '${EventBusName}', Source: EVENT_SOURCE, DetailType: detailType, Detail: detail }],
});

export function buildTeardownDefinition(): Definition {
  const execId = { 'ExecutionId.$': '$$.Execution.Id' };
  const lists = { 'Deleted.$': '$.plan.Deleted', 'Kept.$': '$.plan.Kept', 'AlreadyGone.$': '$.plan.AlreadyGone' };
  const states: Record<string, State> = {
    DiscoverResources: lambdaTask(
      'DiscoverResources',
      { ...execId, 'Request.$': '$$.Execution.Input' },
      STEPS[0]?.state ?? 'PublishSucceededEvent',
      'Checks the request; finds its directory (Name + VPC), connectors (directory + CA) and password secret; plans to delete what carries the ownership tag (all of it with Force); deletes nothing',
    ),
  };
  STEPS.forEach((step, i) => {
    states[step.state] = lambdaTask(step.state, { ...execId, 'Plan.$': '$.plan' }, STEPS[i + 1]?.state ?? 'PublishSucceededEvent', step.comment);
  });
  Object.assign(states, {
    PublishSucceededEvent: {
      Type: 'Task',
      Comment: 'Best effort: a publishing failure becomes a warning in the output, never a failed teardown',
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: publish(DETAIL_TYPE_TEARDOWN_SUCCEEDED, { ...execId, ...lists }),
      ResultSelector: { Published: true, Warning: null },
      ResultPath: '$.publish',
      TimeoutSeconds: PUBLISH_TASK_TIMEOUT_SECONDS,
      Retry: [PUBLISH_RETRY],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.publishError', Next: 'NotePublishFailure' }],
      Next: 'RecordResult',
    },
    NotePublishFailure: {
      Type: 'Pass',
      Parameters: {
        Published: false,
        'Warning.$': "States.Format('The Deprovisioning Succeeded event was not published ({}): {}', $.publishError.Error, $.publishError.Cause)",
      },
      ResultPath: '$.publish',
      Next: 'RecordResult',
    },
    RecordResult: {
      Type: 'Pass',
      Comment: 'The execution output: what was deleted, kept (and why) and already gone',
      Parameters: {
        ...execId,
        ...lists,
        'Force.$': '$.plan.Force',
        'EventPublished.$': '$.publish.Published',
        'EventWarning.$': '$.publish.Warning',
        'StartedAt.$': '$$.Execution.StartTime',
        'FinishedAt.$': '$$.State.EnteredTime',
      },
      Next: 'TornDown',
    },
    TornDown: { Type: 'Succeed' },
    TeardownRejected: {
      Type: 'Pass',
      Comment: 'DiscoverResources failed: its error replaced the state (the input may not be an object); nothing was deleted',
      Parameters: { 'error.$': '$', plan: { Deleted: [], Kept: [], AlreadyGone: [] } },
      Next: 'PublishFailedEvent',
    },
    TeardownFailedWithPlan: {
      Type: 'Pass',
      Comment: 'A delete step failed: the plan holds what earlier steps deleted',
      Parameters: { 'error.$': '$.error', 'plan.$': '$.plan' },
      Next: 'PublishFailedEvent',
    },
    PublishFailedEvent: {
      Type: 'Task',
      Comment: 'Best effort: the execution fails with the original error whether or not this publishes',
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: publish(DETAIL_TYPE_TEARDOWN_FAILED, {
        ...execId,
        'Error.$': '$.error.Error',
        'Cause.$': '$.error.Cause',
        ...lists,
      }),
      ResultPath: null,
      TimeoutSeconds: PUBLISH_TASK_TIMEOUT_SECONDS,
      Retry: [PUBLISH_RETRY],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.publishError', Next: 'TeardownFailed' }],
      Next: 'TeardownFailed',
    },
    TeardownFailed: {
      Type: 'Fail',
      Comment: 'Named failure: fix the cause and start the teardown again (see docs/errors.md)',
      ErrorPath: '$.error.Error',
      CausePath: '$.error.Cause',
    },
  } satisfies Record<string, State>);
  return {
    Comment: 'AD certificate-connector teardown. GENERATED from src/workflow/teardown-definition.ts and the error catalog: do not edit by hand (npm run gen:asl).',
    StartAt: 'DiscoverResources',
    States: states,
  };
}
