/**
 * The provisioning state machine (statemachine/provision.asl.json), phase by phase: each phase is a function from
 * where it goes next to its states, so a new phase is one more function in PHASES. Every Lambda Task's Retry and
 * Catch come from the error catalog (asl.ts: lambdaTask), the polls from the waited resources (waits.ts), the
 * execution's TimeoutSeconds from all of them (execution-timeout.ts). `npm run gen:asl` writes it
 * (tools/cli/gen-asl.ts).
 *
 *   validation -> change lease -> plan -> directory -> groups -> connector side -> templates -> completion; a caught
 *   error -> failure; both end in RecordProvisioning (the provisioning record, the change lease released), then
 *   EndProvisioning
 */
import { DETAIL_TYPE_FAILED, DETAIL_TYPE_SUCCEEDED } from '../contract.ts';
import { EXECUTION_ID, failedEventState, lambdaTask, machine, succeededEventStates } from './asl.ts';
import type { Definition, Json, State, States } from './asl.ts';
import type { TaskStateName } from './catalog.ts';
import { WAITED_RESOURCES, waitedResource } from './waits.ts';
import type { WaitedResourceName } from './waits.ts';

/* ---------------- failure routing ---------------- */

/**
 * Where a caught error goes. The Pass states there record what is known about the resources (the failed event
 * carries the directory id / connector ARN when they exist), so PublishFailedEvent never reads a missing path.
 */
export const FAILURE_ENTRY: Record<TaskStateName, string> = {
  ValidateRequest: 'RequestRejected',
  AcquireChangeLease: 'FailedBeforeDirectory',
  PlanChanges: 'FailedBeforeDirectory',
  CreateDirectory: 'FailedBeforeDirectory',
  GetDirectoryStage: 'FailedWithDirectory',
  EnableDirectoryDataAccess: 'FailedWithDirectory',
  GetDirectoryDataAccessStatus: 'FailedWithDirectory',
  ResolveGroups: 'FailedWithDirectory',
  ShareCertificateAuthority: 'FailedWithDirectory',
  CreateDirectoryRegistration: 'FailedWithDirectory',
  GetDirectoryRegistrationStatus: 'FailedWithDirectory',
  CreateConnector: 'FailedWithDirectory',
  GetConnectorStatus: 'FailedWithConnector',
  CreateServicePrincipalName: 'FailedWithConnector',
  GetServicePrincipalNameStatus: 'FailedWithConnector',
  CreateTemplates: 'FailedWithConnector',
  // The record's own errors end the execution as it would have ended: EndProvisioning decides by $.error.
  RecordProvisioning: 'EndProvisioning',
};

/** A provisioning Lambda Task: its result at `resultPath`, its caught errors to its FAILURE_ENTRY. */
const task = (state: TaskStateName, parameters: Json, resultPath: string, next: string, comment: string): State =>
  lambdaTask({ state, comment, parameters, resultPath, next, onError: FAILURE_ENTRY[state] });

/** The poll Task of a waited resource: its state document in, the same document back once the resource is ready. */
const pollTask = (resource: WaitedResourceName, next: string, comment: string): State => {
  const w = waitedResource(resource);
  return task(w.pollState, { ...EXECUTION_ID, [`${w.inputKey}.$`]: w.resultPath }, w.resultPath, next, comment);
};

/* ---------------- the phases ---------------- */

/** Where a phase goes: `next`, the entry of the following phase; `succeeded`, the completion (to skip ahead). */
interface Exits {
  next: string;
  succeeded: string;
}
interface Phase {
  entry: string;
  states: States;
}

const validation = ({ next }: Exits): Phase => ({
  entry: 'ValidateRequest',
  states: {
    ValidateRequest: lambdaTask({
      state: 'ValidateRequest',
      comment: 'Checks every documented constraint and the preflight facts; creates nothing',
      // The execution input, read from the context object: `$` is the same for the first state, but a `null` input
      // does not resolve as a path (the local engine fails it with States.Runtime before validation).
      parameters: { ...EXECUTION_ID, 'Request.$': '$$.Execution.Input' },
      resultPath: '$.validation',
      next,
      onError: FAILURE_ENTRY.ValidateRequest,
      errorReplacesState: true,
    }),
  },
});

