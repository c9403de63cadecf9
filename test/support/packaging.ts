/**
 * `serverless package` of the real serverless.yml, offline (dummy credentials, no network), and small readers for
 * the CloudFormation template it writes. Packaging takes ~10 s, so the template tests share one run per process.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GENEROUS_CHILD_MS } from './limits.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const OUT = join(ROOT, '.serverless');
export const TEMPLATE = join(OUT, 'cloudformation-template-update-stack.json');
const SERVERLESS_BIN = join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface Resource {
  Type: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Properties: Record<string, Json>;
  Metadata?: Json;
  DependsOn?: string | string[];
}
export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: Json;
}
export interface Template {
  Parameters?: Record<string, Record<string, Json>>;
  Conditions?: Record<string, Json>;
  Resources: Record<string, Resource>;
  Outputs?: Record<string, Json>;
}

export const onPath = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

export interface PackageOptions {
  /** Deploy parameters (`--param="name=value"`). */
  params?: Record<string, string>;
  /** Another output directory than .serverless/ (`--package`), for a second packaging beside the first. */
  out?: string;
  /** Package from the zips of the packaging in .serverless/ (`reuseBundles=true`) instead of building them again. */
  reuseBundles?: boolean;
}

/** Runs `serverless package --stage test` into .serverless/ (or `out`) and returns the parsed template. */
export async function packageService(options: PackageOptions = {}): Promise<Template> {
  const out = options.out ?? OUT;
  rmSync(out, { recursive: true, force: true });
  if (options.reuseBundles) {
    mkdirSync(out, { recursive: true });
    for (const zip of readdirSync(OUT).filter((f) => f.endsWith('.zip'))) copyFileSync(join(OUT, zip), join(out, zip));
  }
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? tmpdir(),
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    CI: '1',
  };
  try {
    const params = Object.entries({ ...options.params, ...(options.reuseBundles ? { reuseBundles: 'true' } : {}) }).map(([k, v]) => `--param=${k}=${v}`);
    const where = options.out ? ['--package', options.out] : [];
    await promisify(execFile)(process.execPath, [SERVERLESS_BIN, 'package', '--stage', 'test', '--region', 'us-east-1', ...where, ...params], {
      cwd: ROOT,
      env,
      timeout: GENEROUS_CHILD_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`serverless package failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
  return JSON.parse(readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8')) as Template;
}

export const resource = (template: Template, id: string): Resource => {
  const r = template.Resources[id];
  assert.ok(r, `template lacks ${id}`);
  return r;
};
export const statementsOf = (role: Resource): Statement[] =>
  ((role.Properties['Policies'] ?? []) as unknown as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
    (p) => p.PolicyDocument.Statement,
  );
export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** The packaged bundles: function key (serverless.yml) -> the .zip in .serverless/ and the handler file inside it. */
export const packagedFunctions = (template: Template): { key: string; logicalId: string; zip: string; file: string }[] =>
  Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    .map(([logicalId, r]) => {
      const s3Key = String((r.Properties['Code'] as { S3Key: string }).S3Key);
      const key = s3Key.slice(s3Key.lastIndexOf('/') + 1).replace(/\.zip$/, '');
      const handler = String(r.Properties['Handler']);
      return { key, logicalId, zip: join(OUT, `${key}.zip`), file: `${handler.slice(0, handler.lastIndexOf('.'))}.mjs` };
    });

/** Runs in a fresh Node: imports the bundle, invokes `handler(event, context)` once, prints one JSON line last. */
const INVOKE_CHILD = `
const mod = await import(process.env.BUNDLE_URL);
const context = { functionName: 'bundle-test', functionVersion: '$LATEST', awsRequestId: 'bundle-test', memoryLimitInMB: '256',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bundle-test', logGroupName: '/aws/lambda/bundle-test',
  logStreamName: 'local', getRemainingTimeInMillis: () => 30000, callbackWaitsForEmptyEventLoop: false };
let out;
try { out = { result: await mod.handler(JSON.parse(process.env.BUNDLE_EVENT), context) }; }
catch (error) { out = { errorType: error?.name, errorMessage: error?.message }; }
process.stdout.write('\\n' + JSON.stringify(out) + '\\n');
`;

export interface BundleRun {
  result?: unknown;
  errorType?: string;
  errorMessage?: string;
  stdout: string;
  stderr: string;
}

/** Imports a bundle in a child Node (warnings on) and invokes its handler once with `event`. */
export const invokeBundle = (bundlePath: string, event: unknown, env: Record<string, string> = {}): BundleRun => {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', INVOKE_CHILD], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env['PATH'] ?? '',
      AWS_REGION: 'us-east-1',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      ...env,
      BUNDLE_URL: new URL(`file://${bundlePath}`).href,
      BUNDLE_EVENT: JSON.stringify(event),
    },
  });
  const last = run.stdout.trim().split('\n').pop() ?? '';
  let parsed: Omit<BundleRun, 'stdout' | 'stderr'>;
  try {
    parsed = JSON.parse(last) as Omit<BundleRun, 'stdout' | 'stderr'>;
  } catch {
    throw new Error(`bundle ${bundlePath} printed no result (status ${String(run.status)}): ${run.stdout}\n${run.stderr}`);
  }
  return { ...parsed, stdout: run.stdout, stderr: run.stderr };
};

