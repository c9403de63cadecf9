/**
 * Template checks for the triggers (serverless/triggers.yml, serverless/triggers-resources.yml, wired into
 * serverless.yml): the EventBridge rules + target retry policy + DLQ, the API methods with AWS_IAM and the request
 * model, least-privilege roles (each start function may start only its state machine). Registered by
 * serverless-package.test.ts so the service is packaged (and cfn-linted) once.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ROOT, actionsOf as actions, resource, statementsOf as allStatementsOf } from '../support/packaging.ts';
import type { Json, Resource, Template } from '../support/packaging.ts';

const EXECUTIONS = { 'Fn::Sub': 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${ProvisionStateMachine.Name}:*' };
const TEARDOWN_EXECUTIONS = { 'Fn::Sub': 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${TeardownStateMachine.Name}:*' };

export function triggerTemplateChecks(getTemplate: () => Template): void {
  const res = (id: string): Resource => resource(getTemplate(), id);
  it('EventBridge: a rule on the project bus per request detail-type, target with retry policy and the SQS DLQ', () => {
    const rules = Object.values(getTemplate().Resources).filter((r) => r.Type === 'AWS::Events::Rule' && r.Properties['EventBusName'] !== undefined);
    assert.equal(rules.length, 2);
    const starters: Record<string, string> = { 'Provisioning Requested': 'StartFromEvent', 'Deprovisioning Requested': 'StartTeardownFromEvent' };
    for (const [detailType, fn] of Object.entries(starters)) {
      const rule = rules.find((r) => (r.Properties['EventPattern'] as { 'detail-type'?: Json[] })['detail-type']?.[0] === detailType);
      assert.ok(rule, detailType);
      assert.deepEqual(rule.Properties['EventBusName'], { 'Fn::GetAtt': ['EventBus', 'Name'] });
      assert.deepEqual(rule.Properties['EventPattern'], { source: ['ad-cert-orchestrator.requests'], 'detail-type': [detailType] });
      const [target] = rule.Properties['Targets'] as { [k: string]: Json }[];
      assert.deepEqual(target?.['Arn'], { 'Fn::GetAtt': [`${fn}LambdaFunction`, 'Arn'] });
      assert.deepEqual(target?.['DeadLetterConfig'], { Arn: { 'Fn::GetAtt': ['TriggersDeadLetterQueue', 'Arn'] } });
      assert.deepEqual(target?.['RetryPolicy'], { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 }, detailType);
      // failed invocations (malformed events, exhausted retries) go to the same queue
      const invokeConfig = res(`${fn}LambdaEvConf`);
      assert.deepEqual(invokeConfig.Properties['DestinationConfig'], { OnFailure: { Destination: { 'Fn::GetAtt': ['TriggersDeadLetterQueue', 'Arn'] } } });
      assert.equal(invokeConfig.Properties['MaximumRetryAttempts'], 2, fn);
    }
    assert.equal(res('TriggersDeadLetterQueue').Type, 'AWS::SQS::Queue');
    // the queue accepts dead letters from exactly these two rules and the execution status rule
    const [policy] = (res('TriggersDeadLetterQueuePolicy').Properties['PolicyDocument'] as { Statement: { Condition: { ArnEquals: Record<string, Json[]> } }[] }).Statement;
    assert.equal(policy?.Condition.ArnEquals['aws:SourceArn']?.length, 3);
  });

  it('EventBridge: the status changes of both state machines (default bus) go to record-execution-status, retried, then the DLQ', () => {
    const rules = Object.values(getTemplate().Resources).filter(
      (r) => r.Type === 'AWS::Events::Rule' && JSON.stringify(r.Properties['Targets']).includes('RecordExecutionStatusLambdaFunction'),
    );
    assert.equal(rules.length, 1);
    const rule = rules[0] as Resource;
    assert.equal(rule.Properties['EventBusName'], undefined, 'Step Functions puts them on the default bus');
    assert.deepEqual(rule.Properties['EventPattern'], {
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { stateMachineArn: [{ Ref: 'ProvisionStateMachine' }, { Ref: 'TeardownStateMachine' }] },
    });
    const [target] = rule.Properties['Targets'] as { [k: string]: Json }[];
    assert.deepEqual(target?.['DeadLetterConfig'], { Arn: { 'Fn::GetAtt': ['TriggersDeadLetterQueue', 'Arn'] } });
    assert.deepEqual(target?.['RetryPolicy'], { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 });
    const [policy] = (res('TriggersDeadLetterQueuePolicy').Properties['PolicyDocument'] as { Statement: { Condition: { ArnEquals: Record<string, Json[]> } }[] }).Statement;
    assert.ok(JSON.stringify(policy?.Condition.ArnEquals['aws:SourceArn']).includes(':rule/${self:service}-${sls:stage}-execution-status'.replace('${self:service}-${sls:stage}', 'ad-cert-orchestrator-test')));
  });

  it('API: a REGIONAL REST API whose stage resource traces (X-Ray) and writes JSON access logs with the request id to its own log group', () => {
    const api = res('ApiGatewayRestApi').Properties;
    assert.deepEqual(api['EndpointConfiguration'], { Types: ['REGIONAL'] });
    const deployments = Object.entries(getTemplate().Resources).filter(([, r]) => r.Type === 'AWS::ApiGateway::Deployment');
    assert.equal(deployments.length, 1);
    const [deploymentId, deployment] = deployments[0] ?? [];
    assert.equal(deployment?.Properties['StageName'], undefined, 'the deployment creates no stage: the stage is a resource');
    const stage = res('ApiGatewayStage').Properties;
    assert.deepEqual(stage['DeploymentId'], { Ref: deploymentId });
    assert.deepEqual(stage['RestApiId'], { Ref: 'ApiGatewayRestApi' });
    assert.equal(stage['StageName'], 'test');
    assert.equal(stage['TracingEnabled'], true);
    const access = stage['AccessLogSetting'] as { DestinationArn: Json; Format: string };
    assert.deepEqual(access.DestinationArn, { 'Fn::GetAtt': ['ApiAccessLogGroup', 'Arn'] });
    const format = JSON.parse(access.Format) as Record<string, string>;
    assert.equal(format['requestId'], '$context.requestId');
    assert.ok(Object.values(format).every((v) => !/body|validationErrorString|requestOverride/i.test(v)), 'no request body in the access log');
    assert.deepEqual(stage['MethodSettings'], [{ ResourcePath: '/*', HttpMethod: '*', LoggingLevel: 'OFF', DataTraceEnabled: false, MetricsEnabled: false }]);
    assert.equal(res('ApiAccessLogGroup').Type, 'AWS::Logs::LogGroup');
  });

  it('both start functions get the dead-letter queue for the rejected events they put there themselves', () => {
    for (const fn of ['StartFromEventLambdaFunction', 'StartTeardownFromEventLambdaFunction']) {
      const env = (res(fn).Properties['Environment'] as { Variables: Record<string, Json> }).Variables;
      assert.deepEqual(env['DEAD_LETTER_QUEUE_URL'], { Ref: 'TriggersDeadLetterQueue' }, fn);
    }
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

  it('API: POST /provisionings, GET, PUT and DELETE /provisionings/{id} require AWS_IAM; POST and PUT validate the body against their models', () => {
    const methods = Object.values(getTemplate().Resources).filter((r) => r.Type === 'AWS::ApiGateway::Method');
    const byVerb = new Map(methods.map((m) => [m.Properties['HttpMethod'], m]));
    assert.deepEqual([...byVerb.keys()].sort(), ['DELETE', 'GET', 'POST', 'PUT']);
    for (const verb of ['DELETE', 'PUT']) assert.deepEqual(byVerb.get(verb)?.Properties['ResourceId'], byVerb.get('GET')?.Properties['ResourceId'], `${verb} is on /provisionings/{id}`);
    for (const verb of ['POST', 'GET', 'PUT', 'DELETE']) assert.equal(byVerb.get(verb)?.Properties['AuthorizationType'], 'AWS_IAM', verb);
    assert.ok(byVerb.get('PUT')?.Properties['RequestValidatorId']);
    const updateModel = Object.entries(getTemplate().Resources).find(([id, r]) => r.Type === 'AWS::ApiGateway::Model' && /Put/.test(id))?.[1];
    assert.deepEqual(updateModel?.Properties['Schema'], JSON.parse(readFileSync(join(ROOT, 'src/api/provisioning-update.schema.json'), 'utf8')) as Json);
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
    assert.deepEqual(get.flatMap(actions).sort(), ['dynamodb:GetItem', 'logs:CreateLogStream', 'logs:PutLogEvents', 'states:DescribeExecution', 'states:DescribeExecution', 'states:GetExecutionHistory'].sort());
    assert.deepEqual(get.find((s) => actions(s).includes('dynamodb:GetItem'))?.Resource, { 'Fn::GetAtt': ['ProvisioningRecordsTable', 'Arn'] }, 'GET reads the records only');
    assert.deepEqual(get.find((s) => actions(s).includes('states:GetExecutionHistory'))?.Resource, EXECUTIONS);
    assert.deepEqual(get.filter((s) => actions(s).includes('states:DescribeExecution')).map((s) => s.Resource), [EXECUTIONS, TEARDOWN_EXECUTIONS]);

    // The teardown's starters may start only the teardown state machine, and read its executions.
    for (const role of ['ApiDeleteProvisioningRole', 'StartTeardownFromEventRole']) {
      const statements = statementsOf(res(role));
      const starts = statements.filter((s) => actions(s).includes('states:StartExecution'));
      assert.deepEqual(starts.map((s) => s.Resource), [{ Ref: 'TeardownStateMachine' }], role);
      assert.ok(statements.some((s) => actions(s).includes('states:DescribeExecution') && JSON.stringify(s.Resource) === JSON.stringify(TEARDOWN_EXECUTIONS)), role);
      for (const s of statements) assert.notEqual(s.Resource, '*', `${role}: ${s.Sid ?? ''}`);
    }
    assert.deepEqual(statementsOf(res('StartTeardownFromEventRole')).flatMap(actions).sort(),
      ['logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:SendMessage', 'states:DescribeExecution', 'states:StartExecution'].sort());
    const del = statementsOf(res('ApiDeleteProvisioningRole'));
    assert.deepEqual(del.flatMap(actions).sort(),
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'logs:CreateLogStream', 'logs:PutLogEvents', 'states:DescribeExecution', 'states:DescribeExecution', 'states:StartExecution'].sort());
    // PUT starts a provisioning execution, never a teardown, and writes only its claim
    const put = statementsOf(res('ApiUpdateProvisioningRole'));
    assert.deepEqual(put.filter((s) => actions(s).includes('states:StartExecution')).map((s) => s.Resource), [{ Ref: 'ProvisionStateMachine' }]);
    assert.deepEqual(put.filter((s) => actions(s).includes('dynamodb:PutItem')).map((s) => s.Resource), [{ 'Fn::GetAtt': ['CoordinationTable', 'Arn'] }]);
    for (const s of put) assert.notEqual(s.Resource, '*', s.Sid);
    assert.deepEqual(del.filter((s) => actions(s).includes('states:DescribeExecution')).map((s) => s.Resource), [EXECUTIONS, TEARDOWN_EXECUTIONS]);

    const create = statementsOf(res('ApiCreateProvisioningRole'));
    const secrets = create.find((s) => actions(s).includes('secretsmanager:CreateSecret'));
    assert.deepEqual(secrets?.Resource, {
      'Fn::Sub': 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:ad-cert-orchestrator/${ProvisionStateMachine.Name}/*',
    });
    // ListSecrets has no resource type (only * allows it): its statement holds that action alone.
    const listing = create.filter((s) => actions(s).includes('secretsmanager:ListSecrets'));
    assert.deepEqual(listing.map((s) => [actions(s), s.Resource]), [[['secretsmanager:ListSecrets'], '*']]);
    for (const s of [...get, ...create.filter((c) => !listing.includes(c))]) assert.notEqual(s.Resource, '*', s.Sid);
  });

  it('every trigger function gets the ARN of each state machine it reads or starts from the stack', () => {
    const envOf = (fn: string) => (res(fn).Properties['Environment'] as { Variables: Record<string, Json> }).Variables;
    for (const fn of ['StartFromEventLambdaFunction', 'ApiCreateProvisioningLambdaFunction', 'ApiGetProvisioningLambdaFunction', 'ApiDeleteProvisioningLambdaFunction']) {
      assert.deepEqual(envOf(fn)['STATE_MACHINE_ARN'], { Ref: 'ProvisionStateMachine' }, fn);
    }
    for (const fn of ['ApiGetProvisioningLambdaFunction', 'ApiDeleteProvisioningLambdaFunction', 'StartTeardownFromEventLambdaFunction']) {
      assert.deepEqual(envOf(fn)['TEARDOWN_STATE_MACHINE_ARN'], { Ref: 'TeardownStateMachine' }, fn);
    }
    assert.equal(envOf('StartTeardownFromEventLambdaFunction')['STATE_MACHINE_ARN'], undefined, 'the teardown event never reaches the provisioning');
  });
}
