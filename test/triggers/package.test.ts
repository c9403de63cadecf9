/**
 * The trigger fragments (serverless/triggers.yml, serverless/triggers-resources.yml) packaged together with the
 * project's serverless.yml, offline, in a scratch directory (so the repo's .serverless/ is not touched): the
 * EventBridge rule + target retry policy + DLQ, the API methods with AWS_IAM and the request model, least-privilege
 * roles (the start function may start only this state machine), and cfn-lint without errors.
 *
 * If serverless.yml does not include the fragments yet, the scratch copy wires them the documented way (the
 * existing `functions` map and `resources` block become the first items of arrays, the fragments the second).
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';

const ROOT = new URL('../../', import.meta.url).pathname;
const SERVERLESS_BIN = join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Resource {
  Type: string;
  Properties: Record<string, Json>;
  Metadata?: Json;
}
interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: Json;
}

/** Turns a top-level `key:` map block of serverless.yml into a one-item array and appends `- ${file(fragment)}`. */
export const wireBlock = (yaml: string, key: string, fragment: string): string => {
  const start = yaml.search(new RegExp(`^${key}:\\s*$`, 'm'));
  if (start < 0) throw new Error(`serverless.yml has no top-level ${key}:`);
  const bodyStart = yaml.indexOf('\n', start) + 1;
  const rest = yaml.slice(bodyStart);
  const endMatch = /^\S/m.exec(rest);
  const body = endMatch ? rest.slice(0, endMatch.index) : rest;
  let first = true;
  const lines = body.replace(/\n+$/, '').split('\n').map((line) => {
    if (first && /^ {2}\S/.test(line)) {
      first = false;
      return `  - ${line.slice(2)}`;
    }
    return line.length > 0 ? `  ${line}` : line;
  });
  return `${yaml.slice(0, bodyStart)}${lines.join('\n')}\n  - \${file(${fragment})}\n\n${rest.slice(body.length)}`;
};

let template: { Resources: Record<string, Resource> };
let dir: string;
const res = (id: string): Resource => {
  const r = template.Resources[id];
  assert.ok(r, `template lacks ${id}`);
  return r;
};
const statementsOf = (role: Resource): Statement[] =>
  ((role.Properties['Policies'] ?? []) as unknown as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
    (p) => p.PolicyDocument.Statement,
  );
