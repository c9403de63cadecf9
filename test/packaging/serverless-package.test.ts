/**
 * Packages the service offline (`serverless package --stage test`, dummy credentials, no network) once, then checks
 * the CloudFormation template: the Task functions and their own least-privilege roles, the state machine built from
 * the checked-in ASL with every catalog error name, invoking the published version of each Task function, the bus, the triggers
 * (test/packaging/triggers-template.ts), IAM derived from the bundled code (test/packaging/iam-checks.ts), and cfn-lint
 * over the whole template.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { ERROR_CATALOG, TASK_STATES, TEARDOWN_TASK_STATES, machineOf } from '../../src/workflow/catalog.ts';
import type { TaskStateName } from '../../src/workflow/catalog.ts';
import { ASL_PATH } from '../../tools/local/engine/asl.ts';
import { GENEROUS_CHILD_MS } from '../support/limits.ts';
import { OUT, ROOT, TEMPLATE, actionsOf, assertInvokesVersions, invokeBundle, onPath, packageService, packagedDefinition, packagedFunctions, resource, statementsOf, versionsOf } from '../support/packaging.ts';
import type { Json, Statement, Template } from '../support/packaging.ts';
import { readTemplate } from '../../tools/verify/iam.ts';
import { iamChecks } from './iam-checks.ts';
import { monitoringTemplateChecks } from './monitoring-template.ts';
import { SAMPLE_KEY, SAMPLE_TAGS, dataProtectionChecks, withParametersChecks } from './data-protection-template.ts';
import { deployerChecks } from './deployer-checks.ts';
import { teardownTemplateChecks } from './teardown-template.ts';
import { triggerTemplateChecks } from './triggers-template.ts';

/** A Task state's function: its serverless.yml key (the state in lowerCamelCase) and handler file (in kebab-case). */
const FUNCTIONS = Object.fromEntries(
  TASK_STATES.map((state) => [
    state,
    { key: state.charAt(0).toLowerCase() + state.slice(1), file: state.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase() },
  ]),
) as Record<TaskStateName, { key: string; file: string }>;
const logicalId = (state: TaskStateName): string => `${state}LambdaFunction`;

let template: Template;
const res = (id: string) => resource(template, id);

/** Every packaged bundle unzipped once (function key -> path of its .mjs), or undefined without `unzip`. */
let unpacked: Map<string, string> | undefined;
const bundles = (): Map<string, string> | undefined => {
  if (unpacked || !onPath('unzip')) return unpacked;
  const dir = mkdtempSync(join(tmpdir(), 'sls-bundles-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  unpacked = new Map();
  for (const fn of packagedFunctions(template)) {
    assert.equal(spawnSync('unzip', ['-q', '-o', fn.zip, '-d', join(dir, fn.key)]).status, 0, fn.zip);
    unpacked.set(fn.key, join(dir, fn.key, fn.file));
  }
  return unpacked;
};

/** The project's error classes: every `class XxxError extends` under src/ (their names are Step Functions error names). */
const projectErrorClasses = (): Set<string> => {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.ts')) {
        for (const m of readFileSync(join(dir, e.name), 'utf8').matchAll(/class (\w+Error) extends/g)) names.add(m[1] as string);
      }
    }
  };
  walk(join(ROOT, 'src'));
  return names;
};

