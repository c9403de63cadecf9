/**
 * The state machine definition, built from the error catalog (catalog.ts), the retry policies (retry-policies.ts)
 * and the waited resources (waits.ts): the Retry and Catch arrays of every Lambda Task state come from ERROR_CATALOG,
 * so the ASL cannot drift from it. `npm run gen:asl` writes it to statemachine/provision.asl.json (tools/cli/gen-asl.ts).
 *
 * JSONPath (not JSONata) on purpose: the local engine (aws-local-stepfunctions) does not evaluate JSONata.
 */
import { DETAIL_TYPE_FAILED, DETAIL_TYPE_SUCCEEDED, EVENT_SOURCE } from '../contract.ts';
import { ERROR_CATALOG } from './catalog.ts';
import type { CatalogStateName, TaskStateName } from './catalog.ts';
import { RETRY_GROUP_ORDER, RETRY_POLICIES, retryGroupOf } from './retry-policies.ts';
import { waitedResource } from './waits.ts';
import type { WaitedResourceName } from './waits.ts';

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
  States: Record<string, State>;
}

/* ---------------- failure routing ---------------- */

/**
 * Where a caught error goes. The Pass states there record what is known about the resources (the failed event
 * carries the directory id / connector ARN when they exist), so PublishFailedEvent never reads a missing path.
 */
export const FAILURE_ENTRY: Record<TaskStateName, string> = {
  ValidateRequest: 'RequestRejected',
  CreateDirectory: 'FailedBeforeDirectory',
  GetDirectoryStage: 'FailedWithDirectory',
  ShareCertificateAuthority: 'FailedWithDirectory',
  CreateDirectoryRegistration: 'FailedWithDirectory',
  GetDirectoryRegistrationStatus: 'FailedWithDirectory',
  CreateConnector: 'FailedWithDirectory',
  GetConnectorStatus: 'FailedWithConnector',
  CreateServicePrincipalName: 'FailedWithConnector',
  GetServicePrincipalNameStatus: 'FailedWithConnector',
  CreateTemplates: 'FailedWithConnector',
};

const ERROR_RESULT_PATH = '$.error';
/**
 * Where each Task's Catch puts the error. ValidateRequest's input is whatever the execution was started with, which
 * need not be an object (`[]`, `null`, `true`): `$.error` could not be set there (States.ResultPathMatchFailure
 * instead of the validation error), so its Catch has no ResultPath (the default `$`: the error replaces the state;
 * the local engine implements only the default, not an explicit "$") and RequestRejected rebuilds the document.
 */
const catchResultPath = (state: TaskStateName): { ResultPath?: string } => (state === 'ValidateRequest' ? {} : { ResultPath: ERROR_RESULT_PATH });
const LAMBDA_TASK_TIMEOUT_SECONDS = 60;
const PUBLISH_TASK_TIMEOUT_SECONDS = 30;

const unique = (names: string[]): string[] => [...new Set(names)];

export function retriersFor(state: CatalogStateName): Retrier[] {
  const rows = ERROR_CATALOG.filter((r) => r.state === state && r.handling !== 'catch');
  const retriers: Retrier[] = [];
  for (const group of RETRY_GROUP_ORDER) {
    const names = unique(rows.filter((r) => retryGroupOf(r) === group).map((r) => r.name));
    if (names.length === 0) continue;
    const { Comment: _comment, ...policy } = RETRY_POLICIES[group];
    retriers.push({ ErrorEquals: names, ...policy });
  }
  return retriers;
}

export function catchersFor(state: TaskStateName): Catcher[] {
  const names = unique(
    ERROR_CATALOG.filter((r) => r.state === state && r.handling !== 'retry').map((r) => r.name),
  );
  if (names.length === 0) return [];
  return [
    {
      ErrorEquals: names,
      ...catchResultPath(state),
      Next: FAILURE_ENTRY[state],
    },
  ];
}

function lambdaTask(state: TaskStateName, parameters: Json, resultPath: string, next: string, comment: string): State {
  const retry = retriersFor(state);
  const catchers = catchersFor(state);
  return {
    Type: 'Task',
    Comment: comment,
    Resource: `\${${state}FunctionArn}`,
    Parameters: parameters,
    ResultPath: resultPath,
    TimeoutSeconds: LAMBDA_TASK_TIMEOUT_SECONDS,
    ...(retry.length > 0 ? { Retry: retry } : {}),
    ...(catchers.length > 0 ? { Catch: catchers } : {}),
    Next: next,
  };
}

