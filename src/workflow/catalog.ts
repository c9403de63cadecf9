/**
 * The error catalog: per Task state of both machines (statemachine/provision.asl.json, statemachine/teardown.asl.json),
 * every error name the ASL retries or catches, with its rerun remedy. The definition builders (definition.ts,
 * teardown-definition.ts), the docs generator and the tests read it.
 *
 * Each row says, for one error name at one Task state, whether Step Functions retries it or catches it into the
 * named failure path, and how a failed execution is rerun:
 *  - `redrive`: transient errors are retried; once the retries are exhausted the error is left UNCAUGHT, so the
 *    execution fails at that Task and a console/API redrive re-runs exactly that Task (same execution ARN, so the
 *    same ClientToken, and find-or-create for the directory).
 *  - `new-execution`: caught errors route to PublishFailedEvent -> ProvisioningFailed (the teardown's to its own
 *    Fail state, TeardownFailed). Redriving that would only re-run the Fail state, so the remedy is to fix the cause
 *    and start a new execution with the (corrected) input; find-or-create and connector adoption make that safe and
 *    fast.
 */

export type Handling = 'retry' | 'catch' | 'retry-then-catch';
export type Rerun = 'redrive' | 'new-execution';

export const TASK_STATES = [
  'ValidateRequest',
  'AcquireChangeLease',
  'PlanChanges',
  'CreateDirectory',
  'GetDirectoryStage',
  'EnableDirectoryDataAccess',
  'GetDirectoryDataAccessStatus',
  'ResolveGroups',
  'ShareCertificateAuthority',
  'CreateDirectoryRegistration',
  'GetDirectoryRegistrationStatus',
  'CreateConnector',
  'GetConnectorStatus',
  'CreateServicePrincipalName',
  'GetServicePrincipalNameStatus',
  'CreateTemplates',
  'RecordProvisioning',
] as const;
export type TaskStateName = (typeof TASK_STATES)[number];

/* ---------------- names Step Functions raises itself, or that states name ---------------- */

/** Lambda service errors (and the task timeout) retried on every Lambda task. */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.Unknown',
  'Sandbox.Timedout',
  'States.Timeout',
] as const;

/**
 * SDK transport failures of a handler's own AWS calls, renamed by the task handler wrapper
 * (src/lib/transport-errors.ts): retried on every Lambda task. A maybe-sent create is safe to retry because the
 * retried step finds what the lost call did (find-or-create, the creation lease, the connector's ClientToken).
 */
export const TRANSPORT_ERRORS = ['TransportNotSentError', 'TransportMaybeSentError'] as const;

/* ---------------- the catalog ---------------- */

export interface ErrorRow {
  name: string;
  /** The Task state whose Retry/Catch names it (state names are unique across both state machines). */
  state: CatalogStateName;
  /** Where it comes from (AWS operation, or `own`/`Lambda`). */
  source: string;
  handling: Handling;
  rerun: Rerun;
  /** What the user should do. */
  remedy: string;
}

const lambdaRows: ErrorRow[] = TASK_STATES.flatMap((state) =>
  LAMBDA_TRANSIENT_ERRORS.map((name) => ({
    name,
    state,
    source: name.startsWith('States.') ? 'Step Functions (task timeout)' : 'Lambda service',
    handling: 'retry' as const,
    rerun: 'redrive' as const,
    remedy: 'Transient; retried with backoff. If retries are exhausted, redrive the execution.',
  })),
);

const transportRows: ErrorRow[] = TASK_STATES.flatMap((state) =>
  TRANSPORT_ERRORS.map((name) => ({
    name,
    state,
    source: name === 'TransportNotSentError'
      ? 'AWS SDK transport: connection refused, DNS failure, unreachable, connection timeout (nothing sent)'
      : 'AWS SDK transport: connection reset, broken pipe, socket timeout, response cut off (may have been sent)',
    handling: 'retry' as const,
    rerun: 'redrive' as const,
    remedy: name === 'TransportNotSentError'
      ? 'Network problem between the function and the AWS endpoint; retried. If retries are exhausted, check the VPC routes, endpoints and DNS of the functions, then redrive.'
      : 'Network problem after the request may have reached AWS; retried, and the retry finds what the call did (nothing is created twice). If retries are exhausted, redrive.',
  })),
);

const row = (
  name: string,
  state: CatalogStateName,
  source: string,
  handling: Handling,
  remedy: string,
): ErrorRow => ({ name, state, source, handling, rerun: handling === 'retry' ? 'redrive' : 'new-execution', remedy });

/**
 * Directory Service models no throttling error: a throttled call is believed to come back as ClientException "Rate
 * exceeded" (DirectoryServiceThrottledError, src/domain/ds-errors.ts), but that is unverified, so every Task that
 * calls Directory Service also retries a ThrottlingException (both rows cost nothing).
 */
const DS_THROTTLING = 'DS, if it names a throttle ThrottlingException (unverified)';

const NEW_EXEC = 'then start a new execution with the same input (the directory/connector are adopted, not duplicated)';

/* ---------------- the teardown state machine (statemachine/teardown.asl.json) ---------------- */

/**
 * The Lambda Task states of the teardown workflow. Their names differ from every provisioning state, so one
 * catalog serves both machines: a row's state says which machine it belongs to (`machineOf`).
 */
export const TEARDOWN_TASK_STATES = [
  'DiscoverResources',
  'AcquireTeardownLease',
  'DeleteConnectors',
  'DeleteDirectories',
  'DeletePasswordSecret',
  'RecordTeardown',
] as const;
export type TeardownStateName = (typeof TEARDOWN_TASK_STATES)[number];
export type CatalogStateName = TaskStateName | TeardownStateName;
export type MachineName = 'provision' | 'teardown';

export const machineOf = (state: CatalogStateName): MachineName =>
  (TEARDOWN_TASK_STATES as readonly string[]).includes(state) ? 'teardown' : 'provision';

const RERUN_TEARDOWN = 'start the teardown again with the same input (what is gone counts as done)';

/** The Tasks that take a directory's change lease (one change at a time per directory: src/domain/change-lease.ts). */
export const CHANGE_LEASE_STATES = ['AcquireChangeLease', 'AcquireTeardownLease'] as const;
/** The Tasks that write the provisioning record and release the change lease at an execution's end. */
export const RECORD_STATES = ['RecordProvisioning', 'RecordTeardown'] as const;

/**
 * The rows of a change lease Task: the conditional writes on the coordination table, DescribeExecution of the holder,
 * and the registration in the provisioning record (DynamoDB GetItem/UpdateItem/PutItem on the records table).
 */
const changeLeaseRows = (state: (typeof CHANGE_LEASE_STATES)[number], rerun: string): ErrorRow[] => [
  row('ConcurrentChangeError', state, 'own (the directory\'s change lease is held by another running execution)', 'catch',
    `Another provisioning, update or teardown of this directory is running (the cause names it; GET /provisionings/{id} or npm run executions -- show <its ARN> follows it). Nothing was changed: wait until it ends, then ${rerun}.`),
  row('ProvisionedThroughputExceededException', state, 'DynamoDB (coordination or records table, throttled)', 'retry', 'Transient; retried. Redrive if exhausted (taking the lease again is a no-op for its holder).'),
  row('RequestLimitExceeded', state, 'DynamoDB (account throughput limit)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ThrottlingException', state, 'DynamoDB / Step Functions DescribeExecution (throttled)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InternalServerError', state, 'DynamoDB (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted (a repeated registration keeps what the first wrote).'),
  row('AccessDeniedException', state, 'DynamoDB (coordination or records table) / Step Functions DescribeExecution', 'catch',
    `Grant the ${state} role dynamodb:GetItem/PutItem on the CoordinationTable, dynamodb:GetItem/UpdateItem/PutItem on the ProvisioningRecordsTable and states:DescribeExecution on both state machines' executions (serverless.yml), then ${rerun}. Nothing was changed.`),
  row('ResourceNotFoundException', state, 'DynamoDB (a table of the stack is missing)', 'catch',
    `The coordination or records table does not exist: deploy the stack again (npm run deploy), then ${rerun}. Nothing was changed.`),
  row('ValidationException', state, 'DynamoDB UpdateItem (the provisioning record would exceed 400 KB)', 'catch',
    `The provisioning record is full (it lists every execution of the directory): read the cause, then ${rerun}. Nothing was changed.`),
];