const actions = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const EXECUTIONS = { 'Fn::Sub': 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${ProvisionStateMachine.Name}:*' };

describe('serverless package with the trigger fragments (offline)', { timeout: 120_000 }, () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'triggers-package-'));
    for (const entry of ['src', 'statemachine', 'serverless', 'node_modules', 'package.json', 'tsconfig.json']) {
      symlinkSync(join(ROOT, entry), join(dir, entry));
    }
    let yaml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');
    if (!yaml.includes('serverless/triggers.yml')) yaml = wireBlock(yaml, 'functions', './serverless/triggers.yml');
    if (!yaml.includes('serverless/triggers-resources.yml')) yaml = wireBlock(yaml, 'resources', './serverless/triggers-resources.yml');
    writeFileSync(join(dir, 'serverless.yml'), yaml);
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? tmpdir(),
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_REGION: 'us-east-1',
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      CI: '1',
    };
    try {
      await promisify(execFile)(process.execPath, [SERVERLESS_BIN, 'package', '--stage', 'test', '--region', 'us-east-1'], {
        cwd: dir, env, timeout: 100_000, maxBuffer: 16 * 1024 * 1024,
      });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      throw new Error(`serverless package failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    }
    template = JSON.parse(readFileSync(join(dir, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8')) as typeof template;
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('EventBridge: a rule on the project bus for Provisioning Requested, target with retry policy and the SQS DLQ', () => {
    const rules = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Events::Rule');
    assert.equal(rules.length, 1);
    const rule = rules[0] as Resource;
    assert.deepEqual(rule.Properties['EventBusName'], { 'Fn::GetAtt': ['EventBus', 'Name'] });
    assert.deepEqual(rule.Properties['EventPattern'], { source: ['ad-cert-orchestrator.requests'], 'detail-type': ['Provisioning Requested'] });
    const [target] = rule.Properties['Targets'] as { [k: string]: Json }[];
    assert.deepEqual(target?.['Arn'], { 'Fn::GetAtt': ['StartFromEventLambdaFunction', 'Arn'] });
    assert.deepEqual(target?.['DeadLetterConfig'], { Arn: { 'Fn::GetAtt': ['TriggersDeadLetterQueue', 'Arn'] } });
    assert.ok(target?.['RetryPolicy']);
    assert.equal(res('TriggersDeadLetterQueue').Type, 'AWS::SQS::Queue');
    // failed invocations (malformed events, exhausted retries) go to the same queue
    const invokeConfig = res('StartFromEventLambdaEvConf');
    assert.deepEqual(invokeConfig.Properties['DestinationConfig'], { OnFailure: { Destination: { 'Fn::GetAtt': ['TriggersDeadLetterQueue', 'Arn'] } } });
  });

  it('API: POST /provisionings and GET /provisionings/{id} require AWS_IAM; POST validates the body against the model', () => {
    const methods = Object.values(template.Resources).filter((r) => r.Type === 'AWS::ApiGateway::Method');
    const byVerb = new Map(methods.map((m) => [m.Properties['HttpMethod'], m]));
    for (const verb of ['POST', 'GET']) assert.equal(byVerb.get(verb)?.Properties['AuthorizationType'], 'AWS_IAM', verb);
    assert.equal(methods.some((m) => m.Properties['AuthorizationType'] === 'NONE' && m.Properties['HttpMethod'] !== 'OPTIONS'), false);
    assert.equal(methods.some((m) => m.Properties['HttpMethod'] === 'OPTIONS'), false, 'CORS is off');
    const post = byVerb.get('POST') as Resource;
    assert.ok(post.Properties['RequestValidatorId']);
    const model = res('ApiGatewayMethodProvisioningsPostApplicationJsonModel');
    const schema = JSON.parse(readFileSync(join(ROOT, 'src/api/provisioning-request.schema.json'), 'utf8')) as Json;
    assert.deepEqual(model.Properties['Schema'], schema);
    assert.equal(res('BadRequestBodyGatewayResponse').Properties['ResponseType'], 'BAD_REQUEST_BODY');
  });

  it('roles: the start function may start only this state machine (no *), the API roles only what their code calls', () => {
    const start = statementsOf(res('StartFromEventRole'));
    const startExec = start.filter((s) => actions(s).includes('states:StartExecution'));
    assert.equal(startExec.length, 1);
    assert.deepEqual(startExec[0]?.Resource, { Ref: 'ProvisionStateMachine' });
    for (const s of start) {
      assert.notEqual(s.Resource, '*', s.Sid);
      assert.ok(actions(s).every((a) => !a.includes('*')), s.Sid);
    }
    assert.deepEqual(start.flatMap(actions).sort(), ['logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:SendMessage', 'states:DescribeExecution', 'states:StartExecution'].sort());
    assert.deepEqual(start.find((s) => actions(s).includes('states:DescribeExecution'))?.Resource, EXECUTIONS);

    const get = statementsOf(res('ApiGetProvisioningRole'));
    assert.deepEqual(get.flatMap(actions).sort(), ['logs:CreateLogStream', 'logs:PutLogEvents', 'states:DescribeExecution', 'states:GetExecutionHistory'].sort());
    assert.deepEqual(get.find((s) => actions(s).includes('states:GetExecutionHistory'))?.Resource, EXECUTIONS);

    const create = statementsOf(res('ApiCreateProvisioningRole'));
    const secrets = create.find((s) => actions(s).includes('secretsmanager:CreateSecret'));
    assert.deepEqual(secrets?.Resource, {
      'Fn::Sub': 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:ad-cert-orchestrator/${ProvisionStateMachine.Name}/*',
    });
    for (const s of [...get, ...create]) assert.notEqual(s.Resource, '*', s.Sid);
  });

  it('every trigger function gets STATE_MACHINE_ARN from the state machine', () => {
    for (const fn of ['StartFromEventLambdaFunction', 'ApiCreateProvisioningLambdaFunction', 'ApiGetProvisioningLambdaFunction']) {
      const env = (res(fn).Properties['Environment'] as { Variables: Record<string, Json> }).Variables;
      assert.deepEqual(env['STATE_MACHINE_ARN'], { Ref: 'ProvisionStateMachine' }, fn);
    }
  });

  it('passes cfn-lint without errors', (t) => {
    if (spawnSync('sh', ['-c', 'command -v cfn-lint']).status !== 0) {
      t.skip('cfn-lint not on PATH: template lint skipped');
      return;
    }
    const run = spawnSync('cfn-lint', ['--format', 'parseable', join(dir, '.serverless', 'cloudformation-template-update-stack.json')], {
      encoding: 'utf8', timeout: 60_000,
    });
    const lines = run.stdout.split('\n').filter(Boolean);
    for (const line of lines) t.diagnostic(`cfn-lint: ${line}`);
    assert.deepEqual(lines.filter((l) => /:E\d{4}:/.test(l)), [], 'cfn-lint errors');
  });
});
