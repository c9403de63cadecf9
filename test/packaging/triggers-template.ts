/**
 * Template checks for the triggers (serverless/triggers.yml, serverless/triggers-resources.yml, wired into
 * serverless.yml): the EventBridge rule + target retry policy + DLQ, the API methods with AWS_IAM and the request
 * model, least-privilege roles (the start function may start only this state machine). Registered by
 * serverless-package.test.ts so the service is packaged (and cfn-linted) once.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ROOT, actionsOf as actions, resource, statementsOf as allStatementsOf } from '../support/packaging.ts';
import type { Json, Resource, Template } from '../support/packaging.ts';

const EXECUTIONS = { 'Fn::Sub': 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${ProvisionStateMachine.Name}:*' };

export function triggerTemplateChecks(getTemplate: () => Template): void {
  const res = (id: string): Resource => resource(getTemplate(), id);
  it('EventBridge: a rule on the project bus for Provisioning Requested, target with retry policy and the SQS DLQ', () => {
    const rules = Object.values(getTemplate().Resources).filter((r) => r.Type === 'AWS::Events::Rule' && r.Properties['EventBusName'] !== undefined);
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

  it('API: the deployment waits for every gateway response, so the first deploy serves the JSON 400 body', () => {
    const entries = Object.entries(getTemplate().Resources);
    const responses = entries.filter(([, r]) => r.Type === 'AWS::ApiGateway::GatewayResponse').map(([id]) => id);
    const deployments = entries.filter(([, r]) => r.Type === 'AWS::ApiGateway::Deployment');
    assert.ok(responses.includes('BadRequestBodyGatewayResponse'), responses.join(', '));
    assert.equal(deployments.length, 1);
    const dependsOn = [deployments[0]?.[1].DependsOn ?? []].flat();
    for (const id of responses) assert.ok(dependsOn.includes(id), `deployment DependsOn lacks ${id}: ${dependsOn.join(', ')}`);
  });

  it('API: POST /provisionings and GET /provisionings/{id} require AWS_IAM; POST validates the body against the model', () => {
    const methods = Object.values(getTemplate().Resources).filter((r) => r.Type === 'AWS::ApiGateway::Method');
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
    // The X-Ray writes of active tracing have no resource types (Resource *): the IAM check derives and checks them.
    const statementsOf = (role: Resource) => allStatementsOf(role).filter((s) => !actions(s).every((a) => a.startsWith('xray:')));
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
}