const RECORD_NOT_WRITTEN = 'The execution ended as it would have (its output carries recordError); only its record was not written. The status change event function writes the end when it can.';

/** The rows of a record Task: DynamoDB on the records table and the coordination table (the lease's release). */
const recordRows = (state: (typeof RECORD_STATES)[number]): ErrorRow[] => [
  row('ProvisionedThroughputExceededException', state, 'DynamoDB (records table, throttled)', 'retry', 'Transient; retried (a repeated write sets the same entry). Redrive if exhausted.'),
  row('RequestLimitExceeded', state, 'DynamoDB (account throughput limit)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ThrottlingException', state, 'DynamoDB (throttled)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InternalServerError', state, 'DynamoDB (HTTP 500)', 'retry', 'Transient; retried (a repeated write sets the same entry). Redrive if exhausted.'),
  row('AccessDeniedException', state, 'DynamoDB (records table, coordination table)', 'catch',
    `${RECORD_NOT_WRITTEN} Grant the ${state} role dynamodb:GetItem/UpdateItem on the ProvisioningRecordsTable and dynamodb:DeleteItem on the CoordinationTable (serverless.yml).`),
  row('ResourceNotFoundException', state, 'DynamoDB (the records table is missing)', 'catch', `${RECORD_NOT_WRITTEN} Deploy the stack again (npm run deploy).`),
  row('ValidationException', state, 'DynamoDB UpdateItem (the provisioning record would exceed 400 KB)', 'catch', `${RECORD_NOT_WRITTEN} The record is full: read the cause.`),
];

/** Lambda and transport rows of every teardown Task: the same names and remedies as the provisioning ones. */
const teardownTransientRows = (): ErrorRow[] =>
  [...lambdaRows, ...transportRows]
    .filter((r) => r.state === 'ValidateRequest')
    .flatMap((r) => TEARDOWN_TASK_STATES.map((state) => ({ ...r, state })));