/** One change at a time per directory: the change lease, taken before anything is written (src/domain/change-lease.ts). */
const changeLease = ({ next }: Exits): Phase => ({
  entry: 'AcquireChangeLease',
  states: {
    AcquireChangeLease: task(
      'AcquireChangeLease',
      { ...EXECUTION_ID, 'Request.$': '$$.Execution.Input' },
      '$.lease',
      next,
      "Takes the directory's change lease (refused with ConcurrentChangeError while another provisioning, update or teardown of it runs; taken over from a holder that no longer runs) and lists this execution in the provisioning record",
    ),
  },
});

/** The plan, made under the change lease before any write: what exists, diffed against the request. */
const plan = ({ next }: Exits): Phase => ({
  entry: 'PlanChanges',
  states: {
    PlanChanges: task(
      'PlanChanges',
      { ...EXECUTION_ID, 'Request.$': '$$.Execution.Input', 'Warnings.$': '$.validation.Warnings' },
      '$.plan',
      next,
      'The plan before any write: what exists, diffed against the request; a conflict (a field only a replacement changes) fails here with PlanConflictError; reads only',
    ),
  },
});

const directory = ({ next }: Exits): Phase => ({
  entry: 'DirectoryGiven',
  states: {
    DirectoryGiven: {
      Type: 'Choice',
      Comment: 'A request by DirectoryId uses that directory (found Active by ValidateRequest): nothing to create or wait for',
      // IsNull true, not false: aws-local-stepfunctions evaluates `IsNull: false` as never matching.
      Choices: [{ Variable: '$.validation.ExistingDirectory', IsNull: true, Next: 'CreateDirectory' }],
      Default: 'UseExistingDirectory',
    },
    UseExistingDirectory: {
      Type: 'Pass',
      Comment: "The existing directory's state document, as GetDirectoryStage returns an Active one",
      InputPath: '$.validation.ExistingDirectory',
      ResultPath: '$.directory',
      Next: next,
    },
    CreateDirectory: task(
      'CreateDirectory',
      {
        ...EXECUTION_ID,
        'Directory.$': '$.Directory',
        'DirectoryType.$': '$.validation.DirectoryType',
        'TimeoutSeconds.$': '$.validation.DirectoryTimeoutSeconds',
      },
      '$.directory',
      'GetDirectoryStage',
      'Find-or-create: adopts a directory this request already started (same Name and VPC), else creates one; sets the Deadline',
    ),
    GetDirectoryStage: pollTask(
      'directory',
      next,
      'One DescribeDirectories per attempt: Active -> on; in progress -> DirectoryNotReadyError, retried (the poll loop); terminal -> DirectoryFailed; past the Deadline -> DirectoryActivationTimeoutError',
    ),
  },
});

/**
 * Once the directory is Active: without a Connector the workflow ends with it; with access entries that name groups
 * by GroupName, Directory Service Data access is turned on and the names are resolved to SIDs (creating the groups
 * an entry asks for) before anything connector-side is created, so a wrong name fails before the share, the
 * registration, the connector and the templates exist.
 */