const PUBLISH_RETRY: Retrier = {
  ErrorEquals: ['States.TaskFailed'],
  IntervalSeconds: 2,
  MaxAttempts: 3,
  BackoffRate: 2,
  MaxDelaySeconds: 30,
  JitterStrategy: 'FULL',
};

/** The poll Task of a waited resource: its state document in, the same document back once the resource is ready. */
const pollTask = (resource: WaitedResourceName, next: string, comment: string): State => {
  const w = waitedResource(resource);
  return lambdaTask(w.pollState, { 'ExecutionId.$': '$$.Execution.Id', [`${w.inputKey}.$`]: w.resultPath }, w.resultPath, next, comment);
};

export function buildDefinition(): Definition {
  const execId = { 'ExecutionId.$': '$$.Execution.Id' };
  const states: Record<string, State> = {
    ValidateRequest: lambdaTask(
      'ValidateRequest',
      // The execution input, read from the context object: `$` is the same for the first state, but a `null` input
      // does not resolve as a path (the local engine fails it with States.Runtime before validation).
      { ...execId, 'Request.$': '$$.Execution.Input' },
      '$.validation',
      'CreateDirectory',
      'Checks every documented constraint and the preflight facts; creates nothing',
    ),
    CreateDirectory: lambdaTask(
      'CreateDirectory',
      {
        ...execId,
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
      'ConnectorRequested',
      'One DescribeDirectories per attempt: Active -> on; in progress -> DirectoryNotReadyError, retried (the poll loop); terminal -> DirectoryFailed; past the Deadline -> DirectoryActivationTimeoutError',
    ),
    ConnectorRequested: {
      Type: 'Choice',
      Comment: 'A request without a Connector (e.g. Simple AD, which Connector for AD does not support) ends with the directory',
      Choices: [{ Variable: '$.validation.ConnectorRequested', BooleanEquals: true, Next: 'ShareCertificateAuthority' }],
      Default: 'NoConnector',
    },
    NoConnector: {
      Type: 'Pass',
      Comment: 'No connector requested: the connector-side fields of the event and the output are null (one transition)',
      Parameters: {
        'validation.$': '$.validation',
        'directory.$': '$.directory',
        share: { ResourceShareArn: null, CreatedByThisExecution: null },
        registration: { DirectoryRegistrationArn: null, Adopted: null, Status: null, ElapsedSeconds: null },
        connector: { ConnectorArn: null, Adopted: null, Status: null, ElapsedSeconds: null },
        spn: { Status: null, Adopted: null, ElapsedSeconds: null },
        templates: { TemplateArns: [] },
      },
      Next: 'PublishSucceededEvent',
    },
    ShareCertificateAuthority: lambdaTask(
      'ShareCertificateAuthority',
      { ...execId, 'CertificateAuthorityArn.$': '$.Connector.CertificateAuthorityArn' },
      '$.share',
      'CreateDirectoryRegistration',
      'Find-or-create the AWS RAM share of the CA with pca-connector-ad.amazonaws.com granting the APIPassthrough permission (share creation lease per CA, clientToken from the request); ResourceShareNotReadyError, retried, until the principal association is ASSOCIATED',
    ),
    CreateDirectoryRegistration: lambdaTask(
      'CreateDirectoryRegistration',
      {
        ...execId,
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
    CreateConnector: lambdaTask(
      'CreateConnector',
      {
        ...execId,
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
    CreateServicePrincipalName: lambdaTask(
      'CreateServicePrincipalName',
      {
        ...execId,
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
      'CreateTemplates',
      'One GetServicePrincipalName per attempt: ACTIVE -> on; CREATING -> ServicePrincipalNameNotReadyError, retried (the poll loop); FAILED/DELETING -> ServicePrincipalNameFailed; past the Deadline -> ServicePrincipalNameActivationTimeoutError',
    ),
    CreateTemplates: lambdaTask(
      'CreateTemplates',
      { ...execId, 'ConnectorArn.$': '$.connector.ConnectorArn', 'Connector.$': '$.Connector' },
      '$.templates',
      'PublishSucceededEvent',
      'Each requested template and its group access control entries: adopts what matches, refuses what differs (TemplateConflictError, before any create), creates the rest with ClientTokens from the execution ARN',
    ),
    PublishSucceededEvent: {
      Type: 'Task',
      Comment: 'Best effort: a publishing failure becomes a warning in the output, never a failed provisioning',
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: {
        Entries: [
          {
            EventBusName: '${EventBusName}',
            Source: EVENT_SOURCE,
            DetailType: DETAIL_TYPE_SUCCEEDED,
            Detail: {
              ...execId,
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
              'Warnings.$': '$.validation.Warnings',
            },
          },
        ],
      },
      ResultSelector: { Published: true, Warning: null },
      ResultPath: '$.publish',
      TimeoutSeconds: PUBLISH_TASK_TIMEOUT_SECONDS,
      Retry: [PUBLISH_RETRY],
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          ResultPath: '$.publishError',
          Next: 'NotePublishFailure',
        },
      ],
      Next: 'RecordResult',
    },
    NotePublishFailure: {
      Type: 'Pass',
      Parameters: {
        Published: false,
        'Warning.$':
          "States.Format('The Provisioning Succeeded event was not published ({}): {}', $.publishError.Error, $.publishError.Cause)",
      },
      ResultPath: '$.publish',
      Next: 'RecordResult',
    },
    RecordResult: {
      Type: 'Pass',
      Comment: 'The execution output: the provisioning record (no ResultPath: the record replaces the state)',
      Parameters: {
        ...execId,
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
        'ResourceShareArn.$': '$.share.ResourceShareArn',
        'ResourceShareCreated.$': '$.share.CreatedByThisExecution',
        'Warnings.$': '$.validation.Warnings',
        'EventPublished.$': '$.publish.Published',
        'EventWarning.$': '$.publish.Warning',
        'StartedAt.$': '$$.Execution.StartTime',
        'FinishedAt.$': '$$.State.EnteredTime',
      },
      Next: 'Provisioned',
    },
    Provisioned: { Type: 'Succeed' },
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
    PublishFailedEvent: {
      Type: 'Task',
      Comment: 'Best effort: the execution fails with the original error whether or not this publishes',
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: {
        Entries: [
          {
            EventBusName: '${EventBusName}',
            Source: EVENT_SOURCE,
            DetailType: DETAIL_TYPE_FAILED,
            Detail: {
              ...execId,
              'Error.$': '$.error.Error',
              'Cause.$': '$.error.Cause',
              'DirectoryId.$': '$.failure.DirectoryId',
              'ConnectorArn.$': '$.failure.ConnectorArn',
            },
          },
        ],
      },
      ResultPath: null,
      TimeoutSeconds: PUBLISH_TASK_TIMEOUT_SECONDS,
      Retry: [PUBLISH_RETRY],
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          ResultPath: '$.publishError',
          Next: 'ProvisioningFailed',
        },
      ],
      Next: 'ProvisioningFailed',
    },
    ProvisioningFailed: {
      Type: 'Fail',
      Comment: 'Named failure: fix the cause and start a new execution (see docs/errors.md)',
      ErrorPath: '$.error.Error',
      CausePath: '$.error.Cause',
    },
  };
  return {
    // Part of the deployed ASL, kept as is (the generator is this module and tools/cli/gen-asl.ts).
    Comment:
      'AD certificate-connector provisioning. GENERATED by tools/cli/gen-asl.ts from src/workflow/: do not edit by hand (npm run gen:asl).',
    StartAt: 'ValidateRequest',
    States: states,
  };
}

export const renderDefinition = (def: Definition = buildDefinition()): string => `${JSON.stringify(def, null, 2)}\n`;

/** Lambda Task states must be exactly the catalog's TASK_STATES. */
export function lambdaTaskStates(def: Definition): string[] {
  return Object.entries(def.States)
    .filter(([, s]) => s.Type === 'Task' && String(s['Resource']).endsWith('FunctionArn}'))
    .map(([name]) => name);
}

