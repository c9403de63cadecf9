/**
 * The teardown state machine (statemachine/teardown.asl.json), built like the provisioning one
 * (definition.ts): every Lambda Task's Retry and Catch come from the one error catalog (catalog.ts, its
 * TEARDOWN_TASK_STATES rows) and the shared retry policies.
 *
 *   DiscoverResources -> AcquireTeardownLease -> DeleteConnectors -> DeleteDirectories -> DeletePasswordSecret
 *     -> PublishSucceededEvent -> RecordResult -> RecordTeardown -> EndTeardown
 *
 * AcquireTeardownLease takes the directory's change lease (one change at a time per directory), RecordTeardown writes
 * the end into the provisioning record and releases it, on the success and the failure path.
 * The plan DiscoverResources writes ($.plan) goes through every delete Task, each returning it with what it deleted
 * appended; so the output lists Deleted / Kept / AlreadyGone, and a failure event lists what was deleted before.
 * Each delete Task also deletes what hangs on its resources first: DeleteConnectors the templates (with their access
 * entries) and the service principal names, DeleteDirectories the directory registrations. The CA's RAM share is
 * never deleted (one share serves every connector of the CA). Adding a resource: docs/contributing.md (a new kind
 * that needs its own Task is one more entry in STEPS, at its place in the dependency order).
 */
import { DETAIL_TYPE_TEARDOWN_FAILED, DETAIL_TYPE_TEARDOWN_SUCCEEDED } from '../contract.ts';
import type { TeardownFailedDetail, TeardownOutcome, TeardownRecord, TeardownSucceededDetail } from '../contract.ts';
import { EXECUTION_ID, failedEventState, lambdaTask, machine, succeededEventStates } from './asl.ts';
import type { Definition, Json, JsonPaths, State, States } from './asl.ts';
import type { TeardownStateName } from './catalog.ts';
import { TEARDOWN_LONGEST_WAITS } from './teardown-waits.ts';

/** The delete Tasks, in dependency order (each: the plan in, the plan with its deletions out). */
export const STEPS: readonly { state: Exclude<TeardownStateName, 'DiscoverResources' | 'AcquireTeardownLease' | 'RecordTeardown'>; comment: string }[] = [
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
  AcquireTeardownLease: 'TeardownFailedWithPlan',
  DeleteConnectors: 'TeardownFailedWithPlan',
  DeleteDirectories: 'TeardownFailedWithPlan',
  DeletePasswordSecret: 'TeardownFailedWithPlan',
  // The record's own errors end the teardown as it would have ended: EndTeardown decides by $.error.
  RecordTeardown: 'EndTeardown',
};

/** A teardown Lambda Task: the plan at `$.plan` (or `resultPath`), its caught errors to its TEARDOWN_FAILURE_ENTRY. */
const task = (state: TeardownStateName, parameters: Json, next: string, comment: string, resultPath = '$.plan'): State =>
  lambdaTask({
    state,
    comment,
    parameters,
    resultPath,
    next,
    onError: TEARDOWN_FAILURE_ENTRY[state],
    // DiscoverResources' input may be no object: the error replaces the state (as ValidateRequest's, definition.ts).
    errorReplacesState: state === 'DiscoverResources',
  });

/** The lists of the output and of both events, from the plan. */
const OUTCOME = { 'Deleted.$': '$.plan.Deleted', 'Kept.$': '$.plan.Kept', 'AlreadyGone.$': '$.plan.AlreadyGone' } satisfies JsonPaths<TeardownOutcome>;

export function buildTeardownDefinition(): Definition {
  const states: States = {
    DiscoverResources: task(
      'DiscoverResources',
      { ...EXECUTION_ID, 'Request.$': '$$.Execution.Input' },
      'AcquireTeardownLease',
      'Checks the request; finds its directory (Name + VPC), connectors (directory + CA) and password secret; plans to delete what carries the ownership tag (all of it with Force); deletes nothing',
    ),
    AcquireTeardownLease: task(
      'AcquireTeardownLease',
      { ...EXECUTION_ID, 'Request.$': '$$.Execution.Input' },
      STEPS[0]?.state ?? 'PublishSucceededEvent',
      "Takes the directory's change lease before the first delete (refused with ConcurrentChangeError while a provisioning, update or another teardown of it runs) and lists this teardown in the provisioning record",
      '$.lease',
    ),
  };
  STEPS.forEach((step, i) => {
    states[step.state] = task(step.state, { ...EXECUTION_ID, 'Plan.$': '$.plan' }, STEPS[i + 1]?.state ?? 'PublishSucceededEvent', step.comment);
  });
  const completion: States = {
    ...succeededEventStates(
      DETAIL_TYPE_TEARDOWN_SUCCEEDED,
      { ...EXECUTION_ID, ...OUTCOME } satisfies JsonPaths<TeardownSucceededDetail>,
      'Best effort: a publishing failure becomes a warning in the output, never a failed teardown',
      'RecordResult',
    ),
    RecordResult: {
      Type: 'Pass',
      Comment: 'The execution output: what was deleted, kept (and why) and already gone',
      Parameters: {
        ...EXECUTION_ID,
        ...OUTCOME,
        'Force.$': '$.plan.Force',
        'EventPublished.$': '$.publish.Published',
        'EventWarning.$': '$.publish.Warning',
        'StartedAt.$': '$$.Execution.StartTime',
        'FinishedAt.$': '$$.State.EnteredTime',
      } satisfies JsonPaths<TeardownRecord>,
      Next: 'RecordTeardown',
    },
    // As the provisioning's RecordProvisioning / EndProvisioning (definition.ts), on both paths.
    RecordTeardown: lambdaTask({
      state: 'RecordTeardown',
      comment: 'Writes how this teardown ended into the provisioning record and releases the change lease (never changes the outcome)',
      parameters: { ...EXECUTION_ID, 'Request.$': '$$.Execution.Input', 'State.$': '$' },
      resultPath: null,
      next: 'EndTeardown',
      onError: TEARDOWN_FAILURE_ENTRY.RecordTeardown,
      errorPath: '$.recordError',
    }),
    EndTeardown: {
      Type: 'Choice',
      Comment: 'A caught error ($.error) ends in TeardownFailed, anything else succeeds with the output',
      // `Not … IsPresent: true`, not `IsPresent: false`: the local engine evaluates the latter as never true.
      Choices: [{ Not: { Variable: '$.error', IsPresent: true }, Next: 'TornDown' }],
      Default: 'TeardownFailed',
    },
    TornDown: { Type: 'Succeed' },
  };
  const failure: States = {
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
    ...failedEventState(
      DETAIL_TYPE_TEARDOWN_FAILED,
      { ...EXECUTION_ID, 'Error.$': '$.error.Error', 'Cause.$': '$.error.Cause', ...OUTCOME } satisfies JsonPaths<TeardownFailedDetail>,
      'RecordTeardown',
    ),
    TeardownFailed: {
      Type: 'Fail',
      Comment: 'Named failure: fix the cause and start the teardown again (see docs/errors.md)',
      ErrorPath: '$.error.Error',
      CausePath: '$.error.Cause',
    },
  };
  return machine(
    'AD certificate-connector teardown. GENERATED from src/workflow/teardown-definition.ts and the error catalog: do not edit by hand (npm run gen:asl).',
    'DiscoverResources',
    [states, completion, failure],
    TEARDOWN_LONGEST_WAITS,
  );
}