const groups = ({ next, succeeded }: Exits): Phase => ({
  entry: 'ConnectorRequested',
  states: {
    ConnectorRequested: {
      Type: 'Choice',
      Comment: 'A request without a Connector (e.g. Simple AD, which Connector for AD does not support) ends with the directory; one whose access entries name groups by GroupName resolves them first',
      Choices: [
        {
          And: [
            { Variable: '$.validation.ConnectorRequested', BooleanEquals: true },
            { Variable: '$.validation.GroupNamesRequested', BooleanEquals: true },
          ],
          Next: 'EnableDirectoryDataAccess',
        },
        { Variable: '$.validation.ConnectorRequested', BooleanEquals: true, Next: 'NoGroupNames' },
      ],
      Default: 'NoConnector',
    },
    NoConnector: {
      Type: 'Pass',
      Comment: 'No connector requested: the connector-side fields of the event and the output are null (one transition)',
      Parameters: {
        'validation.$': '$.validation',
        'plan.$': '$.plan',
        'directory.$': '$.directory',
        groups: { Groups: [] },
        share: { ResourceShareArn: null, CreatedByThisExecution: null },
        registration: { DirectoryRegistrationArn: null, Adopted: null, Status: null, ElapsedSeconds: null },
        connector: { ConnectorArn: null, Adopted: null, Status: null, ElapsedSeconds: null },
        spn: { Status: null, Adopted: null, ElapsedSeconds: null },
        templates: { TemplateArns: [] },
      },
      Next: succeeded,
    },
    NoGroupNames: {
      Type: 'Pass',
      Comment: 'Every access entry names its group by SID: nothing to resolve',
      Result: { Groups: [] },
      ResultPath: '$.groups',
      Next: next,
    },
    EnableDirectoryDataAccess: task(
      'EnableDirectoryDataAccess',
      {
        ...EXECUTION_ID,
        'DirectoryId.$': '$.directory.DirectoryId',
        'TimeoutSeconds.$': '$.validation.ConnectorTimeoutSeconds',
      },
      '$.dataAccess',
      'GetDirectoryDataAccessStatus',
      'DescribeDirectoryDataAccess; Disabled or Failed -> EnableDirectoryDataAccess (Directory Service Data serves DescribeGroup/CreateGroup only then); sets the Deadline',
    ),
    GetDirectoryDataAccessStatus: pollTask(
      'directoryDataAccess',
      'ResolveGroups',
      'One DescribeDirectoryDataAccess per attempt: Enabled -> on; Enabling -> DirectoryDataAccessNotReadyError, retried (the poll loop); Failed -> DirectoryDataAccessFailed; past the Deadline -> DirectoryDataAccessTimeoutError',
    ),
    ResolveGroups: task(
      'ResolveGroups',
      { ...EXECUTION_ID, 'DirectoryId.$': '$.directory.DirectoryId', 'Connector.$': '$.Connector' },
      '$.groups',
      next,
      'DescribeGroup for every GroupName -> its SID; a missing one -> GroupNotFoundError before anything is created, unless its entry says CreateGroup: then CreateGroup (ClientToken from the execution ARN and the name)',
    ),
  },
});

/** The CA's share, the directory's registration, the connector and its service principal name, each waited for. */
const connectorSide = ({ next }: Exits): Phase => ({
  entry: 'ShareCertificateAuthority',
  states: {
    ShareCertificateAuthority: task(
      'ShareCertificateAuthority',
      { ...EXECUTION_ID, 'CertificateAuthorityArn.$': '$.Connector.CertificateAuthorityArn' },
      '$.share',
      'CreateDirectoryRegistration',
      'Find-or-create the AWS RAM share of the CA with pca-connector-ad.amazonaws.com granting the APIPassthrough permission (share creation lease per CA, clientToken from the request); ResourceShareNotReadyError, retried, until the principal association is ASSOCIATED',
    ),
    CreateDirectoryRegistration: task(
      'CreateDirectoryRegistration',
      {
        ...EXECUTION_ID,
        'DirectoryId.$': '$.directory.DirectoryId',
        'Connector.$': '$.Connector',
        'TimeoutSeconds.$': '$.validation.ConnectorTimeoutSeconds',
      },
      '$.registration',
      'GetDirectoryRegistrationStatus',
      'Registers the directory with Connector for AD (authorizes the service in it): adopts its registration, else creates one with a ClientToken from the execution ARN; sets the Deadline',
    ),
    GetDirectoryRegistrationStatus: pollTask(
      'directoryRegistration',
      'CreateConnector',
      'One GetDirectoryRegistration per attempt: ACTIVE -> on; CREATING -> DirectoryRegistrationNotReadyError, retried (the poll loop); FAILED/DELETING -> DirectoryRegistrationFailed; past the Deadline -> DirectoryRegistrationActivationTimeoutError',
    ),
    CreateConnector: task(
      'CreateConnector',
      {
        ...EXECUTION_ID,
        'DirectoryId.$': '$.directory.DirectoryId',
        'Connector.$': '$.Connector',
        'TimeoutSeconds.$': '$.validation.ConnectorTimeoutSeconds',
      },
      '$.connector',
      'GetConnectorStatus',
      'Adopts an existing connector for this directory + CA, else CreateConnector with ClientToken = sha256(execution ARN); sets the Deadline',
    ),
    GetConnectorStatus: pollTask(
      'connector',
      'CreateServicePrincipalName',
      'One GetConnector per attempt: ACTIVE -> on; CREATING -> ConnectorNotReadyError, retried (the poll loop); FAILED/DELETING -> ConnectorFailed; past the Deadline -> ConnectorActivationTimeoutError',
    ),
    CreateServicePrincipalName: task(
      'CreateServicePrincipalName',
      {
        ...EXECUTION_ID,
        'DirectoryRegistrationArn.$': '$.registration.DirectoryRegistrationArn',
        'ConnectorArn.$': '$.connector.ConnectorArn',
        'TimeoutSeconds.$': '$.validation.ConnectorTimeoutSeconds',
      },
      '$.spn',
      'GetServicePrincipalNameStatus',
      "The connector's service principal name in the directory (Kerberos needs it): adopts it, else creates it with a ClientToken from the execution ARN; sets the Deadline",
    ),
    GetServicePrincipalNameStatus: pollTask(
      'servicePrincipalName',
      next,
      'One GetServicePrincipalName per attempt: ACTIVE -> on; CREATING -> ServicePrincipalNameNotReadyError, retried (the poll loop); FAILED/DELETING -> ServicePrincipalNameFailed; past the Deadline -> ServicePrincipalNameActivationTimeoutError',
    ),
  },
});