describe('statemachine/serverless-definition.cjs (the ${file()} resolver serverless.yml uses)', () => {
  it('turns every placeholder into Fn::GetAtt of the function or Ref of the bus, leaving no ${', () => {
    // Prepare
    const load = createRequire(import.meta.url)('../../statemachine/serverless-definition.cjs') as () => {
      States: Record<string, { Resource?: Json; Parameters?: Json }>;
    };
    // Act
    const def = load();
    // Assess
    assert.doesNotMatch(JSON.stringify(def), /\$\{/);
    for (const state of TASK_STATES) {
      assert.deepEqual(def.States[state]?.Resource, { 'Fn::GetAtt': [FUNCTIONS[state].key, 'Arn'] });
    }
    assert.match(JSON.stringify(def.States['PublishFailedEvent']?.Parameters), /"EventBusName":\{"Ref":"EventBus"\}/);
  });
});

describe('serverless package (offline)', () => {
  before(async () => {
    template = await packageService();
  });

  it('has one function per Task state, the seven trigger functions and the dry-run function (nodejs22.x, arm64), each with its own role from resources', () => {
    const functions = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    assert.equal(functions.length, TASK_STATES.length + TEARDOWN_TASK_STATES.length + 8, 'the Task functions of both machines, the seven trigger functions and planProvisioning');
    const roles = new Set<string>();
    for (const state of TASK_STATES) {
      const fn = res(logicalId(state));
      assert.equal(fn.Properties['Runtime'], 'nodejs22.x');
      assert.deepEqual(fn.Properties['Architectures'], ['arm64']);
      assert.equal(fn.Properties['Handler'], `src/handlers/${FUNCTIONS[state].file}.handler`);
      assert.deepEqual(fn.Properties['Role'], { 'Fn::GetAtt': [`${state}Role`, 'Arn'] });
      assert.equal(res(`${state}Role`).Type, 'AWS::IAM::Role');
      roles.add(`${state}Role`);
      assert.deepEqual(fn.Properties['TracingConfig'], { Mode: 'Active' }, `${state}: X-Ray active tracing`);
      const logGroup = res(`${state}LogGroup`);
      assert.equal(typeof logGroup.Properties['RetentionInDays'], 'number');
    }
    assert.equal(roles.size, TASK_STATES.length);
    assert.equal(template.Resources['IamRoleLambdaExecution'], undefined, 'no shared default role');
  });

  // Which actions each role may grant is derived from the bundled code in iam-checks.ts, not typed by hand here.
  it('no IAM role has a wildcard action or a managed policy; each function logs only to its own log group', () => {
    for (const [id, r] of Object.entries(template.Resources)) {
      if (r.Type !== 'AWS::IAM::Role') continue;
      assert.equal(r.Properties['ManagedPolicyArns'], undefined, id);
      for (const s of statementsOf(r)) {
        assert.equal(s.Effect, 'Allow');
        for (const a of actionsOf(s)) assert.ok(!a.includes('*'), `${id}: wildcard action ${a}`);
      }
    }
    for (const state of TASK_STATES) {
      const statements = statementsOf(res(`${state}Role`));
      const logs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
      assert.equal(logs.length, 1);
      assert.deepEqual(actionsOf(logs[0] as Statement).sort(), ['logs:CreateLogStream', 'logs:PutLogEvents']);
      assert.deepEqual(logs[0]?.Resource, { 'Fn::GetAtt': [`${state}LogGroup`, 'Arn'] }, `${state} logs only to its own group`);
    }
  });

  it('defines the state machine from the checked-in ASL (TimeoutSeconds included), with every catalog error name, invoking published versions', () => {
    const [smId, sm] = Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine') ?? [];
    assert.equal(smId, 'ProvisionStateMachine');
    assert.ok(sm);
    assert.equal(sm.Properties['StateMachineType'], 'STANDARD');
    assert.deepEqual(sm.Properties['RoleArn'], { 'Fn::GetAtt': ['StateMachineRole', 'Arn'] });
    const { definition, body, invoked } = packagedDefinition(template, 'ProvisionStateMachine');
    assert.deepEqual(definition, JSON.parse(readFileSync(ASL_PATH, 'utf8')));
    assert.equal(typeof (definition as { TimeoutSeconds?: unknown }).TimeoutSeconds, 'number');
    assertInvokesVersions(invoked, body, TASK_STATES);
    assert.doesNotMatch(body, /JSONata/);
    for (const name of new Set(ERROR_CATALOG.filter((r) => machineOf(r.state) === 'provision').map((r) => r.name))) {
      assert.ok(body.includes(`"${name}"`), `definition lacks ${name}`);
    }
    const logging = sm.Properties['LoggingConfiguration'] as { Level: string; IncludeExecutionData: boolean };
    assert.equal(logging.IncludeExecutionData, false);
    assert.deepEqual(sm.Properties['TracingConfiguration'], { Enabled: true });
  });

  it('the state machine role may invoke only the versions of its Task functions and put events only on the bus', () => {
    const statements = statementsOf(res('StateMachineRole'));
    const invoke = statements.filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
    assert.equal(invoke.length, 1);
    assert.deepEqual(actionsOf(invoke[0] as Statement), ['lambda:InvokeFunction']);
    assert.deepEqual(new Set((invoke[0]?.Resource as Json[]).map((r) => JSON.stringify(r))), versionsOf(TASK_STATES));
    const put = statements.filter((s) => actionsOf(s).includes('events:PutEvents'));
    assert.equal(put.length, 1);
    assert.deepEqual(put[0]?.Resource, { 'Fn::GetAtt': ['EventBus', 'Arn'] });
    for (const s of statements) {
      if (s.Resource === '*') {
        assert.ok(actionsOf(s).every((a) => a.startsWith('logs:') || a.startsWith('xray:')), JSON.stringify(s));
      }
    }
  });

  it('creates the EventBridge custom bus', () => {
    const bus = res('EventBus');
    assert.equal(bus.Type, 'AWS::Events::EventBus');
    assert.equal(bus.Properties['Name'], 'ad-cert-orchestrator-test');
  });

  it('bundles each function as one minified ESM .mjs that loads and exports handler', async (t) => {
    if (!onPath('unzip')) {
      t.skip('unzip not on PATH: bundle load check skipped');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'sls-bundles-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    for (const state of TASK_STATES) {
      const { key, file } = FUNCTIONS[state];
      const listing = spawnSync('unzip', ['-Z1', join(OUT, `${key}.zip`)], { encoding: 'utf8' });
      assert.deepEqual(listing.stdout.trim().split('\n'), [`src/handlers/${file}.mjs`]);
      const target = join(dir, key);
      assert.equal(spawnSync('unzip', ['-q', '-o', join(OUT, `${key}.zip`), '-d', target]).status, 0);
      const mod = (await import(pathToFileURL(join(target, 'src', 'handlers', `${file}.mjs`)).href)) as { handler?: unknown };
      assert.equal(typeof mod.handler, 'function', `${key} exports handler`);
    }
  });

  // Lambda reports `errorType = error.name` and the project's errors take their name from their class: a minifier that
  // renames classes breaks every Retry/Catch on them. keepNames registers each class name as a string literal.
  it('keeps the class name of every project error in every bundle (errorType stays what the ASL matches)', async (t) => {
    const paths = bundles();
    if (!paths) {
      t.skip('unzip not on PATH: bundle check skipped');
      return;
    }
    const errorClasses = projectErrorClasses();
    assert.ok(errorClasses.has('InvalidRequestError') && errorClasses.size >= 8, [...errorClasses].join(', '));
    const checked = new Set<string>();
    for (const fn of packagedFunctions(template)) {
      // Which project error classes this function's code contains: an unminified build of its entry point.
      const plain = await build({
        entryPoints: [join(ROOT, fn.file.replace(/\.mjs$/, '.ts'))],
        bundle: true, write: false, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent',
      });
      const defined = [...(plain.outputFiles[0]?.text ?? '').matchAll(/(?:class (\w+)|(\w+) = class) extends/g)]
        .map((m) => (m[1] ?? m[2]) as string)
        .filter((n) => errorClasses.has(n));
      const bundle = readFileSync(paths.get(fn.key) ?? '', 'utf8');
      for (const name of defined) {
        assert.match(bundle, new RegExp(`\\((?:this|[\\w$]+),"${name}"\\)`), `${fn.key}: class ${name} is renamed by minification`);
        checked.add(name);
      }
    }
    t.diagnostic(`class names kept: ${[...checked].sort().join(', ')}`);
    assert.ok(checked.has('InvalidRequestError') && checked.has('DirectoryCreationInProgressError'), [...checked].join(', '));
  });

  it('a packaged bundle throws InvalidRequestError by that name for an invalid input (no AWS call)', (t) => {
    const paths = bundles();
    if (!paths) {
      t.skip('unzip not on PATH: bundle invoke skipped');
      return;
    }
    const validate = invokeBundle(paths.get('validateRequest') ?? '', {
      ExecutionId: 'arn:aws:states:us-east-1:111122223333:execution:m:x',
      Request: { Directory: { Name: 'not a name' } },
    });
    assert.equal(validate.errorType, 'InvalidRequestError', JSON.stringify(validate));
    assert.match(validate.errorMessage ?? '', /Directory\.Name/);
  });

  it('a packaged start function succeeds for a rejected event carrying a password even with its DLQ unreachable, and prints no password', (t) => {
    const paths = bundles();
    if (!paths) {
      t.skip('unzip not on PATH: bundle invoke skipped');
      return;
    }
    const start = invokeBundle(paths.get('startFromEvent') ?? '', { id: 'e-1', 'detail-type': 'Provisioning Requested', detail: { Directory: { Password: 'Bundl3-Secret!' } } }, {
      STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:111122223333:stateMachine:m',
      DEAD_LETTER_QUEUE_URL: 'http://127.0.0.1:9/111122223333/dlq',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'x',
      POWERTOOLS_LOG_LEVEL: 'DEBUG',
    });
    const result = start.result as { rejected?: boolean; deadLettered?: boolean } | undefined;
    assert.deepEqual([result?.rejected, result?.deadLettered], [true, false], JSON.stringify(start));
    assert.match(`${start.stdout}${start.stderr}`, /malformed provisioning event/);
    assert.ok(!`${start.stdout}${start.stderr}`.includes('Bundl3-Secret!'));
  });

  it('no bundle prints a warning when loaded (DEP0040 punycode and any other deprecation)', (t) => {
    const paths = bundles();
    if (!paths) {
      t.skip('unzip not on PATH: bundle load check skipped');
      return;
    }
    for (const [key, path] of paths) {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(path).href)})`], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { PATH: process.env['PATH'] ?? '', AWS_REGION: 'us-east-1' },
      });
      assert.equal(run.status, 0, `${key}: ${run.stderr}`);
      assert.doesNotMatch(run.stderr, /Warning/, `${key} prints a warning on load`);
      assert.doesNotMatch(readFileSync(path, 'utf8'), /from\s*"punycode"|require\("punycode"\)/, `${key} imports the core punycode module`);
    }
  });

  triggerTemplateChecks(() => template);
  teardownTemplateChecks(() => template);
  monitoringTemplateChecks(() => template);
  dataProtectionChecks(() => template);
  iamChecks(() => readTemplate(OUT));

  it('cfn-lint, informational checks included: no error, and every finding is one accepted below with its reason', (t) => {
    const findings = cfnLint(t, TEMPLATE);
    if (!findings) return;
    const unexplained = findings.filter((f) => !ACCEPTED_LINT.some((a) => a.rule === f.rule && a.where.test(f.where)));
    assert.deepEqual(unexplained.map((f) => `${f.rule} ${f.where}: ${f.message}`), [], 'cfn-lint findings nobody accepted');
    for (const a of ACCEPTED_LINT) assert.ok(findings.some((f) => f.rule === a.rule && a.where.test(f.where)), `stale acceptance ${a.rule} ${String(a.where)}`);
    for (const a of ACCEPTED_LINT) t.diagnostic(`accepted ${a.rule} x${findings.filter((f) => f.rule === a.rule && a.where.test(f.where)).length}: ${a.reason}`);
  });
});

/**
 * The cfn-lint findings of the packaged template that stay, each with why (the informational ones included:
 * `cfn-lint -c I`). Anything else fails the test; an entry that matches nothing fails it too.
 */
const ACCEPTED_LINT: { rule: string; where: RegExp; reason: string }[] = [
  {
    rule: 'W3005',
    where: /^Resources\/\w+LambdaFunction$/,
    reason: 'osls adds DependsOn on the role a function names, which its Role Fn::GetAtt already implies: redundant, harmless, generated',
  },
  {
    rule: 'I1022',
    where: /^(Resources\/(ServerlessDeploymentBucketPolicy|ApiGatewayMethod\w+|\w+LambdaPermissionApiGateway)|Outputs\/ServiceEndpoint)$/,
    reason: 'Fn::Join with an empty delimiter written by osls (bucket policy, API methods and permissions, the endpoint output)',
  },
  {
    rule: 'I3042',
    where: /^Resources\/(ProvisionStateMachine|TeardownStateMachine)$/,
    reason: 'the checked-in ASL (also run locally) names the integration arn:aws:states:::events:putEvents: the stack targets the aws partition (docs/architecture.md known limits)',
  },
];

interface LintFinding {
  rule: string;
  /** `Resources/<id>` or `Outputs/<id>`. */
  where: string;
  message: string;
}

/** cfn-lint with informational checks over a template, or undefined (and a printed reason) when cfn-lint is absent. */
const cfnLint = (t: TestContext, template: string): LintFinding[] | undefined => {
  if (!onPath('cfn-lint')) {
    t.skip('cfn-lint not on PATH: template lint skipped');
    console.log('# cfn-lint not on PATH: template lint skipped');
    return undefined;
  }
  const run = spawnSync('cfn-lint', ['--include-checks', 'I', '--format', 'json', '--', template], { encoding: 'utf8', timeout: GENEROUS_CHILD_MS });
  assert.equal(run.error, undefined, String(run.error));
  // exit status bits: 1 = crashed, 2 = errors, 4 = warnings, 8 = informational
  assert.equal((run.status ?? 0) & 1, 0, `cfn-lint crashed: ${run.stderr}`);
  const raw = JSON.parse(run.stdout || '[]') as { Rule: { Id: string }; Location: { Path: (string | number)[] }; Message: string }[];
  const findings = raw.map((f) => ({ rule: f.Rule.Id, where: f.Location.Path.slice(0, 2).join('/'), message: f.Message }));
  assert.deepEqual(findings.filter((f) => f.rule.startsWith('E')), [], 'cfn-lint errors');
  return findings;
};

describe('serverless package with the deploy parameters kmsKeyArn and stackTags (offline)', () => {
  const out = join(tmpdir(), `sls-params-${process.pid}`);
  let withParams: Template;
  const firstZips = new Map<string, Buffer>();
  before(async () => {
    // The same code as the packaging above: its zips, not a second build (reuseBundles=true). Packaging empties
    // .serverless/, so its zips are read first.
    for (const fn of packagedFunctions(template)) firstZips.set(`${fn.key}.zip`, readFileSync(fn.zip));
    withParams = await packageService({ out, params: { kmsKeyArn: SAMPLE_KEY, stackTags: SAMPLE_TAGS }, reuseBundles: true });
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('reuses the zips of the packaging without parameters byte for byte (reuseBundles=true), so the function versions are the same', () => {
    const zips = packagedFunctions(withParams).map((fn) => `${fn.key}.zip`);
    assert.deepEqual(zips.sort(), [...firstZips.keys()].sort());
    for (const zip of zips) assert.ok(readFileSync(join(out, zip)).equals(firstZips.get(zip) ?? Buffer.alloc(0)), `${zip} differs`);
    const versions = (t: Template): string[] => Object.keys(t.Resources).filter((id) => t.Resources[id]?.Type === 'AWS::Lambda::Version').sort();
    assert.deepEqual(versions(withParams), versions(template));
  });

  withParametersChecks(() => withParams, () => out);
  // The template with a customer managed key asks the most of the deployer (KMS for the table and the bus).
  deployerChecks(() => readTemplate(out));

  it('cfn-lint finds no more in it than in the template without them', (t) => {
    const findings = cfnLint(t, join(out, 'cloudformation-template-update-stack.json'));
    if (!findings) return;
    const unexplained = findings.filter((f) => !ACCEPTED_LINT.some((a) => a.rule === f.rule && a.where.test(f.where)));
    assert.deepEqual(unexplained.map((f) => `${f.rule} ${f.where}: ${f.message}`), []);
  });
});
