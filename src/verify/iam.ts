/**
 * IAM and exposure checks on the packaged CloudFormation template.
 *
 * The actions each function's code calls are DERIVED, not listed: the function's handler (from the packaged
 * service's serverless-state.json) is bundled with esbuild (tree-shaken, node_modules external, not minified);
 * every `new XxxCommand(` left in the bundle is an AWS call, its service comes from the import it binds to
 * (`@aws-sdk/client-*`) or from the project's own PCA Connector AD client, and `service:Xxx` is the IAM action.
 * The role must allow exactly those, plus:
 *  - the DEPENDENT actions AWS documents for them (Service Authorization Reference, "Dependent actions"), e.g.
 *    ds:CreateDirectory needs ec2:CreateSecurityGroup…; a request with Tags needs the service's tagging action;
 *  - the Lambda runtime's log actions, and sqs:SendMessage when the function has an SQS on-failure destination.
 * No statement may name a `*` action, and every API Gateway method must use AWS_IAM authorization.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** `@aws-sdk/client-*` package -> IAM service prefix. */
export const SDK_SERVICE_PREFIX: Record<string, string> = {
  '@aws-sdk/client-directory-service': 'ds',
  '@aws-sdk/client-secrets-manager': 'secretsmanager',
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-acm-pca': 'acm-pca',
  '@aws-sdk/client-eventbridge': 'events',
  '@aws-sdk/client-sfn': 'states',
  '@aws-sdk/client-dynamodb': 'dynamodb',
  // The official package, once the one-line swap in src/aws/pca-connector-ad-sdk.ts is made.
  '@aws-sdk/client-pca-connector-ad': 'pca-connector-ad',
};
/** The project's own client modules -> IAM service prefix. */
export const PROJECT_CLIENTS: Record<string, string> = {
  'src/aws/pca-connector-ad/index.ts': 'pca-connector-ad',
};

/**
 * Dependent actions (AWS Service Authorization Reference) of the actions the code calls, and the tag-on-create
 * actions a create call with Tags needs.
 */
export const DEPENDENT_ACTIONS: Record<string, string[]> = {
  'ds:CreateDirectory': [
    'ec2:AuthorizeSecurityGroupEgress', 'ec2:AuthorizeSecurityGroupIngress', 'ec2:CreateNetworkInterface', 'ec2:CreateSecurityGroup',
    'ec2:CreateTags', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'ds:AddTagsToResource',
  ],
  'ds:CreateMicrosoftAD': [
    'ec2:AuthorizeSecurityGroupEgress', 'ec2:AuthorizeSecurityGroupIngress', 'ec2:CreateNetworkInterface', 'ec2:CreateSecurityGroup',
    'ec2:CreateTags', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'ds:AddTagsToResource',
  ],
  'pca-connector-ad:CreateConnector': [
    'acm-pca:DescribeCertificateAuthority', 'acm-pca:GetCertificate', 'acm-pca:GetCertificateAuthorityCertificate',
    'acm-pca:IssueCertificate', 'ds:DescribeDirectories', 'ec2:CreateTags', 'ec2:CreateVpcEndpoint', 'ec2:DescribeVpcEndpoints',
    'pca-connector-ad:TagResource',
  ],
  'secretsmanager:CreateSecret': ['secretsmanager:TagResource'],
};