const templates = ({ next }: Exits): Phase => ({
  entry: 'CreateTemplates',
  states: {
    CreateTemplates: task(
      'CreateTemplates',
      { ...EXECUTION_ID, 'ConnectorArn.$': '$.connector.ConnectorArn', 'Connector.$': '$.Connector', 'Groups.$': '$.groups.Groups' },
      '$.templates',
      next,
      'The templates part of the plan: creates (ClientTokens from the execution ARN), changes in place (UpdateTemplate, the entries, tags), prunes this tool\'s no longer listed with PruneTemplates; a template not this tool\'s that differs is TemplateConflictError, before any write',
    ),
  },
});

/** The Provisioning Succeeded event (best effort) and the execution output, the provisioning record. */
const completion = (): Phase => ({
  entry: 'PublishSucceededEvent',
  states: {
    ...succeededEventStates(
      DETAIL_TYPE_SUCCEEDED,
      {
        ...EXECUTION_ID,
        'DirectoryId.$': '$.directory.DirectoryId',
        'DirectoryType.$': '$.directory.DirectoryType',
        'DirectoryAdopted.$': '$.directory.Adopted',
        'DirectoryRegistrationArn.$': '$.registration.DirectoryRegistrationArn',
        'ConnectorArn.$': '$.connector.ConnectorArn',
        'ConnectorAdopted.$': '$.connector.Adopted',
        'ServicePrincipalNameStatus.$': '$.spn.Status',
        'TemplateArns.$': '$.templates.TemplateArns',
        'ResourceShareArn.$': '$.share.ResourceShareArn',
        'ResourceShareCreated.$': '$.share.CreatedByThisExecution',
        'Warnings.$': '$.plan.warnings',
        'DirectoryWarnings.$': '$.directory.Warnings',
      },
      'Best effort: a publishing failure becomes a warning in the output, never a failed provisioning',
      'RecordResult',
    ),
    RecordResult: {
      Type: 'Pass',
      Comment: 'The execution output: the provisioning record (no ResultPath: the record replaces the state)',
      Parameters: {
        ...EXECUTION_ID,
        'DirectoryId.$': '$.directory.DirectoryId',
        'DirectoryType.$': '$.directory.DirectoryType',
        'DirectoryAdopted.$': '$.directory.Adopted',
        'DirectoryStage.$': '$.directory.Stage',
        'DirectoryElapsedSeconds.$': '$.directory.ElapsedSeconds',
        'DirectoryRegistrationArn.$': '$.registration.DirectoryRegistrationArn',
        'DirectoryRegistrationAdopted.$': '$.registration.Adopted',
        'DirectoryRegistrationStatus.$': '$.registration.Status',
        'ConnectorArn.$': '$.connector.ConnectorArn',
        'ConnectorAdopted.$': '$.connector.Adopted',
        'ConnectorStatus.$': '$.connector.Status',
        'ConnectorElapsedSeconds.$': '$.connector.ElapsedSeconds',
        'ServicePrincipalNameStatus.$': '$.spn.Status',
        'ServicePrincipalNameAdopted.$': '$.spn.Adopted',
        'TemplateArns.$': '$.templates.TemplateArns',
        'Groups.$': '$.groups.Groups',
        'ResourceShareArn.$': '$.share.ResourceShareArn',
        'ResourceShareCreated.$': '$.share.CreatedByThisExecution',
        'Plan.$': '$.plan.plan',
        'Warnings.$': '$.plan.warnings',
        'DirectoryWarnings.$': '$.directory.Warnings',
        'EventPublished.$': '$.publish.Published',
        'EventWarning.$': '$.publish.Warning',
        'StartedAt.$': '$$.Execution.StartTime',
        'FinishedAt.$': '$$.State.EnteredTime',
      },
      Next: 'RecordProvisioning',
    },
    ...recordStates(),
    Provisioned: { Type: 'Succeed' },
  },
});