export interface PackagedDefinition {
  /** The deployed definition with each Fn::Sub parameter put back as the ASL placeholder it replaced. */
  definition: Json;
  /** The definition's Fn::Sub body, as packaged. */
  body: string;
  /** Each Task function the definition invokes: its logical id and the published version (AWS::Lambda::Version) named. */
  invoked: { functionId: string; versionId: string }[];
}

/**
 * A packaged state machine's definition. Every Fn::Sub parameter must be a published function version (the Task
 * resources) or the bus; anything else, an unqualified function ARN included, fails here.
 */
export const packagedDefinition = (template: Template, id: string): PackagedDefinition => {
  const sm = resource(template, id);
  const [body, params] = (sm.Properties['DefinitionString'] as { 'Fn::Sub': [string, Record<string, Json>] })['Fn::Sub'];
  const placeholders: Record<string, string> = {};
  const invoked: PackagedDefinition['invoked'] = [];
  for (const [key, value] of Object.entries(params)) {
    const ref = (value as { Ref?: string } | null)?.Ref;
    const target = ref === undefined ? undefined : template.Resources[ref];
    if (ref === 'EventBus') placeholders[key] = '${EventBusName}';
    else if (ref && target?.Type === 'AWS::Lambda::Version') {
      const functionId = String((target.Properties['FunctionName'] as { Ref: string }).Ref);
      placeholders[key] = `\${${functionId.replace(/LambdaFunction$/, '')}FunctionArn}`;
      invoked.push({ functionId, versionId: ref });
    } else assert.fail(`${id}: parameter ${key} is ${JSON.stringify(value)}, neither a published function version nor the bus`);
  }
  const restored = body.replace(/\$\{([^}]+)\}/g, (whole, key: string) => placeholders[key] ?? whole);
  // asl-validator (validate: true) fills in the default `QueryLanguage: JSONPath` on each state; JSONata never appears
  const definition = JSON.parse(restored, (key, value: unknown) => (key === 'QueryLanguage' && value === 'JSONPath' ? undefined : value)) as Json;
  return { definition, body, invoked };
};

/**
 * The definition invokes exactly the Task states' functions, each by a published version of it (so by a qualified
 * ARN: no unqualified function ARN and no $LATEST in the body).
 */
export const assertInvokesVersions = (invoked: PackagedDefinition['invoked'], body: string, states: readonly string[]): void => {
  assert.deepEqual(invoked.map((i) => i.functionId).sort(), states.map((s) => `${s}LambdaFunction`).sort());
  assert.doesNotMatch(body, /\$LATEST|arn:[^"]*:lambda:|LambdaFunction\.Arn|\$\{[A-Za-z]+FunctionArn\}/);
};

/** The state machine role's Resource entries for invoking every version of each Task state's function. */
export const versionsOf = (states: readonly string[]): Set<string> =>
  new Set(states.map((s) => JSON.stringify({ 'Fn::Sub': `\${${s}LambdaFunction.Arn}:*` })));