const TEARDOWN_ROWS: readonly ErrorRow[] = [
  // DiscoverResources: DescribeDirectories, DS ListTagsForResource, ListConnectors, PCA ListTagsForResource, DescribeSecret
  row('InvalidRequestError', 'DiscoverResources', 'own (the request, or Force, is invalid)', 'catch',
    'Fix every field named in the cause and start the teardown again. Nothing was deleted.'),
  row('DirectoryServiceThrottledError', 'DiscoverResources', 'DS ClientException "Rate exceeded"', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ServiceException', 'DiscoverResources', 'DS DescribeDirectories/ListTagsForResource (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InvalidNextTokenException', 'DiscoverResources', 'DS DescribeDirectories/ListTagsForResource', 'retry', 'Paging restarted on retry. Redrive if exhausted.'),
  row('ClientException', 'DiscoverResources', 'DS DescribeDirectories/ListTagsForResource', 'catch', `Read the cause, fix it, then ${RERUN_TEARDOWN}.`),
  row('InvalidParameterException', 'DiscoverResources', 'DS DescribeDirectories/ListTagsForResource, Secrets Manager DescribeSecret', 'catch',
    `Unexpected; read the cause, then ${RERUN_TEARDOWN}.`),
  row('AccessDeniedException', 'DiscoverResources', 'PCA Connector AD ListConnectors/ListDirectoryRegistrations/ListTemplates/GetServicePrincipalName/ListTagsForResource, Secrets Manager DescribeSecret', 'catch',
    `Grant the DiscoverResources role the read permissions in serverless/teardown-resources.yml, then ${RERUN_TEARDOWN}.`),
  row('ValidationException', 'DiscoverResources', 'PCA Connector AD ListConnectors/ListDirectoryRegistrations/ListTemplates/GetServicePrincipalName/ListTagsForResource', 'catch',
    `Unexpected (malformed ARN or token); read the cause, then ${RERUN_TEARDOWN}.`),
  row('ThrottlingException', 'DiscoverResources', `PCA Connector AD (HTTP 429); ${DS_THROTTLING}`, 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InternalServerException', 'DiscoverResources', 'PCA Connector AD (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InternalServiceError', 'DiscoverResources', 'Secrets Manager DescribeSecret (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),

  // DeleteConnectors: per attempt GetConnector, then DeleteConnector when it is ACTIVE/FAILED; the Retry is the poll
  row('ConnectorDeletionPendingError', 'DeleteConnectors', 'own (poll: a connector is still CREATING or DELETING)', 'retry',
    'Not a failure: polled again at a fixed interval until every connector is gone (a CREATING one is waited for, then deleted). Should the retries run out, redrive.'),
  row('ConnectorDeletionTimeoutError', 'DeleteConnectors', 'own (poll deadline)', 'catch',
    `A connector was still not gone at the deadline (the cause names it and its status). Check it in the console, then ${RERUN_TEARDOWN}.`),
  row('AccessDeniedException', 'DeleteConnectors', 'PCA Connector AD GetConnector/DeleteConnector', 'catch',
    `Grant the DeleteConnectors role pca-connector-ad:GetConnector/DeleteConnector (and ec2:DeleteVpcEndpoints, ec2:DescribeVpcEndpoints) on connectors tagged as this tool's, and the template, access-entry and SPN deletes (serverless/teardown-resources.yml), then ${RERUN_TEARDOWN}. A template someone else created on the connector is refused by IAM: delete it yourself.`),
  row('ValidationException', 'DeleteConnectors', 'PCA Connector AD GetConnector/DeleteConnector', 'catch',
    `Unexpected (malformed ARN); read the cause, then ${RERUN_TEARDOWN}.`),
  row('ConflictException', 'DeleteConnectors', 'PCA Connector AD DeleteConnector/DeleteTemplate/DeleteServicePrincipalName (HTTP 409)', 'retry',
    'Another request is changing the connector, or a template or SPN created after the discovery still hangs on it; retried. Redrive if exhausted (a new teardown discovers it).'),
  row('ThrottlingException', 'DeleteConnectors', 'PCA Connector AD (HTTP 429)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InternalServerException', 'DeleteConnectors', 'PCA Connector AD (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),

  // DeleteDirectories: per attempt DescribeDirectories, then DeleteDirectory when it is settled; the Retry is the poll
  row('DirectoryDeletionPendingError', 'DeleteDirectories', 'own (poll: a directory is still being created or Deleting)', 'retry',
    'Not a failure: polled again at a fixed interval until every directory is gone (one still being created is waited for, then deleted; with "Force": true deleted at once). Should the retries run out, redrive.'),
  row('DirectoryHasAuthorizedApplicationsError', 'DeleteDirectories', 'DS DeleteDirectory ClientException "still has authorized applications"', 'retry-then-catch',
    `Retried every minute for up to 60 minutes (AWS: after the applications are disabled, wait 30 to 60 minutes before trying again). If it persists, an application is still authorized: delete the directory registration of Connector for AD and disable any other application using the directory (the directory's Application management tab in the Directory Service console), then ${RERUN_TEARDOWN}.`),
  row('DirectoryDeletionTimeoutError', 'DeleteDirectories', 'own (poll deadline)', 'catch',
    `A directory was still not gone at the deadline (the cause names it and its stage). One that never leaves creation (Requested, Creating) is deleted at once by a teardown with "Force": true (npm start -- --teardown --force, DELETE ?force=true); otherwise check it in the console, then ${RERUN_TEARDOWN}.`),
  row('ClientException', 'DeleteDirectories', 'DS DescribeDirectories/DeleteDirectory', 'catch', `Read the cause, fix it, then ${RERUN_TEARDOWN}.`),
  row('InvalidParameterException', 'DeleteDirectories', 'DS DescribeDirectories', 'catch', `Unexpected; read the cause, then ${RERUN_TEARDOWN}.`),
  row('DirectoryServiceThrottledError', 'DeleteDirectories', 'DS ClientException "Rate exceeded"', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ServiceException', 'DeleteDirectories', 'DS DescribeDirectories/DeleteDirectory (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InvalidNextTokenException', 'DeleteDirectories', 'DS DescribeDirectories', 'retry', 'Transient; retried. Redrive if exhausted.'),

  // DeleteDirectories, first part: GetDirectoryRegistration / DeleteDirectoryRegistration (PCA Connector AD)
  row('AccessDeniedException', 'DeleteDirectories', 'PCA Connector AD GetDirectoryRegistration/DeleteDirectoryRegistration', 'catch',
    `Grant the DeleteDirectories role pca-connector-ad:GetDirectoryRegistration/DeleteDirectoryRegistration (and ds:UnauthorizeApplication, ds:UpdateAuthorizedApplication) on registrations tagged as this tool's, then ${RERUN_TEARDOWN}.`),
  row('ValidationException', 'DeleteDirectories', 'PCA Connector AD GetDirectoryRegistration/DeleteDirectoryRegistration', 'catch',
    `Unexpected (malformed ARN); read the cause, then ${RERUN_TEARDOWN}.`),
  row('ConflictException', 'DeleteDirectories', 'PCA Connector AD DeleteDirectoryRegistration (HTTP 409: a connector or SPN still uses it)', 'retry',
    'Something still uses the registration (a connector of the directory being deleted); retried. If it persists, delete the other connectors of the directory, then redrive.'),
  row('ThrottlingException', 'DeleteDirectories', `PCA Connector AD (HTTP 429); ${DS_THROTTLING}`, 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InternalServerException', 'DeleteDirectories', 'PCA Connector AD (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),

  // DeletePasswordSecret: DeleteSecret with a 7-day recovery window, only for a secret POST /provisionings stored
  row('InvalidParameterException', 'DeletePasswordSecret', 'Secrets Manager DeleteSecret', 'catch', `Unexpected; read the cause, then ${RERUN_TEARDOWN}.`),
  row('InvalidRequestException', 'DeletePasswordSecret', 'Secrets Manager DeleteSecret', 'catch',
    `The secret cannot be deleted in its current state (e.g. it is a replica); read the cause, delete it by hand or ${RERUN_TEARDOWN}.`),
  row('AccessDeniedException', 'DeletePasswordSecret', 'Secrets Manager DeleteSecret', 'catch',
    `Grant the DeletePasswordSecret role secretsmanager:DeleteSecret on the password-secret prefix, then ${RERUN_TEARDOWN}.`),
  row('InternalServiceError', 'DeletePasswordSecret', 'Secrets Manager DeleteSecret (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ThrottlingException', 'DeletePasswordSecret', 'Secrets Manager DeleteSecret (throttled)', 'retry', 'Transient; retried. Redrive if exhausted.'),

  ...changeLeaseRows('AcquireTeardownLease', RERUN_TEARDOWN),
  ...recordRows('RecordTeardown'),
  ...teardownTransientRows(),
];

export const ERROR_CATALOG: readonly ErrorRow[] = [
  // ValidateRequest: schema + preflight (EC2, ACM PCA, Secrets Manager reads)
  row('InvalidRequestError', 'ValidateRequest', 'own (validation/preflight)', 'catch',
    'Fix every field named in the cause and start a new execution with the corrected input. Nothing was created.'),
  row('AccessDeniedException', 'ValidateRequest', 'Secrets Manager / ACM PCA', 'catch',
    `The secret must be named under the deployment's password-secret prefix (a customer managed key must let the role decrypt it), and the CA must be in this account; then ${NEW_EXEC.replace(/^then /, '')}.`),
  row('UnauthorizedOperation', 'ValidateRequest', 'EC2 Describe*', 'catch',
    `Grant the ValidateRequest role ec2:Describe* on the VPC resources, ${NEW_EXEC}.`),
  row('ThrottlingException', 'ValidateRequest', `Secrets Manager / ACM PCA; ${DS_THROTTLING}`, 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('RequestLimitExceeded', 'ValidateRequest', 'EC2 Describe*', 'retry', 'Transient; retried. Redrive if exhausted.'),
  // 5xx of the preflight reads: transient (without these rows they failed the execution uncaught)
  row('InternalServiceError', 'ValidateRequest', 'Secrets Manager (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InternalError', 'ValidateRequest', 'EC2 Describe* (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InternalFailure', 'ValidateRequest', 'ACM PCA (HTTP 500, AWS common error)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ServiceUnavailable', 'ValidateRequest', 'EC2 / Secrets Manager / ACM PCA (HTTP 503, AWS common error)', 'retry',
    'Transient; retried. Redrive if exhausted.'),
  // A directory named by DirectoryId: DS DescribeDirectories (not found is a violation, not an error)
  row('ClientException', 'ValidateRequest', 'DS DescribeDirectories (a Directory named by DirectoryId)', 'catch',
    `Read the cause (e.g. the role may not describe directories), fix it, ${NEW_EXEC}.`),
  row('InvalidParameterException', 'ValidateRequest', 'DS DescribeDirectories', 'catch',
    'AWS rejected the DirectoryId (see cause); fix the input and start a new execution. Nothing was created.'),
  row('DirectoryServiceThrottledError', 'ValidateRequest', 'DS ClientException "Rate exceeded"', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ServiceException', 'ValidateRequest', 'DS DescribeDirectories (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),

  // AcquireChangeLease: the directory's change lease, then the execution in the provisioning record
  ...changeLeaseRows('AcquireChangeLease', 'start a new execution with the same input'),

  // PlanChanges: reads what exists (DS DescribeDirectories/ListTagsForResource, PCA Connector AD List*/Get*/ListTagsForResource,
  // RAM GetResourceShareAssociations/GetResourceShares) and diffs the request against it; writes nothing
  row('PlanConflictError', 'PlanChanges', 'own (the plan: an existing resource differs in a field only a replacement changes)', 'catch',
    'The cause names every such field (requested vs existing) with its remedy; nothing was written. Put the existing values back in the request (npm start -- --plan or POST /provisionings?dryRun=true shows the plan), or remove what differs (the teardown: docs/teardown.md) and start a new execution.'),
  row('InvalidRequestError', 'PlanChanges', 'own (the execution input, checked again)', 'catch',
    'Fix every field named in the cause and start a new execution with the corrected input. Nothing was written.'),
  row('DirectoryServiceThrottledError', 'PlanChanges', 'DS ClientException "Rate exceeded"', 'retry', 'Transient; retried. Redrive if exhausted (nothing was written).'),
  row('ServiceException', 'PlanChanges', 'DS DescribeDirectories/ListTagsForResource (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted (nothing was written).'),
  row('InvalidNextTokenException', 'PlanChanges', 'DS DescribeDirectories/ListTagsForResource, RAM GetResourceShares/GetResourceShareAssociations', 'retry',
    'Paging restarted on retry. Redrive if exhausted.'),
  row('ClientException', 'PlanChanges', 'DS DescribeDirectories/ListTagsForResource/DescribeDirectoryDataAccess', 'catch', `Read the cause, fix it, ${NEW_EXEC}.`),
  row('DirectoryDoesNotExistException', 'PlanChanges', 'DS DescribeDirectoryDataAccess (the directory went between two reads)', 'catch',
    'The directory was deleted while the plan was read; start a new execution (it plans the directory as new).'),
  row('DirectoryUnavailableException', 'PlanChanges', 'Directory Service Data DescribeGroup (the directory\'s state, e.g. DIRECTORY_TIMEOUT)', 'retry',
    'Transient; retried. Redrive if exhausted (nothing was written).'),
  row('InvalidParameterException', 'PlanChanges', 'DS DescribeDirectories/ListTagsForResource, RAM GetResourceShares/GetResourceShareAssociations', 'catch',
    'Unexpected; read the cause and start a new execution.'),
  row('AccessDeniedException', 'PlanChanges', 'PCA Connector AD List*/Get*/ListTagsForResource, Directory Service Data DescribeGroup, RAM (common error)', 'catch',
    `Grant the PlanChanges role the reads in serverless.yml (ds:DescribeDirectories/ListTagsForResource/DescribeDirectoryDataAccess, ds-data:DescribeGroup with ds:AccessDSData, pca-connector-ad List*/Get*/ListTagsForResource, ram:GetResourceShares/GetResourceShareAssociations/ListResourceSharePermissions), ${NEW_EXEC}.`),
  row('ValidationException', 'PlanChanges', 'PCA Connector AD List*/Get*/ListTagsForResource, Directory Service Data DescribeGroup', 'catch', 'Unexpected (malformed ARN or token); read the cause and start a new execution.'),
  row('ThrottlingException', 'PlanChanges', `PCA Connector AD, Directory Service Data (HTTP 429); ${DS_THROTTLING}`, 'retry', 'Transient; retried. Redrive if exhausted (nothing was written).'),
  row('InternalServerException', 'PlanChanges', 'PCA Connector AD, Directory Service Data (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted (nothing was written).'),
  row('ServerInternalException', 'PlanChanges', 'RAM (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted (nothing was written).'),
  row('ServiceUnavailableException', 'PlanChanges', 'RAM (HTTP 503)', 'retry', 'Transient; retried. Redrive if exhausted (nothing was written).'),
  row('OperationNotPermittedException', 'PlanChanges', 'RAM GetResourceShareAssociations', 'catch', 'RAM refused the read (see cause); start a new execution once fixed.'),
  row('MalformedArnException', 'PlanChanges', 'RAM GetResourceShares/GetResourceShareAssociations', 'catch',
    'Unexpected (a malformed ARN passed validation); read the cause and start a new execution.'),
  row('UnknownResourceException', 'PlanChanges', 'RAM GetResourceShareAssociations (the CA)', 'catch',
    'RAM does not know the CA (see cause); check Connector.CertificateAuthorityArn and the Region, then start a new execution.'),

  // CreateDirectory: find-or-create (DescribeDirectories, then CreateDirectory / CreateMicrosoftAD / ConnectDirectory)
  row('DirectoryLimitExceededException', 'CreateDirectory', 'DS CreateDirectory/CreateMicrosoftAD/ConnectDirectory', 'catch',
    `Delete an unused directory or raise the quota, ${NEW_EXEC}.`),
  row('InvalidParameterException', 'CreateDirectory', 'DS CreateDirectory/CreateMicrosoftAD/ConnectDirectory/DescribeDirectories', 'catch',
    'AWS rejected a parameter validation could not check (see cause); fix the input and start a new execution.'),
  row('ValidationException', 'CreateDirectory', 'AWS request validation (common error; moto and the emulator return it too)', 'catch',
    'A field broke a documented constraint ValidateRequest should have caught (see cause); fix the input and start a new execution.'),
  row('ClientException', 'CreateDirectory', 'DS CreateDirectory/CreateMicrosoftAD/ConnectDirectory', 'catch',
    `Read the cause (e.g. subnets in unsupported AZs, insufficient IPs), fix it, ${NEW_EXEC}.`),
  row('UnsupportedOperationException', 'CreateDirectory', 'DS CreateMicrosoftAD', 'catch',
    'The directory type/edition is not available in this Region/account; change the input and start a new execution.'),
  row('DirectoryConflictError', 'CreateDirectory', 'own (find-or-create: the existing directory does not match the request)', 'catch',
    'A directory with this Name already exists in the VPC but differs in type, Size/Edition, ShortName or subnets (the cause lists each field, requested vs existing); nothing was created. Change the request to match it, or use another Name, or delete it (the teardown with the input that created it: docs/teardown.md), then start a new execution.'),
  row('DirectoryServiceThrottledError', 'CreateDirectory', 'DS ClientException "Rate exceeded"', 'retry',
    'Transient; retried. Redrive if exhausted (find-or-create adopts a directory a lost response created).'),
  row('ServiceException', 'CreateDirectory', 'DS (HTTP 500)', 'retry',
    'Transient; retried. Redrive if exhausted (find-or-create adopts a directory a lost response created).'),
  row('InvalidNextTokenException', 'CreateDirectory', 'DS DescribeDirectories', 'retry',
    'Paging restarted on retry. Redrive if exhausted.'),
  row('InvalidRequestError', 'CreateDirectory', 'own (password secret re-checked before use)', 'catch',
    'The password secret changed after validation and is now unusable or too weak (the cause names the rule, never the value); fix the secret and start a new execution.'),
  row('ResourceNotFoundException', 'CreateDirectory', 'Secrets Manager GetSecretValue', 'catch',
    'The password secret was deleted after validation; recreate it and start a new execution.'),
  // Throttles: a throttled call did nothing (find-or-create adopts what an earlier call created)
  row('ThrottlingException', 'CreateDirectory', `Secrets Manager GetSecretValue / DynamoDB PutItem on the coordination table (throttled); ${DS_THROTTLING}`, 'retry',
    'Transient; retried. Redrive if exhausted (a throttled call did nothing; find-or-create adopts what an earlier one created).'),
  row('InternalServiceError', 'CreateDirectory', 'Secrets Manager GetSecretValue (HTTP 500)', 'retry',
    'Transient; retried. Redrive if exhausted (nothing was created before the password was read).'),

  // The request's tags on an adopted directory (AddTagsToResource)
  row('TagLimitExceededException', 'CreateDirectory', 'DS AddTagsToResource (the directory would have more than 50 tags)', 'catch',
    'The adopted directory cannot take the request\'s tags without passing Directory Service\'s tag limit; remove tags from it (aws ds remove-tags-from-resource) or from the request, then start a new execution. Nothing else was changed.'),
  row('EntityDoesNotExistException', 'CreateDirectory', 'DS AddTagsToResource (the adopted directory was deleted meanwhile)', 'catch',
    'The directory was deleted outside this workflow while it was being adopted; start a new execution to create it again.'),

  // The creation lease (DynamoDB PutItem on CoordinationTable, taken only when there is nothing to adopt)
  row('DirectoryCreationInProgressError', 'CreateDirectory', 'own (creation lease held by another execution)', 'retry',
    'Another execution is creating the same directory; retried until it appears, then adopted (or until a crashed holder\'s 15-minute lease lapses, then created). Redrive if exhausted.'),
  row('ProvisionedThroughputExceededException', 'CreateDirectory', 'DynamoDB PutItem (coordination table, throttled)', 'retry',
    'Transient; retried. Redrive if exhausted (nothing was created before the lease was taken).'),
  row('RequestLimitExceeded', 'CreateDirectory', 'DynamoDB PutItem (account throughput limit)', 'retry',
    'Transient; retried. Redrive if exhausted (nothing was created before the lease was taken).'),
  row('InternalServerError', 'CreateDirectory', 'DynamoDB PutItem (HTTP 500)', 'retry',
    'Transient; retried. Redrive if exhausted (the same execution re-acquires its own lease).'),
  row('AccessDeniedException', 'CreateDirectory', 'DynamoDB PutItem (coordination table)', 'catch',
    `Grant the CreateDirectory role dynamodb:PutItem on the CoordinationTable, ${NEW_EXEC}.`),

  // GetDirectoryStage: one DescribeDirectories per attempt; the Task's Retry is the poll loop (src/workflow/waits.ts)
  row('DirectoryNotReadyError', 'GetDirectoryStage', 'own (poll: the directory is still being created)', 'retry',
    'Not a failure: the directory is polled again at a fixed interval until it is Active, reaches a terminal stage or passes its deadline (DirectoryActivationTimeoutError comes first). Should the retries ever run out, redrive: the poll resumes with the same deadline.'),
  row('DirectoryFailed', 'GetDirectoryStage', 'own (poll: terminal stage Failed/Impaired/Inoperable/RestoreFailed/Deleting/Deleted, or an unknown one)', 'catch',
    'The directory reached a terminal stage (the cause names it and its StageReason). Delete it (the teardown with the same input does: docs/teardown.md), then start a new execution.'),
  row('EntityDoesNotExistException', 'GetDirectoryStage', 'DS DescribeDirectories', 'catch',
    'The directory was deleted outside this workflow; start a new execution to create it again.'),
  row('InvalidParameterException', 'GetDirectoryStage', 'DS DescribeDirectories', 'catch',
    'Unexpected; read the cause and start a new execution.'),
  row('ClientException', 'GetDirectoryStage', 'DS DescribeDirectories', 'catch',
    `Read the cause, fix it, ${NEW_EXEC}.`),
  row('DirectoryServiceThrottledError', 'GetDirectoryStage', 'DS ClientException "Rate exceeded"', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ThrottlingException', 'GetDirectoryStage', DS_THROTTLING, 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ServiceException', 'GetDirectoryStage', 'DS (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InvalidNextTokenException', 'GetDirectoryStage', 'DS DescribeDirectories', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('DirectoryActivationTimeoutError', 'GetDirectoryStage', 'own (poll deadline)', 'catch',
    'The directory was still being created at the deadline. Start a new execution with the same input (it adopts the directory and resumes polling), or raise Options.DirectoryTimeoutMinutes.'),

  // EnableDirectoryDataAccess (only when an access entry names a group by GroupName): DescribeDirectoryDataAccess,
  // then EnableDirectoryDataAccess when it is Disabled or Failed
  row('DirectoryDoesNotExistException', 'EnableDirectoryDataAccess', 'DS DescribeDirectoryDataAccess/EnableDirectoryDataAccess', 'catch',
    'The directory was deleted outside this workflow; start a new execution to create it again.'),
  row('DirectoryUnavailableException', 'EnableDirectoryDataAccess', 'DS EnableDirectoryDataAccess', 'retry',
    'The directory cannot take the change now (e.g. it is being updated); retried. If retries are exhausted, check the directory in the console, then redrive.'),
  row('UnsupportedOperationException', 'EnableDirectoryDataAccess', 'DS DescribeDirectoryDataAccess/EnableDirectoryDataAccess', 'catch',
    'Directory Service Data is not available for this directory (its type, or a Region or additional Region where it is not offered): name the groups by GroupSecurityIdentifier (and GroupDisplayName) instead, then start a new execution.'),
  row('DirectoryInDesiredStateException', 'EnableDirectoryDataAccess', 'DS EnableDirectoryDataAccess', 'catch',
    'Directory Service refused to enable Directory Data access as already enabled, yet does not report it Enabled or Enabling (the cause names the status it reports); check the directory\'s "User and group management" in the console, then start a new execution.'),
  row('AccessDeniedException', 'EnableDirectoryDataAccess', 'DS DescribeDirectoryDataAccess/EnableDirectoryDataAccess', 'catch',
    `Grant the EnableDirectoryDataAccess role ds:DescribeDirectoryDataAccess and ds:EnableDirectoryDataAccess on the directory (serverless.yml), ${NEW_EXEC}.`),
  row('ClientException', 'EnableDirectoryDataAccess', 'DS DescribeDirectoryDataAccess/EnableDirectoryDataAccess', 'catch',
    `Read the cause, fix it, ${NEW_EXEC}.`),
  row('DirectoryServiceThrottledError', 'EnableDirectoryDataAccess', 'DS ClientException "Rate exceeded"', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ThrottlingException', 'EnableDirectoryDataAccess', DS_THROTTLING, 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ServiceException', 'EnableDirectoryDataAccess', 'DS (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted (the step reads the status before it asks again).'),

  // GetDirectoryDataAccessStatus: one DescribeDirectoryDataAccess per attempt; the Task's Retry is the poll loop
  row('DirectoryDataAccessNotReadyError', 'GetDirectoryDataAccessStatus', 'own (poll: Directory Data access is Enabling, or not yet reported on)', 'retry',
    'Not a failure: polled again at a fixed interval until Enabled, Failed or past its deadline. Should the retries ever run out, redrive.'),
  row('DirectoryDataAccessFailed', 'GetDirectoryDataAccessStatus', 'own (poll: status Failed, or an unknown one)', 'catch',
    'Directory Service could not turn Directory Data access on (it gives no reason). Check the directory\'s "User and group management" in the console; a new execution with the same input asks to enable it again.'),
  row('DirectoryDataAccessTimeoutError', 'GetDirectoryDataAccessStatus', 'own (poll deadline)', 'catch',
    'Directory Data access was still not Enabled at the deadline (the cause names its status: Disabled or Disabling means someone turned it off meanwhile). Start a new execution with the same input (it asks to enable it again when it is off), or raise Options.ConnectorTimeoutMinutes.'),
  row('DirectoryDoesNotExistException', 'GetDirectoryDataAccessStatus', 'DS DescribeDirectoryDataAccess', 'catch',
    'The directory was deleted outside this workflow; start a new execution to create it again.'),
  row('UnsupportedOperationException', 'GetDirectoryDataAccessStatus', 'DS DescribeDirectoryDataAccess', 'catch',
    'Directory Service Data is not available for this directory: name the groups by GroupSecurityIdentifier (and GroupDisplayName) instead, then start a new execution.'),
  row('AccessDeniedException', 'GetDirectoryDataAccessStatus', 'DS DescribeDirectoryDataAccess', 'catch',
    `Grant the GetDirectoryDataAccessStatus role ds:DescribeDirectoryDataAccess on the directory, ${NEW_EXEC}.`),
  row('ClientException', 'GetDirectoryDataAccessStatus', 'DS DescribeDirectoryDataAccess', 'catch', `Read the cause, fix it, ${NEW_EXEC}.`),
  row('DirectoryServiceThrottledError', 'GetDirectoryDataAccessStatus', 'DS ClientException "Rate exceeded"', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ThrottlingException', 'GetDirectoryDataAccessStatus', DS_THROTTLING, 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ServiceException', 'GetDirectoryDataAccessStatus', 'DS (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),

  // ResolveGroups: DescribeGroup for every group named by GroupName; CreateGroup (with a ClientToken) for the missing
  // ones an entry asks to create; nothing is created unless every other group exists
  row('GroupNotFoundError', 'ResolveGroups', 'own (DS Data DescribeGroup: ResourceNotFoundException for a group no entry asks to create)', 'catch',
    'The directory has no group of that name (the cause names each one and the directory; names are sAMAccountNames, e.g. "Domain Computers"). Fix the GroupName, create the group, or add "CreateGroup": true to the entry, then start a new execution. No group and no template was created.'),
  row('InvalidRequestError', 'ResolveGroups', 'own (two entries of a template resolve to the same group: a name and its SID)', 'catch',
    'Give each group one entry per template (the cause names both entries), then start a new execution. No template was created.'),
  row('DirectoryDataDisabledError', 'ResolveGroups', 'Directory Service Data AccessDeniedException, Reason DATA_DISABLED', 'retry-then-catch',
    'Retried briefly (Directory Data access can take a moment to reach Directory Service Data once Enabled). If it persists, access was turned off meanwhile: start a new execution, which enables it again.'),
  row('AccessDeniedException', 'ResolveGroups', 'Directory Service Data DescribeGroup/CreateGroup (Reason IAM_AUTH or DIRECTORY_AUTH)', 'catch',
    `Grant the ResolveGroups role ds-data:DescribeGroup, ds-data:CreateGroup and ds:AccessDSData on the directory (serverless.yml); DIRECTORY_AUTH: a group outside the directory's own OU cannot be created this way. Then ${NEW_EXEC.replace(/^then /, '')}.`),
  row('ValidationException', 'ResolveGroups', 'Directory Service Data DescribeGroup/CreateGroup', 'catch',
    'Directory Service Data rejected the request (the cause names its Reason, e.g. INVALID_DIRECTORY_TYPE); fix the input, then start a new execution.'),
  row('ResourceNotFoundException', 'ResolveGroups', 'Directory Service Data DescribeGroup (after CreateGroup answered ConflictException: the group exists but is not visible yet)', 'retry-then-catch',
    'Retried briefly (a group just created by another request can take a moment to be readable); if it persists, start a new execution.'),
  row('ConflictException', 'ResolveGroups', 'Directory Service Data CreateGroup (HTTP 409)', 'catch',
    'Unexpected: the step reads the group again after a conflict. Read the cause (the ClientToken is derived from the execution and the group name), then start a new execution.'),
  row('DirectoryUnavailableException', 'ResolveGroups', 'Directory Service Data DescribeGroup/CreateGroup (the directory\'s state, e.g. DIRECTORY_TIMEOUT)', 'retry',
    'The directory could not answer (the cause names the Reason); retried. If retries are exhausted, check the directory\'s health in the console, then redrive.'),
  row('ThrottlingException', 'ResolveGroups', 'Directory Service Data (HTTP 429)', 'retry',
    'Transient; retried. Redrive if exhausted: groups are read before they are created, and CreateGroup carries a ClientToken.'),
  row('InternalServerException', 'ResolveGroups', 'Directory Service Data (HTTP 500)', 'retry',
    'Transient; retried. Redrive if exhausted: groups are read before they are created, and CreateGroup carries a ClientToken.'),

  // ShareCertificateAuthority: find-or-create the AWS RAM share of the CA with pca-connector-ad.amazonaws.com
  // (GetResourceShareAssociations, GetResourceShares, ListResourceSharePermissions; the share creation lease, DynamoDB
  // PutItem/DeleteItem; CreateResourceShare with a clientToken derived from its parameters)
  row('ResourceShareNotReadyError', 'ShareCertificateAuthority', 'own (the share\'s association with pca-connector-ad.amazonaws.com is still ASSOCIATING)', 'retry',
    'Not a failure: tried again shortly (the share is found, not created twice). If the retries run out, redrive.'),
  row('ResourceShareCreationInProgressError', 'ShareCertificateAuthority', 'own (share creation lease of the CA held by another execution)', 'retry',
    'Another execution is sharing the same CA; retried until its share appears, then adopted (or until a crashed holder\'s 15-minute lease lapses, then created). Redrive if exhausted.'),
  row('ResourceShareConflictError', 'ShareCertificateAuthority', 'own (the CA is shared with pca-connector-ad.amazonaws.com only with another RAM permission)', 'catch',
    'The cause names each share and the permission it grants; Connector for AD needs AWSRAMBlankEndEntityCertificateAPIPassthroughIssuanceCertificateAuthority. Replace that share\'s permission for the CA with it (RAM console, or aws ram associate-resource-share-permission --replace), or remove pca-connector-ad.amazonaws.com from that share (aws ram disassociate-resource-share) so that a new execution creates its own; then start a new execution. Nothing was created.'),
  row('ResourceShareTokenExhaustedError', 'ShareCertificateAuthority', 'own (every clientToken tried met a share that no longer exists, or other parameters)', 'catch',
    'Unexpected (RAM answered each clientToken with a deleted share or IdempotentParameterMismatchException; the cause lists them). Start a new execution (new clientTokens).'),
  row('ThrottlingException', 'ShareCertificateAuthority', 'RAM CreateResourceShare / DynamoDB PutItem on the coordination table (throttled)', 'retry',
    'Transient; retried. Redrive if exhausted: the clientToken is derived from the request, so the same share.'),
  row('ServerInternalException', 'ShareCertificateAuthority', 'RAM (HTTP 500)', 'retry',
    'Transient; retried. Redrive if exhausted: the clientToken is derived from the request, so the same share.'),
  row('ServiceUnavailableException', 'ShareCertificateAuthority', 'RAM (HTTP 503)', 'retry',
    'Transient; retried. Redrive if exhausted: the clientToken is derived from the request, so the same share.'),
  row('InvalidNextTokenException', 'ShareCertificateAuthority', 'RAM GetResourceShares/GetResourceShareAssociations/ListResourceSharePermissions', 'retry',
    'Paging restarted on retry. Redrive if exhausted.'),
  row('ProvisionedThroughputExceededException', 'ShareCertificateAuthority', 'DynamoDB PutItem (coordination table, throttled)', 'retry',
    'Transient; retried. Redrive if exhausted (nothing was created before the lease was taken).'),
  row('RequestLimitExceeded', 'ShareCertificateAuthority', 'DynamoDB PutItem (account throughput limit)', 'retry',
    'Transient; retried. Redrive if exhausted (nothing was created before the lease was taken).'),
  row('InternalServerError', 'ShareCertificateAuthority', 'DynamoDB PutItem (HTTP 500)', 'retry',
    'Transient; retried. Redrive if exhausted (the same execution re-acquires its own lease).'),
  row('AccessDeniedException', 'ShareCertificateAuthority', 'RAM (common error) / DynamoDB PutItem (coordination table)', 'catch',
    `Grant the ShareCertificateAuthority role ram:GetResourceShareAssociations/GetResourceShares/ListResourceSharePermissions/CreateResourceShare, acm-pca:PutPolicy on the CA and dynamodb:PutItem/DeleteItem on the CoordinationTable (serverless.yml, docs/operations.md), ${NEW_EXEC}.`),
  row('OperationNotPermittedException', 'ShareCertificateAuthority', 'RAM CreateResourceShare/GetResourceShareAssociations/ListResourceSharePermissions', 'catch',
    `RAM refused the operation (see cause, e.g. the CA is not this account's to share); share the CA with pca-connector-ad.amazonaws.com yourself, ${NEW_EXEC}.`),
  row('UnknownResourceException', 'ShareCertificateAuthority', 'RAM CreateResourceShare (the CA or the permission), ListResourceSharePermissions (a share deleted meanwhile)', 'catch',
    'RAM does not know the CA or the managed permission, or a share was deleted while it was read (see cause); check Connector.CertificateAuthorityArn and the Region, then start a new execution.'),
  row('MalformedArnException', 'ShareCertificateAuthority', 'RAM CreateResourceShare/Get*/ListResourceSharePermissions', 'catch',
    'Unexpected (a malformed ARN passed validation); read the cause and start a new execution.'),
  row('InvalidParameterException', 'ShareCertificateAuthority', 'RAM CreateResourceShare/Get*/ListResourceSharePermissions', 'catch',
    'RAM rejected a parameter (see cause); start a new execution once fixed.'),
  row('InvalidClientTokenException', 'ShareCertificateAuthority', 'RAM CreateResourceShare', 'catch',
    'Unexpected (the clientToken is a SHA-256 hex of the request); read the cause and start a new execution.'),
  row('InvalidStateTransitionException', 'ShareCertificateAuthority', 'RAM CreateResourceShare', 'catch',
    `A share of the CA is being deleted or changed (see cause); wait until it settles, ${NEW_EXEC}.`),
  row('ResourceShareLimitExceededException', 'ShareCertificateAuthority', 'RAM CreateResourceShare (quota)', 'catch',
    `Delete an unused resource share or raise the quota, ${NEW_EXEC}.`),
  row('TagPolicyViolationException', 'ShareCertificateAuthority', 'RAM CreateResourceShare (tag policy)', 'catch',
    `An organization tag policy rejects this tool's ownership tags; allow them, ${NEW_EXEC}.`),
  row('TagLimitExceededException', 'ShareCertificateAuthority', 'RAM CreateResourceShare (tags)', 'catch',
    'Unexpected (the share carries two tags); read the cause and start a new execution.'),

  // CreateDirectoryRegistration: adopt (ListDirectoryRegistrations) or create with a ClientToken from the execution ARN
  row('AccessDeniedException', 'CreateDirectoryRegistration', 'PCA Connector AD ListDirectoryRegistrations/CreateDirectoryRegistration/GetDirectoryRegistration/ListTagsForResource/TagResource', 'catch',
    `Grant the CreateDirectoryRegistration role pca-connector-ad:ListDirectoryRegistrations/CreateDirectoryRegistration/GetDirectoryRegistration/ListTagsForResource/TagResource and ds:AuthorizeApplication/DescribeDirectories (serverless.yml), ${NEW_EXEC}.`),
  row('ValidationException', 'CreateDirectoryRegistration', 'PCA Connector AD CreateDirectoryRegistration', 'catch',
    'Read Reason in the cause; fix the input and start a new execution.'),
  row('ResourceNotFoundException', 'CreateDirectoryRegistration', 'PCA Connector AD CreateDirectoryRegistration (the directory)', 'retry-then-catch',
    'Retried briefly (a directory can be invisible to Connector for AD just after it turns Active); if it persists, check the directory, then start a new execution.'),
  row('ThrottlingException', 'CreateDirectoryRegistration', 'PCA Connector AD (HTTP 429)', 'retry',
    'Transient; retried. Redrive if exhausted: same execution ARN, same ClientToken, same registration.'),
  row('InternalServerException', 'CreateDirectoryRegistration', 'PCA Connector AD (HTTP 500)', 'retry',
    'Transient; retried. Redrive if exhausted: same execution ARN, same ClientToken, same registration.'),
  row('ConflictException', 'CreateDirectoryRegistration', 'PCA Connector AD CreateDirectoryRegistration (HTTP 409)', 'catch',
    'A registration of the directory exists that could not be adopted (e.g. DELETING or FAILED); wait until it is gone or delete it, then start a new execution.'),

  // GetDirectoryRegistrationStatus: one GetDirectoryRegistration per attempt; the Task's Retry is the poll loop
  row('DirectoryRegistrationNotReadyError', 'GetDirectoryRegistrationStatus', 'own (poll: the registration is still CREATING)', 'retry',
    'Not a failure: polled again at a fixed interval until ACTIVE, FAILED or past its deadline. Should the retries ever run out, redrive.'),
  row('DirectoryRegistrationFailed', 'GetDirectoryRegistrationStatus', 'own (poll: status FAILED or DELETING, or an unknown one)', 'catch',
    'The registration failed (the cause names its StatusReason: DIRECTORY_TYPE_NOT_SUPPORTED means the directory is not AWS Managed Microsoft AD or AD Connector; DIRECTORY_ACCESS_DENIED, DIRECTORY_NOT_REACHABLE: check the directory and its security group). Fix it, delete the registration (aws pca-connector-ad delete-directory-registration; a rerun adopts it otherwise), then start a new execution.'),
  row('DirectoryRegistrationActivationTimeoutError', 'GetDirectoryRegistrationStatus', 'own (poll deadline)', 'catch',
    'The registration was still CREATING at the deadline. Start a new execution with the same input (it adopts the registration and resumes polling), or raise Options.ConnectorTimeoutMinutes.'),
  row('AccessDeniedException', 'GetDirectoryRegistrationStatus', 'PCA Connector AD GetDirectoryRegistration', 'catch',
    `Grant pca-connector-ad:GetDirectoryRegistration, ${NEW_EXEC}.`),
  row('ValidationException', 'GetDirectoryRegistrationStatus', 'PCA Connector AD GetDirectoryRegistration', 'catch',
    'Unexpected (malformed ARN); read the cause and start a new execution.'),
  row('ResourceNotFoundException', 'GetDirectoryRegistrationStatus', 'PCA Connector AD GetDirectoryRegistration', 'retry-then-catch',
    'Retried briefly (eventual consistency); if it persists the registration was deleted: start a new execution.'),
  row('ThrottlingException', 'GetDirectoryRegistrationStatus', 'PCA Connector AD (HTTP 429)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InternalServerException', 'GetDirectoryRegistrationStatus', 'PCA Connector AD (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),

  // CreateConnector: adopt (ListConnectors) or CreateConnector with ClientToken = sha256(execution ARN)
  row('AccessDeniedException', 'CreateConnector', 'PCA Connector AD CreateConnector/ListConnectors/ListTagsForResource/TagResource', 'catch',
    `Grant the CreateConnector role the pca-connector-ad, acm-pca and ds permissions in docs/operations.md, ${NEW_EXEC}.`),
  row('ValidationException', 'CreateConnector', 'PCA Connector AD CreateConnector', 'catch',
    'Read Reason in the cause (e.g. directory type not supported, mismatched VPC); fix and start a new execution.'),
  row('ResourceNotFoundException', 'CreateConnector', 'PCA Connector AD CreateConnector', 'retry-then-catch',
    'Retried briefly (the directory or CA can be invisible to the connector service just after it turns Active); if it persists, check the CA ARN and directory, then start a new execution.'),
  row('ThrottlingException', 'CreateConnector', 'PCA Connector AD (HTTP 429)', 'retry',
    'Transient; retried. Redrive if exhausted: same execution ARN, same ClientToken, same connector.'),
  row('ServiceQuotaExceededException', 'CreateConnector', 'PCA Connector AD (HTTP 402)', 'catch',
    `Delete an unused connector or raise the quota, ${NEW_EXEC}.`),
  row('InternalServerException', 'CreateConnector', 'PCA Connector AD (HTTP 500)', 'retry',
    'Transient; retried. Redrive if exhausted: same execution ARN, same ClientToken, same connector.'),
  row('ConnectorConflictError', 'CreateConnector', 'own (adoption: the directory\'s connector does not match the request)', 'catch',
    'The directory already has a CREATING/ACTIVE connector with another CA or other security groups (the cause lists each field, requested vs existing); nothing was created. Change the request to match it, or delete it (the teardown with the input that created it, whose CA finds it: docs/teardown.md), then start a new execution.'),
  row('ConflictException', 'CreateConnector', 'PCA Connector AD (HTTP 409)', 'catch',
    'A conflicting connector exists that could not be adopted (e.g. FAILED or DELETING); delete it and start a new execution.'),

  // GetConnectorStatus: one GetConnector per attempt; the Task's Retry is the poll loop
  row('ConnectorNotReadyError', 'GetConnectorStatus', 'own (poll: the connector is still CREATING)', 'retry',
    'Not a failure: the connector is polled again at a fixed interval until it is ACTIVE, FAILED or past its deadline (ConnectorActivationTimeoutError comes first). Should the retries ever run out, redrive: the poll resumes with the same deadline.'),
  row('ConnectorFailed', 'GetConnectorStatus', 'own (poll: status FAILED or DELETING, or an unknown one)', 'catch',
    'The connector reached FAILED or DELETING (the cause names its StatusReason, e.g. VPC_ACCESS_DENIED). Fix the cause, delete the connector (the teardown with the same input does: docs/teardown.md), then start a new execution.'),
  row('AccessDeniedException', 'GetConnectorStatus', 'PCA Connector AD GetConnector', 'catch',
    `Grant pca-connector-ad:GetConnector, ${NEW_EXEC}.`),
  row('ValidationException', 'GetConnectorStatus', 'PCA Connector AD GetConnector', 'catch',
    'Unexpected (malformed ARN); read the cause and start a new execution.'),
  row('ResourceNotFoundException', 'GetConnectorStatus', 'PCA Connector AD GetConnector', 'retry-then-catch',
    'Retried briefly (eventual consistency); if it persists the connector was deleted: start a new execution.'),
  row('ThrottlingException', 'GetConnectorStatus', 'PCA Connector AD (HTTP 429)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InternalServerException', 'GetConnectorStatus', 'PCA Connector AD (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ConnectorActivationTimeoutError', 'GetConnectorStatus', 'own (poll deadline)', 'catch',
    'The connector was still CREATING at the deadline. Start a new execution with the same input (it adopts the connector and resumes polling), or raise Options.ConnectorTimeoutMinutes.'),

  // CreateServicePrincipalName: adopt (GetServicePrincipalName) or create with a ClientToken from the execution ARN
  row('AccessDeniedException', 'CreateServicePrincipalName', 'PCA Connector AD GetServicePrincipalName/CreateServicePrincipalName', 'catch',
    `Grant the CreateServicePrincipalName role pca-connector-ad:CreateServicePrincipalName/GetServicePrincipalName and ds:UpdateAuthorizedApplication (docs/operations.md), ${NEW_EXEC}.`),
  row('ValidationException', 'CreateServicePrincipalName', 'PCA Connector AD CreateServicePrincipalName', 'catch',
    'Read Reason in the cause; start a new execution once fixed.'),
  row('ResourceNotFoundException', 'CreateServicePrincipalName', 'PCA Connector AD CreateServicePrincipalName (the registration or the connector)', 'retry-then-catch',
    'Retried briefly (eventual consistency); if it persists the registration or the connector was deleted: start a new execution.'),
  row('ThrottlingException', 'CreateServicePrincipalName', 'PCA Connector AD (HTTP 429)', 'retry',
    'Transient; retried. Redrive if exhausted: same execution ARN, same ClientToken, same service principal name.'),
  row('InternalServerException', 'CreateServicePrincipalName', 'PCA Connector AD (HTTP 500)', 'retry',
    'Transient; retried. Redrive if exhausted: same execution ARN, same ClientToken, same service principal name.'),
  row('ConflictException', 'CreateServicePrincipalName', 'PCA Connector AD CreateServicePrincipalName (HTTP 409)', 'catch',
    'A service principal name of this connector exists that could not be adopted (e.g. DELETING); wait until it is gone, then start a new execution.'),

  // GetServicePrincipalNameStatus: one GetServicePrincipalName per attempt; the Task's Retry is the poll loop
  row('ServicePrincipalNameNotReadyError', 'GetServicePrincipalNameStatus', 'own (poll: the service principal name is still CREATING)', 'retry',
    'Not a failure: polled again at a fixed interval until ACTIVE, FAILED or past its deadline. Should the retries ever run out, redrive.'),
  row('ServicePrincipalNameFailed', 'GetServicePrincipalNameStatus', 'own (poll: status FAILED or DELETING, or an unknown one)', 'catch',
    'The service principal name failed (the cause names its StatusReason, e.g. SPN_EXISTS_ON_DIFFERENT_AD_OBJECT, SPN_LIMIT_EXCEEDED, DIRECTORY_ACCESS_DENIED). Fix it in the directory, delete the SPN (aws pca-connector-ad delete-service-principal-name; a rerun adopts it otherwise), then start a new execution.'),
  row('ServicePrincipalNameActivationTimeoutError', 'GetServicePrincipalNameStatus', 'own (poll deadline)', 'catch',
    'The service principal name was still CREATING at the deadline. Start a new execution with the same input (it adopts it and resumes polling), or raise Options.ConnectorTimeoutMinutes.'),
  row('AccessDeniedException', 'GetServicePrincipalNameStatus', 'PCA Connector AD GetServicePrincipalName', 'catch',
    `Grant pca-connector-ad:GetServicePrincipalName, ${NEW_EXEC}.`),
  row('ValidationException', 'GetServicePrincipalNameStatus', 'PCA Connector AD GetServicePrincipalName', 'catch',
    'Unexpected (malformed ARN); read the cause and start a new execution.'),
  row('ResourceNotFoundException', 'GetServicePrincipalNameStatus', 'PCA Connector AD GetServicePrincipalName', 'retry-then-catch',
    'Retried briefly (eventual consistency); if it persists the service principal name was deleted: start a new execution.'),
  row('ThrottlingException', 'GetServicePrincipalNameStatus', 'PCA Connector AD (HTTP 429)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InternalServerException', 'GetServicePrincipalNameStatus', 'PCA Connector AD (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),

  row('InvalidRequestError', 'CreateTemplates', 'own (an access entry names a group ResolveGroups did not resolve)', 'catch',
    'Unexpected (ResolveGroups resolves every GroupName before this step); read the cause, then start a new execution. No template was created.'),
  // CreateTemplates: one read (ListTemplates, ListTagsForResource, ListTemplateGroupAccessControlEntries), one diff, then
  // CreateTemplate / UpdateTemplate / TagResource, the entries' Create/Update/Delete, and the prune's DeleteTemplate
  row('TemplateConflictError', 'CreateTemplates', 'own (a template or access entry this tool did not create differs from the request)', 'catch',
    'The cause lists the differing fields. This tool changes only what it created: request the existing definition and rights, change that template yourself (aws pca-connector-ad update-template), or give the requested template another Name; then start a new execution. Nothing was changed.'),
  row('AccessDeniedException', 'CreateTemplates', 'PCA Connector AD ListTemplates/ListTagsForResource/CreateTemplate/UpdateTemplate/DeleteTemplate/TagResource and the access entries\' List/Create/Update/Delete', 'catch',
    `Grant the CreateTemplates role the template and access-entry permissions in serverless.yml (the updates and deletes only on templates carrying this tool's ownership tag), ${NEW_EXEC}.`),
  row('ValidationException', 'CreateTemplates', 'PCA Connector AD CreateTemplate/UpdateTemplate/CreateTemplateGroupAccessControlEntry/UpdateTemplateGroupAccessControlEntry', 'catch',
    'AWS rejected a template field validation could not check (the cause names it); fix Connector.Templates and start a new execution.'),
  row('ResourceNotFoundException', 'CreateTemplates', 'PCA Connector AD (the connector, a template or an access entry)', 'retry-then-catch',
    'Retried briefly (eventual consistency); if it persists the connector or the template was deleted: start a new execution.'),
  row('ServiceQuotaExceededException', 'CreateTemplates', 'PCA Connector AD CreateTemplate/CreateTemplateGroupAccessControlEntry (HTTP 402)', 'catch',
    `Delete unused templates or access entries, or raise the quota, ${NEW_EXEC}.`),
  row('ConflictException', 'CreateTemplates', 'PCA Connector AD CreateTemplate/UpdateTemplate/DeleteTemplate and the access entries\' (HTTP 409)', 'catch',
    'A template of that name is being deleted, or another request changes it at the same time; wait, then start a new execution (it reads and diffs again: what was done is kept).'),
  row('ThrottlingException', 'CreateTemplates', 'PCA Connector AD (HTTP 429)', 'retry',
    'Transient; retried. Redrive if exhausted: the step reads and diffs again, so nothing is created twice and no change is lost.'),
  row('InternalServerException', 'CreateTemplates', 'PCA Connector AD (HTTP 500)', 'retry',
    'Transient; retried. Redrive if exhausted: the step reads and diffs again, so nothing is created twice and no change is lost.'),

  // RecordProvisioning: the execution's end in the provisioning record, then the change lease released
  ...recordRows('RecordProvisioning'),

  ...lambdaRows,
  ...transportRows,
  ...TEARDOWN_ROWS,
];

/** All error names the ASL must mention. */
export const ALL_ERROR_NAMES: readonly string[] = [...new Set(ERROR_CATALOG.map((r) => r.name))];

export const rowsFor = (state: CatalogStateName): ErrorRow[] => ERROR_CATALOG.filter((r) => r.state === state);

/**
 * The caught errors that mean the caller's own input is wrong: the request broke a rule (InvalidRequestError, from the
 * validation and the preflight reads), asks for something that conflicts with what exists (the conflict errors,
 * "change the request") or came while another change of the same directory runs (ConcurrentChangeError, "start it
 * again later"). An execution failed with one of these pages nobody: its caller is told by the Provisioning
 * Failed event and the status API, and it is counted (ProvisioningFailed by ErrorName). ExecutionNotificationsRule in
 * serverless/monitoring.yml excludes exactly these names (a test compares them).
 */
export const CALLER_INPUT_ERRORS = ['InvalidRequestError', 'PlanConflictError', 'DirectoryConflictError', 'ConnectorConflictError', 'TemplateConflictError', 'GroupNotFoundError', 'ConcurrentChangeError'] as const;
