/**
 * The error catalog: per Task state, every error name the ASL (statemachine/provision.asl.json) retries or catches,
 * with its rerun remedy. The definition builder (definition.ts), the docs generator and the tests read it.
 *
 * Each row says, for one error name at one Task state, whether Step Functions retries it or catches it into the
 * named failure path, and how a failed execution is rerun:
 *  - `redrive`: transient errors are retried; once the retries are exhausted the error is left UNCAUGHT, so the
 *    execution fails at that Task and a console/API redrive re-runs exactly that Task (same execution ARN, so the
 *    same ClientToken, and find-or-create for the directory).
 *  - `new-execution`: caught errors route to PublishFailedEvent -> ProvisioningFailed (a Fail state). Redriving
 *    that would only re-run the Fail state, so the remedy is to fix the cause and start a new execution with the
 *    (corrected) input; find-or-create and connector adoption make that safe and fast.
 */

export type Handling = 'retry' | 'catch' | 'retry-then-catch';
export type Rerun = 'redrive' | 'new-execution';

export const TASK_STATES = [
  'ValidateRequest',
  'CreateDirectory',
  'GetDirectoryStage',
  'ShareCertificateAuthority',
  'CreateConnector',
  'GetConnectorStatus',
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

/* ---------------- the catalog ---------------- */

export interface ErrorRow {
  name: string;
  /** The Task state whose Retry/Catch names it. */
  state: TaskStateName;
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

const row = (
  name: string,
  state: TaskStateName,
  source: string,
  handling: Handling,
  remedy: string,
): ErrorRow => ({ name, state, source, handling, rerun: handling === 'retry' ? 'redrive' : 'new-execution', remedy });

const NEW_EXEC = 'then start a new execution with the same input (the directory/connector are adopted, not duplicated)';

export const ERROR_CATALOG: readonly ErrorRow[] = [
  // ValidateRequest: schema + preflight (EC2, ACM PCA, Secrets Manager reads)
  row('InvalidRequestError', 'ValidateRequest', 'own (validation/preflight)', 'catch',
    'Fix every field named in the cause and start a new execution with the corrected input. Nothing was created.'),
  row('AccessDeniedException', 'ValidateRequest', 'Secrets Manager / ACM PCA', 'catch',
    `The secret must be named under the deployment's password-secret prefix (a customer managed key must let the role decrypt it), and the CA must be in this account; then ${NEW_EXEC.replace(/^then /, '')}.`),
  row('UnauthorizedOperation', 'ValidateRequest', 'EC2 Describe*', 'catch',
    `Grant the ValidateRequest role ec2:Describe* on the VPC resources, ${NEW_EXEC}.`),
  row('ThrottlingException', 'ValidateRequest', 'Secrets Manager / ACM PCA', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('RequestLimitExceeded', 'ValidateRequest', 'EC2 Describe*', 'retry', 'Transient; retried. Redrive if exhausted.'),
  // 5xx of the preflight reads: transient (without these rows they failed the execution uncaught)
  row('InternalServiceError', 'ValidateRequest', 'Secrets Manager (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InternalError', 'ValidateRequest', 'EC2 Describe* (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InternalFailure', 'ValidateRequest', 'ACM PCA (HTTP 500, AWS common error)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ServiceUnavailable', 'ValidateRequest', 'EC2 / Secrets Manager / ACM PCA (HTTP 503, AWS common error)', 'retry',
    'Transient; retried. Redrive if exhausted.'),

  // CreateDirectory: find-or-create (DescribeDirectories, then CreateDirectory / CreateMicrosoftAD)
  row('DirectoryLimitExceededException', 'CreateDirectory', 'DS CreateDirectory/CreateMicrosoftAD', 'catch',
    `Delete an unused directory or raise the quota, ${NEW_EXEC}.`),
  row('InvalidParameterException', 'CreateDirectory', 'DS CreateDirectory/CreateMicrosoftAD/DescribeDirectories', 'catch',
    'AWS rejected a parameter validation could not check (see cause); fix the input and start a new execution.'),
  row('ValidationException', 'CreateDirectory', 'AWS request validation (common error; moto and the emulator return it too)', 'catch',
    'A field broke a documented constraint ValidateRequest should have caught (see cause); fix the input and start a new execution.'),
  row('ClientException', 'CreateDirectory', 'DS CreateDirectory/CreateMicrosoftAD', 'catch',
    `Read the cause (e.g. subnets in unsupported AZs, insufficient IPs), fix it, ${NEW_EXEC}.`),
  row('UnsupportedOperationException', 'CreateDirectory', 'DS CreateMicrosoftAD', 'catch',
    'The directory type/edition is not available in this Region/account; change the input and start a new execution.'),
  row('DirectoryConflictError', 'CreateDirectory', 'own (find-or-create)', 'catch',
    'A directory with this Name already exists in the VPC with a different type; rename or delete it, then start a new execution.'),
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
  // Secrets Manager GetSecretValue before the create: transient, and nothing was created yet
  row('ThrottlingException', 'CreateDirectory', 'Secrets Manager GetSecretValue / DynamoDB PutItem on the lock table (throttled)', 'retry',
    'Transient; retried. Redrive if exhausted (nothing was created before the password was read).'),
  row('InternalServiceError', 'CreateDirectory', 'Secrets Manager GetSecretValue (HTTP 500)', 'retry',
    'Transient; retried. Redrive if exhausted (nothing was created before the password was read).'),

  // The creation lock (DynamoDB PutItem on DirectoryLocksTable, taken only when there is nothing to adopt)
  row('DirectoryCreationInProgressError', 'CreateDirectory', 'own (creation lock held by another execution)', 'retry',
    'Another execution is creating the same directory; retried until it appears, then adopted (or until a crashed holder\'s 15-minute lease lapses, then created). Redrive if exhausted.'),
  row('ProvisionedThroughputExceededException', 'CreateDirectory', 'DynamoDB PutItem (lock table, throttled)', 'retry',
    'Transient; retried. Redrive if exhausted (nothing was created before the lock was taken).'),
  row('RequestLimitExceeded', 'CreateDirectory', 'DynamoDB PutItem (account throughput limit)', 'retry',
    'Transient; retried. Redrive if exhausted (nothing was created before the lock was taken).'),
  row('InternalServerError', 'CreateDirectory', 'DynamoDB PutItem (HTTP 500)', 'retry',
    'Transient; retried. Redrive if exhausted (the same execution re-acquires its own lease).'),
  row('AccessDeniedException', 'CreateDirectory', 'DynamoDB PutItem (lock table)', 'catch',
    `Grant the CreateDirectory role dynamodb:PutItem on the DirectoryLocksTable, ${NEW_EXEC}.`),

  // GetDirectoryStage: one DescribeDirectories per attempt; the Task's Retry is the poll loop (src/workflow/waits.ts)
  row('DirectoryNotReadyError', 'GetDirectoryStage', 'own (poll: the directory is still being created)', 'retry',
    'Not a failure: the directory is polled again at a fixed interval until it is Active, reaches a terminal stage or passes its deadline (DirectoryActivationTimeoutError comes first). Should the retries ever run out, redrive: the poll resumes with the same deadline.'),
  row('DirectoryFailed', 'GetDirectoryStage', 'own (poll: terminal stage Failed/Impaired/Inoperable/RestoreFailed/Deleting/Deleted, or an unknown one)', 'catch',
    'The directory reached a terminal stage (the cause names it and its StageReason). Delete it, then start a new execution.'),
  row('EntityDoesNotExistException', 'GetDirectoryStage', 'DS DescribeDirectories', 'catch',
    'The directory was deleted outside this workflow; start a new execution to create it again.'),
  row('InvalidParameterException', 'GetDirectoryStage', 'DS DescribeDirectories', 'catch',
    'Unexpected; read the cause and start a new execution.'),
  row('ClientException', 'GetDirectoryStage', 'DS DescribeDirectories', 'catch',
    `Read the cause, fix it, ${NEW_EXEC}.`),
  row('DirectoryServiceThrottledError', 'GetDirectoryStage', 'DS ClientException "Rate exceeded"', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('ServiceException', 'GetDirectoryStage', 'DS (HTTP 500)', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('InvalidNextTokenException', 'GetDirectoryStage', 'DS DescribeDirectories', 'retry', 'Transient; retried. Redrive if exhausted.'),
  row('DirectoryActivationTimeoutError', 'GetDirectoryStage', 'own (poll deadline)', 'catch',
    'The directory was still being created at the deadline. Start a new execution with the same input (it adopts the directory and resumes polling), or raise Options.DirectoryTimeoutMinutes.'),

  // ShareCertificateAuthority: find-or-create the AWS RAM share of the CA with pca-connector-ad.amazonaws.com
  // (GetResourceShareAssociations, GetResourceShares, CreateResourceShare with a clientToken)
  row('ResourceShareNotReadyError', 'ShareCertificateAuthority', 'own (the share\'s principal association is still ASSOCIATING, or another execution is creating the share)', 'retry',
    'Not a failure: tried again shortly (the share is found, not created twice). If the retries run out, redrive.'),
  row('ThrottlingException', 'ShareCertificateAuthority', 'RAM CreateResourceShare (throttled)', 'retry',
    'Transient; retried. Redrive if exhausted: the clientToken is derived from the CA ARN, so the same share.'),
  row('ServerInternalException', 'ShareCertificateAuthority', 'RAM (HTTP 500)', 'retry',
    'Transient; retried. Redrive if exhausted: the clientToken is derived from the CA ARN, so the same share.'),
  row('ServiceUnavailableException', 'ShareCertificateAuthority', 'RAM (HTTP 503)', 'retry',
    'Transient; retried. Redrive if exhausted: the clientToken is derived from the CA ARN, so the same share.'),
  row('InvalidNextTokenException', 'ShareCertificateAuthority', 'RAM GetResourceShares/GetResourceShareAssociations', 'retry',
    'Paging restarted on retry. Redrive if exhausted.'),
  row('AccessDeniedException', 'ShareCertificateAuthority', 'RAM (common error)', 'catch',
    `Grant the ShareCertificateAuthority role ram:CreateResourceShare/GetResourceShares/GetResourceShareAssociations and acm-pca:PutPolicy on the CA (docs/operations.md), ${NEW_EXEC}.`),
  row('OperationNotPermittedException', 'ShareCertificateAuthority', 'RAM CreateResourceShare/GetResourceShareAssociations', 'catch',
    `RAM refused the operation (see cause, e.g. the CA is not this account's to share); share the CA with pca-connector-ad.amazonaws.com yourself, ${NEW_EXEC}.`),
  row('UnknownResourceException', 'ShareCertificateAuthority', 'RAM CreateResourceShare (the CA or the permission)', 'catch',
    'RAM does not know the CA or the managed permission (see cause); check Connector.CertificateAuthorityArn and the Region, then start a new execution.'),
  row('MalformedArnException', 'ShareCertificateAuthority', 'RAM CreateResourceShare/Get*', 'catch',
    'Unexpected (a malformed ARN passed validation); read the cause and start a new execution.'),
  row('InvalidParameterException', 'ShareCertificateAuthority', 'RAM CreateResourceShare/Get*', 'catch',
    'RAM rejected a parameter (see cause); start a new execution once fixed.'),
  row('InvalidClientTokenException', 'ShareCertificateAuthority', 'RAM CreateResourceShare', 'catch',
    'Unexpected (the clientToken is a SHA-256 hex of the CA ARN); read the cause and start a new execution.'),
  row('InvalidStateTransitionException', 'ShareCertificateAuthority', 'RAM CreateResourceShare', 'catch',
    `A share of the CA is being deleted or changed (see cause); wait until it settles, ${NEW_EXEC}.`),
  row('ResourceShareLimitExceededException', 'ShareCertificateAuthority', 'RAM CreateResourceShare (quota)', 'catch',
    `Delete an unused resource share or raise the quota, ${NEW_EXEC}.`),
  row('TagPolicyViolationException', 'ShareCertificateAuthority', 'RAM CreateResourceShare (tag policy)', 'catch',
    `An organization tag policy rejects this tool's ownership tags; allow them, ${NEW_EXEC}.`),
  row('TagLimitExceededException', 'ShareCertificateAuthority', 'RAM CreateResourceShare (tags)', 'catch',
    'Unexpected (the share carries two tags); read the cause and start a new execution.'),

  // CreateConnector: adopt (ListConnectors) or CreateConnector with ClientToken = sha256(execution ARN)
  row('AccessDeniedException', 'CreateConnector', 'PCA Connector AD CreateConnector/ListConnectors', 'catch',
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
  row('ConflictException', 'CreateConnector', 'PCA Connector AD (HTTP 409)', 'catch',
    'A conflicting connector exists that could not be adopted (e.g. FAILED or DELETING); delete it and start a new execution.'),

  // GetConnectorStatus: one GetConnector per attempt; the Task's Retry is the poll loop
  row('ConnectorNotReadyError', 'GetConnectorStatus', 'own (poll: the connector is still CREATING)', 'retry',
    'Not a failure: the connector is polled again at a fixed interval until it is ACTIVE, FAILED or past its deadline (ConnectorActivationTimeoutError comes first). Should the retries ever run out, redrive: the poll resumes with the same deadline.'),
  row('ConnectorFailed', 'GetConnectorStatus', 'own (poll: status FAILED or DELETING, or an unknown one)', 'catch',
    'The connector reached FAILED or DELETING (the cause names its StatusReason, e.g. VPC_ACCESS_DENIED). Fix the cause, delete the connector, then start a new execution.'),
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

  ...lambdaRows,
];

/** All error names the ASL must mention. */
export const ALL_ERROR_NAMES: readonly string[] = [...new Set(ERROR_CATALOG.map((r) => r.name))];

export const rowsFor = (state: TaskStateName): ErrorRow[] => ERROR_CATALOG.filter((r) => r.state === state);
