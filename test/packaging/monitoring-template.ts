/**
 * Template checks for monitoring (serverless/monitoring.yml and the state machines' `alarms:`), by what pages
 * (docs/operations.md#what-pages): every state machine alarms on timed-out and throttled executions; a failed
 * execution is one message unless its error is the caller's own input (CALLER_INPUT_ERRORS); the triggers DLQ alarms
 * when not empty; the API alarms on 5XX; no alarm counts what the state machine retries or catches (Lambda Errors,
 * ExecutionsFailed). All of them reach the alarm topic, whose one policy lets exactly those publishers in.
 * Registered by serverless-package.test.ts.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { METRIC_NAMES } from '../../src/domain/metrics.ts';
import { CALLER_INPUT_ERRORS, ERROR_CATALOG } from '../../src/workflow/catalog.ts';
import { resource } from '../support/packaging.ts';
import { matchesPattern } from '../support/event-pattern.ts';
import { TemplateResolver } from '../../tools/verify/cfn.ts';
import type { CfnTemplate } from '../../tools/verify/cfn.ts';
import type { Json, Resource, Template } from '../support/packaging.ts';

type Obj = Record<string, Json>;
const TOPIC = { Ref: 'AlarmTopic' };

const ofType = (t: Template, type: string): [string, Resource][] => Object.entries(t.Resources).filter(([, r]) => r.Type === type);

export function monitoringTemplateChecks(getTemplate: () => Template): void {
  const alarms = (): [string, Resource][] => ofType(getTemplate(), 'AWS::CloudWatch::Alarm');

  it('every state machine alarms on timed-out and throttled executions, to the alarm topic; nothing alarms on ExecutionsFailed, ExecutionsAborted or Lambda Errors', () => {
    const machines = ofType(getTemplate(), 'AWS::StepFunctions::StateMachine').map(([id]) => id);
    assert.equal(machines.length, 2);
    for (const machine of machines) {
      const metrics = alarms()
        .filter(([, a]) => a.Properties['Namespace'] === 'AWS/States')
        .filter(([, a]) => JSON.stringify(a.Properties['Dimensions']) === JSON.stringify([{ Name: 'StateMachineArn', Value: { Ref: machine } }]));
      assert.deepEqual(metrics.map(([, a]) => a.Properties['MetricName']).sort(), ['ExecutionThrottled', 'ExecutionsTimedOut'], machine);
      for (const [id, a] of metrics) {
        assert.deepEqual(a.Properties['AlarmActions'], [TOPIC], id);
        assert.equal(a.Properties['Threshold'], 1, id);
        assert.equal(a.Properties['Statistic'], 'Sum', id);
      }
    }
    // A caller's bad input fails the execution (ExecutionsFailed) after a function error the Catch turns into it.
    const text = JSON.stringify(alarms());
    for (const metric of ['"ExecutionsFailed"', '"ExecutionsAborted"', '"Errors"']) assert.ok(!text.includes(metric), `an alarm on ${metric}`);
  });

  it('the triggers dead-letter queue alarms as soon as it holds a message', () => {
    const a = resource(getTemplate(), 'TriggersDeadLetterQueueAlarm').Properties;
    assert.equal(a['Namespace'], 'AWS/SQS');
    assert.equal(a['MetricName'], 'ApproximateNumberOfMessagesVisible');
    assert.deepEqual(a['Dimensions'], [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['TriggersDeadLetterQueue', 'QueueName'] } }]);
    assert.equal(a['Threshold'], 0);
    assert.equal(a['ComparisonOperator'], 'GreaterThanThreshold');
    assert.deepEqual(a['AlarmActions'], [TOPIC]);
  });

  it('the API alarms on any 5XX answer of its stage (a 4XX, a caller\'s bad request, pages nobody)', () => {
    const t = getTemplate();
    const a = resource(t, 'ApiServerErrorsAlarm').Properties;
    assert.equal(a['Namespace'], 'AWS/ApiGateway');
    assert.equal(a['MetricName'], '5XXError');
    assert.deepEqual(a['Dimensions'], [
      { Name: 'ApiName', Value: resource(t, 'ApiGatewayRestApi').Properties['Name'] ?? null },
      { Name: 'Stage', Value: resource(t, 'ApiGatewayStage').Properties['StageName'] ?? null },
    ]);
    assert.deepEqual([a['Threshold'], a['ComparisonOperator'], a['AlarmActions']], [0, 'GreaterThanThreshold', [TOPIC]]);
    assert.ok(!JSON.stringify(alarms()).includes('4XXError'));
  });

  it('the alarm topic: optional e-mail subscription; its policy admits this stack\'s alarms and the notification rule only', () => {
    const t = getTemplate() as Template & { Parameters?: Obj; Conditions?: Obj };
    assert.equal((t.Parameters?.['AlarmEmail'] as Obj | undefined)?.['Default'], '');
    const subscription = resource(t, 'AlarmEmailSubscription') as Resource & { Condition?: string };
    assert.equal(subscription.Condition, 'HasAlarmEmail');
    assert.deepEqual(subscription.Properties['Endpoint'], { Ref: 'AlarmEmail' });
    const policies = ofType(t, 'AWS::SNS::TopicPolicy').filter(([, p]) => JSON.stringify(p.Properties['Topics']).includes('"AlarmTopic"'));
    assert.equal(policies.length, 1, 'one policy per topic (a second would replace the first)');
    const statements = ((policies[0]?.[1].Properties['PolicyDocument'] as Obj)['Statement'] as Obj[]);
    const byService = new Map(statements.map((s) => [((s['Principal'] as Obj)['Service'] as string), s]));
    assert.deepEqual([...byService.keys()].sort(), ['cloudwatch.amazonaws.com', 'events.amazonaws.com']);
    const prefix = JSON.stringify((byService.get('cloudwatch.amazonaws.com')?.['Condition'] as Obj)['ArnLike']);
    const namePrefix = /alarm:([^*"]+)\*/.exec(prefix)?.[1] ?? '';
    assert.ok(namePrefix.length > 0, prefix);
    for (const [id, a] of alarms()) assert.ok(String(a.Properties['AlarmName']).startsWith(namePrefix), `${id}: ${String(a.Properties['AlarmName'])}`);
    assert.deepEqual((byService.get('events.amazonaws.com')?.['Condition'] as Obj)['ArnEquals'], {
      'aws:SourceArn': { 'Fn::GetAtt': ['ExecutionNotificationsRule', 'Arn'] },
    });
  });

  it('a failed execution of either state machine is one message naming it and its error (never its input or output), unless the error is the caller\'s own input', () => {
    const rule = resource(getTemplate(), 'ExecutionNotificationsRule').Properties;
    const pattern = rule['EventPattern'] as { source: string[]; detail: { status: string[]; stateMachineArn: Json[]; error: { 'anything-but': string[] }[] } };
    assert.deepEqual(pattern.source, ['aws.states']);
    assert.deepEqual(pattern.detail.status, ['FAILED'], 'a timeout pages through its alarm, an abort was a person\'s doing');
    const machines = ofType(getTemplate(), 'AWS::StepFunctions::StateMachine').map(([id]) => ({ Ref: id }));
    assert.deepEqual(pattern.detail.stateMachineArn, machines);
    assert.deepEqual(pattern.detail.error, [{ 'anything-but': [...CALLER_INPUT_ERRORS] }]);
    const [target] = rule['Targets'] as Obj[];
    assert.deepEqual(target?.['Arn'], TOPIC);
    const transformer = target?.['InputTransformer'] as { InputPathsMap: Record<string, string> };
    assert.ok(Object.values(transformer.InputPathsMap).every((p) => !/input|output/i.test(p)), JSON.stringify(transformer));
  });

  it('the caller-input errors are caught errors of the catalog; the rule pages for a failure that needs a person, not for a caller\'s input', () => {
    for (const name of CALLER_INPUT_ERRORS) {
      assert.ok(ERROR_CATALOG.some((r) => r.name === name && r.handling === 'catch'), `${name}: a caught catalog error`);
    }
    const resolver = new TemplateResolver(getTemplate() as unknown as CfnTemplate);
    const pattern = resolver.resolve(resource(getTemplate(), 'ExecutionNotificationsRule').Properties['EventPattern'] ?? null);
    const statusChange = (error: string, status = 'FAILED') => ({
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      detail: { status, error, stateMachineArn: resolver.ref('ProvisionStateMachine'), executionArn: `${resolver.ref('ProvisionStateMachine')}:x` },
    });
    assert.equal(matchesPattern(pattern, statusChange('InvalidRequestError')), false, 'a caller\'s input pages nobody');
    assert.equal(matchesPattern(pattern, statusChange('DirectoryConflictError')), false);
    assert.equal(matchesPattern(pattern, statusChange('DirectoryLimitExceededException')), true, 'an account limit needs a person');
    assert.equal(matchesPattern(pattern, statusChange('States.TaskFailed')), true, 'retries exhausted: a redrive needs a person');
    assert.equal(matchesPattern(pattern, statusChange('InvalidRequestError', 'ABORTED')), false);
    assert.equal(matchesPattern(pattern, { ...statusChange('States.TaskFailed'), detail: { ...statusChange('States.TaskFailed').detail, stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:another' } }), false);
  });

  it('the dashboard: executions of every state machine, every business metric, the DLQ, errors and duration of every function', () => {
    const t = getTemplate();
    const [body, params] = (resource(t, 'Dashboard').Properties['DashboardBody'] as { 'Fn::Sub': [string, Record<string, Json>] })['Fn::Sub'];
    // every ${...} is a Sub parameter, a pseudo parameter or an attribute of a template resource
    for (const [, ref] of body.matchAll(/\$\{([^}]+)\}/g)) {
      const id = String(ref).split('.')[0] ?? '';
      assert.ok(Object.hasOwn(params, String(ref)) || String(ref).startsWith('AWS::') || t.Resources[id], `unresolved \${${String(ref)}}`);
    }
    const dashboard = JSON.parse(body.replace(/\$\{([^}]+)\}/g, (_m, ref: string) => `<${ref}>`)) as { widgets: { properties: { title: string; metrics: Json[][] } }[] };
    const widget = (title: RegExp) => {
      const w = dashboard.widgets.find((x) => title.test(x.properties.title));
      assert.ok(w, String(title));
      return JSON.stringify(w.properties.metrics);
    };
    const paramFor = (id: string): string => Object.entries(params).find(([, v]) => JSON.stringify(v) === JSON.stringify({ Ref: id }))?.[0] ?? id;
    for (const [id] of ofType(t, 'AWS::StepFunctions::StateMachine')) {
      for (const m of ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsTimedOut']) {
        assert.ok(widget(/executions/i).includes(`"${m}","StateMachineArn","<${paramFor(id)}>"`), `${id} ${m}`);
      }
    }
    for (const [id] of ofType(t, 'AWS::Lambda::Function')) {
      assert.ok(widget(/Function errors/).includes(`"Errors","FunctionName","<${paramFor(id)}>"`), `${id} errors`);
      assert.ok(widget(/Function duration/).includes(`"Duration","FunctionName","<${paramFor(id)}>"`), `${id} duration`);
    }
    assert.ok(widget(/dead-letter/).includes('"ApproximateNumberOfMessagesVisible","QueueName","<TriggersDeadLetterQueue.QueueName>"'));
    const fn = resource(t, 'ValidateRequestLambdaFunction').Properties['Environment'] as { Variables: Record<string, string> };
    const namespace = fn.Variables['POWERTOOLS_METRICS_NAMESPACE'];
    assert.ok(namespace);
    for (const name of METRIC_NAMES) {
      assert.ok(body.includes(`"${namespace}", "${name}", "service", "ad-cert-orchestrator", "stage", "test"`) ||
        body.includes(`\\"${name}\\" stage=\\"test\\"`), `${name} on the dashboard, this stage's series`);
    }
    assert.ok(!/\{[^}]*,service,(?!stage)/.test(body), 'every SEARCH names the stage dimension');
  });
}