/**
 * The end of every execution that reaches one: RecordProvisioning writes it into the provisioning record (the output
 * on success, the caught error on failure) and releases the change lease, its result discarded so the state passes
 * on unchanged; EndProvisioning then ends as the execution would have (the Fail state with the caught error, or the
 * output). The record's own caught errors go to `$.recordError`, never over the execution's.
 */
const recordStates = (): States => ({
  RecordProvisioning: lambdaTask({
    state: 'RecordProvisioning',
    comment: 'Writes how this execution ended into the provisioning record and releases the change lease (never changes the outcome)',
    parameters: { ...EXECUTION_ID, 'Request.$': '$$.Execution.Input', 'State.$': '$' },
    resultPath: null,
    next: 'EndProvisioning',
    onError: FAILURE_ENTRY.RecordProvisioning,
    errorPath: '$.recordError',
  }),
  EndProvisioning: {
    Type: 'Choice',
    Comment: 'A caught error ($.error) ends in ProvisioningFailed, anything else succeeds with the output',
    // `Not … IsPresent: true`, not `IsPresent: false`: the local engine evaluates the latter as never true.
    Choices: [{ Not: { Variable: '$.error', IsPresent: true }, Next: 'Provisioned' }],
    Default: 'ProvisioningFailed',
  },
});

/** The FAILURE_ENTRY states (what is known of the resources), the Provisioning Failed event, the named failure. */
const failure = (): States => ({
  RequestRejected: {
    Type: 'Pass',
    Comment: 'ValidateRequest failed: its error replaced the state (the input may not be an object); nothing was created',
    Parameters: { 'error.$': '$', failure: { DirectoryId: null, ConnectorArn: null } },
    Next: 'PublishFailedEvent',
  },
  FailedBeforeDirectory: {
    Type: 'Pass',
    Comment: 'Failure before a directory id is known',
    Parameters: { DirectoryId: null, ConnectorArn: null },
    ResultPath: '$.failure',
    Next: 'PublishFailedEvent',
  },
  FailedWithDirectory: {
    Type: 'Pass',
    Comment: 'Failure once the directory id is known',
    Parameters: { 'DirectoryId.$': '$.directory.DirectoryId', ConnectorArn: null },
    ResultPath: '$.failure',
    Next: 'PublishFailedEvent',
  },
  FailedWithConnector: {
    Type: 'Pass',
    Comment: 'Failure once the connector ARN is known',
    Parameters: { 'DirectoryId.$': '$.directory.DirectoryId', 'ConnectorArn.$': '$.connector.ConnectorArn' },
    ResultPath: '$.failure',
    Next: 'PublishFailedEvent',
  },
  ...failedEventState(
    DETAIL_TYPE_FAILED,
    {
      ...EXECUTION_ID,
      'Error.$': '$.error.Error',
      'Cause.$': '$.error.Cause',
      'DirectoryId.$': '$.failure.DirectoryId',
      'ConnectorArn.$': '$.failure.ConnectorArn',
    },
    'RecordProvisioning',
  ),
  ProvisioningFailed: {
    Type: 'Fail',
    Comment: 'Named failure: fix the cause and start a new execution (see docs/errors.md)',
    ErrorPath: '$.error.Error',
    CausePath: '$.error.Cause',
  },
});

/** The phases before the completion, in execution order. */
const PHASES: readonly ((exits: Exits) => Phase)[] = [validation, changeLease, plan, directory, groups, connectorSide, templates];

export function buildDefinition(): Definition {
  const done = completion();
  // Built from the last phase back, each told the entry of the one after it.
  const built: Phase[] = [];
  let next = done.entry;
  for (const phase of [...PHASES].reverse()) {
    const p = phase({ next, succeeded: done.entry });
    built.unshift(p);
    next = p.entry;
  }
  return machine(
    // Part of the deployed ASL, kept as is (the generator is this module and tools/cli/gen-asl.ts).
    'AD certificate-connector provisioning. GENERATED by tools/cli/gen-asl.ts from src/workflow/: do not edit by hand (npm run gen:asl).',
    next,
    [...built.map((p) => p.states), done.states, failure()],
    Object.fromEntries(WAITED_RESOURCES.map((w) => [w.pollState, w.longestWaitSeconds])),
  );
}
