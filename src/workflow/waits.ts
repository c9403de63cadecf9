/**
 * The resources the workflow waits for. Each is polled by ONE Lambda Task that polls once per attempt:
 *  - ready (Active / ACTIVE): returns the resource's state document, and the workflow goes on;
 *  - in progress: throws `notReady`, which the Task's own Retry (the `poll` group of retry-policies.ts) retries after
 *    its `pollIntervalSeconds`, so a poll costs one state transition (a Wait → Task → Choice loop costs three);
 *  - terminal: throws `failed` (caught into the failure path, the reason in the cause);
 *  - past the deadline the create step wrote into the state document: throws `timeout` (caught).
 * The ASL builder, the local engine (its `detections`) and the docs read this list: adding a waited resource is an
 * entry here, its catalog rows (catalog.ts) and its create and poll handlers.
 */
import type { TaskStateName } from './catalog.ts';

/**
 * The request's Options.DirectoryTimeoutMinutes and Options.ConnectorTimeoutMinutes (src/domain/validate.ts checks
 * them): how long the workflow waits for the directory, and for each connector-side resource (Directory Service Data
 * access included: it is turned on only for the connector's access entries).
 */
export const DIRECTORY_TIMEOUT_MINUTES = { min: 10, max: 180, default: 60 } as const;
export const CONNECTOR_TIMEOUT_MINUTES = { min: 5, max: 120, default: 30 } as const;

/**
 * Seconds between two polls: the directory's, and that of every wait after it (Directory Service Data access, the
 * directory registration, the connector, its SPN). The cheapest pair `npm run bench` finds within its goals
 * (tools/bench/detection.ts GOALS; candidates and figures: docs/performance.md).
 */
export const DIRECTORY_POLL_INTERVAL_SECONDS = 50;
export const CONNECTOR_POLL_INTERVAL_SECONDS = 30;

export type WaitedResourceName = 'directory' | 'directoryDataAccess' | 'directoryRegistration' | 'connector' | 'servicePrincipalName';

export interface WaitedResource {
  resource: WaitedResourceName;
  /** The Task that creates or adopts it and writes its state document (with the Deadline). */
  createState: TaskStateName;
  /** The Task that polls it. */
  pollState: TaskStateName;
  /** The longest wait a request can set for it (the maximum of its timeout option), in seconds. */
  longestWaitSeconds: number;
  /** Seconds between two of its polls (its poll retrier's interval, retry-policies.ts pollPolicy). */
  pollIntervalSeconds: number;
  /** Where its state document lives in the execution state; the poll Task reads it and writes it back there. */
  resultPath: `$.${string}`;
  /** The key of the poll Task's input that carries the state document. */
  inputKey: string;
  /** The field of the state document that identifies the resource. */
  idField: string;
  /** Error names the poll handler throws (project error classes, src/domain/errors.ts). */
  notReady: string;
  failed: string;
  timeout: string;
}

export const WAITED_RESOURCES: readonly WaitedResource[] = [
  {
    resource: 'directory',
    createState: 'CreateDirectory',
    pollState: 'GetDirectoryStage',
    longestWaitSeconds: DIRECTORY_TIMEOUT_MINUTES.max * 60,
    pollIntervalSeconds: DIRECTORY_POLL_INTERVAL_SECONDS,
    resultPath: '$.directory',
    inputKey: 'Directory',
    idField: 'DirectoryId',
    notReady: 'DirectoryNotReadyError',
    failed: 'DirectoryFailed',
    timeout: 'DirectoryActivationTimeoutError',
  },
  {
    // Directory Service Data access, turned on for requests that name groups by GroupName (ResolveGroups needs it).
    resource: 'directoryDataAccess',
    createState: 'EnableDirectoryDataAccess',
    pollState: 'GetDirectoryDataAccessStatus',
    longestWaitSeconds: CONNECTOR_TIMEOUT_MINUTES.max * 60,
    pollIntervalSeconds: CONNECTOR_POLL_INTERVAL_SECONDS,
    resultPath: '$.dataAccess',
    inputKey: 'DataAccess',
    idField: 'DirectoryId',
    notReady: 'DirectoryDataAccessNotReadyError',
    failed: 'DirectoryDataAccessFailed',
    timeout: 'DirectoryDataAccessTimeoutError',
  },
  {
    resource: 'directoryRegistration',
    createState: 'CreateDirectoryRegistration',
    pollState: 'GetDirectoryRegistrationStatus',
    longestWaitSeconds: CONNECTOR_TIMEOUT_MINUTES.max * 60,
    pollIntervalSeconds: CONNECTOR_POLL_INTERVAL_SECONDS,
    resultPath: '$.registration',
    inputKey: 'Registration',
    idField: 'DirectoryRegistrationArn',
    notReady: 'DirectoryRegistrationNotReadyError',
    failed: 'DirectoryRegistrationFailed',
    timeout: 'DirectoryRegistrationActivationTimeoutError',
  },
  {
    resource: 'connector',
    createState: 'CreateConnector',
    pollState: 'GetConnectorStatus',
    longestWaitSeconds: CONNECTOR_TIMEOUT_MINUTES.max * 60,
    pollIntervalSeconds: CONNECTOR_POLL_INTERVAL_SECONDS,
    resultPath: '$.connector',
    inputKey: 'Connector',
    idField: 'ConnectorArn',
    notReady: 'ConnectorNotReadyError',
    failed: 'ConnectorFailed',
    timeout: 'ConnectorActivationTimeoutError',
  },
  {
    resource: 'servicePrincipalName',
    createState: 'CreateServicePrincipalName',
    pollState: 'GetServicePrincipalNameStatus',
    longestWaitSeconds: CONNECTOR_TIMEOUT_MINUTES.max * 60,
    pollIntervalSeconds: CONNECTOR_POLL_INTERVAL_SECONDS,
    resultPath: '$.spn',
    inputKey: 'ServicePrincipalName',
    idField: 'ConnectorArn',
    notReady: 'ServicePrincipalNameNotReadyError',
    failed: 'ServicePrincipalNameFailed',
    timeout: 'ServicePrincipalNameActivationTimeoutError',
  },
];

export const NOT_READY_ERRORS: readonly string[] = WAITED_RESOURCES.map((w) => w.notReady);

/**
 * Not-ready errors of Tasks that wait briefly by their ordinary Retry instead of a poll Task (the CA share's principal
 * association): like a poll's not-ready error, how a normal run ends an attempt, so neither a failure nor a metric.
 */
export const SHORT_WAIT_ERRORS: readonly string[] = ['ResourceShareNotReadyError'];

export const waitedResource = (resource: WaitedResourceName): WaitedResource => {
  const found = WAITED_RESOURCES.find((w) => w.resource === resource);
  if (!found) throw new Error(`no waited resource ${resource}`);
  return found;
};