export const LAMBDA_RUNTIME_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** The IAM actions a handler's bundled code calls. */
export const actionsCalledBy = async (handlerFile: string): Promise<{ actions: string[]; unmapped: string[] }> => {
  const result = await build({
    entryPoints: [join(ROOT, handlerFile)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    metafile: true,
    minify: false,
    treeShaking: true,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]?.text ?? '';
  const inputs = Object.keys(result.metafile.inputs);
  // Local name -> package, from the bundle's (external) import statements, aliases included.
  const origin = new Map<string, { pkg: string; name: string }>();
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    for (const part of (m[1] ?? '').split(',')) {
      const [imported, local] = part.trim().split(/\s+as\s+/);
      if (imported) origin.set((local ?? imported).trim(), { pkg: m[2] ?? '', name: imported.trim() });
    }
  }
  const projectCommands = new Map<string, string>();
  for (const [file, prefix] of Object.entries(PROJECT_CLIENTS)) {
    if (!inputs.includes(file)) continue;
    const mod = (await import(join(ROOT, file))) as Record<string, unknown>;
    for (const name of Object.keys(mod)) if (name.endsWith('Command')) projectCommands.set(name, prefix);
  }
  const actions = new Set<string>();
  const unmapped: string[] = [];
  for (const m of text.matchAll(/new\s+([A-Za-z0-9_$]+)\(/g)) {
    const local = m[1] ?? '';
    const imported = origin.get(local);
    const name = (imported?.name ?? local).replace(/\d+$/, '');
    if (!name.endsWith('Command')) continue;
    const prefix = imported ? SDK_SERVICE_PREFIX[imported.pkg] : projectCommands.get(name);
    if (!prefix) {
      unmapped.push(`${name} (${imported?.pkg ?? 'bundled'})`);
      continue;
    }
    actions.add(`${prefix}:${name.replace(/Command$/, '')}`);
  }
  return { actions: [...actions].sort(), unmapped };
};

/* ---------------- the packaged template ---------------- */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Resource {
  Type: string;
  Properties: Record<string, Json>;
}
export interface Template {
  Resources: Record<string, Resource>;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  NotAction?: unknown;
  Resource?: Json;
}

export interface PackagedService {
  template: Template;
  functions: Record<string, { handler: string; role?: string; destinations?: { onFailure?: unknown } }>;
}

export const readPackage = (dir: string): PackagedService => {
  const template = JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as Template;
  const state = JSON.parse(readFileSync(join(dir, 'serverless-state.json'), 'utf8')) as { service: { functions: PackagedService['functions'] } };
  return { template, functions: state.service.functions };
};

const statementsOf = (role: Resource): Statement[] =>
  ((role.Properties['Policies'] ?? []) as unknown as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : s.Action ? [s.Action] : []);

export interface FunctionIamCheck {
  function: string;
  handler: string;
  role: string;
  called: string[];
  allowed: string[];
  /** Called by the code but not allowed (would fail with AccessDenied). */
  missing: string[];
  /** Allowed but neither called, a dependent action, nor a runtime action (more than needed). */
  extra: string[];
  unmapped: string[];
}

export interface IamReport {
  functions: FunctionIamCheck[];
  /** Statements with `*` (or `service:*`) actions, or NotAction, in any role. */
  wildcardActions: string[];
  /** API Gateway methods not using AWS_IAM. */
  openMethods: string[];
  apiMethods: number;
}

export const checkIam = async (pkg: PackagedService): Promise<IamReport> => {
  const resources = pkg.template.Resources;
  const functions: FunctionIamCheck[] = [];
  for (const [key, fn] of Object.entries(pkg.functions)) {
    const handlerFile = `${fn.handler.replace(/\.[^.]+$/, '')}.ts`;
    const roleId = fn.role ?? '';
    const role = resources[roleId];
    const { actions: called, unmapped } = await actionsCalledBy(handlerFile);
    const allowed = [...new Set(role ? statementsOf(role).filter((s) => s.Effect === 'Allow').flatMap(actionsOf) : [])].sort();
    const permitted = new Set([
      ...called,
      ...called.flatMap((a) => DEPENDENT_ACTIONS[a] ?? []),
      ...LAMBDA_RUNTIME_ACTIONS,
      ...(fn.destinations?.onFailure ? ['sqs:SendMessage'] : []),
    ]);
    functions.push({
      function: key,
      handler: handlerFile,
      role: roleId,
      called,
      allowed,
      missing: called.filter((a) => !allowed.includes(a)),
      extra: allowed.filter((a) => !permitted.has(a)),
      unmapped,
    });
  }
  const wildcardActions: string[] = [];
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type !== 'AWS::IAM::Role' && r.Type !== 'AWS::IAM::Policy' && r.Type !== 'AWS::IAM::ManagedPolicy') continue;
    const statements = r.Type === 'AWS::IAM::Role'
      ? statementsOf(r)
      : ((r.Properties['PolicyDocument'] as unknown as { Statement: Statement[] } | undefined)?.Statement ?? []);
    for (const s of statements) {
      if (s.NotAction !== undefined) wildcardActions.push(`${id}: NotAction`);
      for (const a of actionsOf(s)) if (a.includes('*')) wildcardActions.push(`${id}: ${a}`);
    }
  }
  const methods = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::ApiGateway::Method');
  const openMethods = methods
    .filter(([, r]) => r.Properties['AuthorizationType'] !== 'AWS_IAM')
    .map(([id, r]) => `${id} (${String(r.Properties['HttpMethod'])}: ${String(r.Properties['AuthorizationType'] ?? 'NONE')})`);
  return { functions, wildcardActions, openMethods, apiMethods: methods.length };
};
