/**
 * Template checks for monitoring (serverless/monitoring.yml and the state machines' `alarms:`): every state machine
 * alarms on failed, timed-out, aborted and throttled executions; the triggers DLQ alarms when not empty; one alarm
 * covers the errors of every function; all of them and the failed-execution notifications reach the alarm topic,
 * whose one policy lets exactly those publishers in. Registered by serverless-package.test.ts.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { METRIC_NAMES } from '../../src/domain/metrics.ts';
import { WAITED_RESOURCES } from '../../src/workflow/waits.ts';
import { resource } from '../support/packaging.ts';
import type { Json, Resource, Template } from '../support/packaging.ts';

type Obj = Record<string, Json>;
const TOPIC = { Ref: 'AlarmTopic' };

const ofType = (t: Template, type: string): [string, Resource][] => Object.entries(t.Resources).filter(([, r]) => r.Type === type);

export function monitoringTemplateChecks(getTemplate: () => Template): void {
  const alarms = (): [string, Resource][] => ofType(getTemplate(), 'AWS::CloudWatch::Alarm');

  it('every state machine alarms on failed, timed-out, aborted and throttled executions, to the alarm topic', () => {
    const machines = ofType(getTemplate(), 'AWS::StepFunctions::StateMachine').map(([id]) => id);
    assert.ok(machines.length >= 1);
    for (const machine of machines) {
      const metrics = alarms()
        .filter(([, a]) => a.Properties['Namespace'] === 'AWS/States')
        .filter(([, a]) => JSON.stringify(a.Properties['Dimensions']) === JSON.stringify([{ Name: 'StateMachineArn', Value: { Ref: machine } }]));
      assert.deepEqual(
        metrics.map(([, a]) => a.Properties['MetricName']).sort(),
        ['ExecutionThrottled', 'ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut'],
        machine,
      );
      for (const [id, a] of metrics) {
        assert.deepEqual(a.Properties['AlarmActions'], [TOPIC], id);
        assert.equal(a.Properties['Threshold'], 1, id);
        assert.equal(a.Properties['Statistic'], 'Sum', id);
      }
    }
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

  it('two alarms sum the Errors of every function of the stack but the poll functions, each at most 10 metrics', () => {
    const covered: string[] = [];
    for (const id of ['LambdaErrorsAlarm', 'TriggerAndTeardownLambdaErrorsAlarm']) {
      const a = resource(getTemplate(), id).Properties;
      const [sum, ...inputs] = a['Metrics'] as Obj[];
      assert.ok(inputs.length + 1 <= 10, `${id}: CloudWatch allows 10 metrics per alarm`);
      covered.push(...inputs.map((m) => {
        const stat = (m['MetricStat'] as Obj)['Metric'] as Obj;
        assert.equal(stat['Namespace'], 'AWS/Lambda');
        assert.equal(stat['MetricName'], 'Errors');
        return ((stat['Dimensions'] as Obj[])[0]?.['Value'] as { Ref: string }).Ref;
      }));
      assert.equal(sum?.['Expression'], `SUM([${inputs.map((m) => String(m['Id'])).join(', ')}])`);
      assert.deepEqual(a['AlarmActions'], [TOPIC]);
    }
    // A poll's not-ready error is an Errors data point on every attempt; its real failures raise ExecutionsFailed.
    // ShareCertificateAuthority waits for the share's association by its own Retry (a short wait, like a poll).
    const polls = [...WAITED_RESOURCES.map((w) => w.pollState), 'ShareCertificateAuthority', 'DeleteConnectors', 'DeleteDirectories'].map(
      (state) => `${state}LambdaFunction`,
    );
    const expected = ofType(getTemplate(), 'AWS::Lambda::Function').map(([id]) => id).filter((id) => !polls.includes(id));
    assert.equal(expected.length, ofType(getTemplate(), 'AWS::Lambda::Function').length - polls.length);
    assert.deepEqual(covered.sort(), expected.sort(), 'every other function, once');
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

  it('a failed, timed-out or aborted execution of any state machine is one message naming it (never its input or output)', () => {
    const rule = resource(getTemplate(), 'ExecutionNotificationsRule').Properties;
    const pattern = rule['EventPattern'] as { source: string[]; detail: { status: string[]; stateMachineArn: Json[] } };
    assert.deepEqual(pattern.source, ['aws.states']);
    assert.deepEqual(pattern.detail.status.sort(), ['ABORTED', 'FAILED', 'TIMED_OUT']);
    const machines = ofType(getTemplate(), 'AWS::StepFunctions::StateMachine').map(([id]) => ({ Ref: id }));
    assert.deepEqual(pattern.detail.stateMachineArn, machines);
    const [target] = rule['Targets'] as Obj[];
    assert.deepEqual(target?.['Arn'], TOPIC);
    const transformer = target?.['InputTransformer'] as { InputPathsMap: Record<string, string> };
    assert.ok(Object.values(transformer.InputPathsMap).every((p) => !/input|output/i.test(p)), JSON.stringify(transformer));
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
      assert.ok(body.includes(`"${namespace}", "${name}"`) || body.includes(`{${namespace},`) && body.includes(`\\"${name}\\"`), `${name} on the dashboard`);
    }
  });
}
