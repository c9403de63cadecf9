/**
 * IAM and exposure checks on the packaged template (src/verify/iam.ts): each function's role is compared with the
 * actions DERIVED from its bundled handler code (`new XxxCommand(` -> `service:Xxx`), plus their documented dependent
 * actions and the Lambda runtime's. No `*` action anywhere; every API Gateway method requires AWS_IAM.
 * Registered by test/packaging/serverless-package.test.ts, so the service is packaged once per test run.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actionsCalledBy, checkIam } from '../../src/verify/iam.ts';
import type { PackagedService } from '../../src/verify/iam.ts';

export function iamChecks(getPackage: () => PackagedService): void {
  it('derives the called actions from the bundled code (spot checks)', async () => {
    assert.deepEqual((await actionsCalledBy('src/handlers/get-connector-status.ts')).actions, ['pca-connector-ad:GetConnector']);
    const create = await actionsCalledBy('src/handlers/create-directory.ts');
    assert.ok(create.actions.includes('ds:CreateDirectory') && create.actions.includes('secretsmanager:GetSecretValue'), create.actions.join(', '));
  });

  it('each function role allows exactly what its code calls (+ dependent and runtime actions)', async (t) => {
    // Act
    const report = await checkIam(getPackage());
    for (const f of report.functions) t.diagnostic(`${f.function}: ${f.called.join(', ')}`);
    // Assess
    assert.ok(report.functions.length >= 5, `${report.functions.length} functions`);
    for (const f of report.functions) {
      assert.ok(f.called.length > 0, `${f.function}: no AWS call found in its code`);
      assert.deepEqual(f.unmapped, [], `${f.function}: commands without a known service`);
      assert.deepEqual(f.missing, [], `${f.function}: called but not allowed`);
      assert.deepEqual(f.extra, [], `${f.function}: allowed but never called`);
    }
  });

  it('no statement in any role or policy names a * action', async () => {
    assert.deepEqual((await checkIam(getPackage())).wildcardActions, []);
  });

  it('every API Gateway method requires AWS_IAM', async () => {
    const report = await checkIam(getPackage());
    assert.ok(report.apiMethods >= 2, `${report.apiMethods} API methods in the template`);
    assert.deepEqual(report.openMethods, []);
  });

  it('the checks would catch a widened role, a * action and an open method', async () => {
    // Prepare: a copy of the template with three defects planted
    const bad = structuredClone(getPackage());
    const resources = bad.template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
    const role = resources['GetConnectorStatusRole'];
    assert.ok(role);
    (role.Properties['Policies'] as { PolicyDocument: { Statement: unknown[] } }[])[0]?.PolicyDocument.Statement.push(
      { Effect: 'Allow', Action: ['pca-connector-ad:DeleteConnector', 'ec2:*'], Resource: '*' },
    );
    const method = Object.values(resources).find((r) => r.Type === 'AWS::ApiGateway::Method');
    assert.ok(method);
    method.Properties['AuthorizationType'] = 'NONE';
    // Act
    const report = await checkIam(bad);
    // Assess
    assert.deepEqual(report.functions.find((f) => f.function === 'getConnectorStatus')?.extra, ['ec2:*', 'pca-connector-ad:DeleteConnector']);
    assert.ok(report.wildcardActions.some((w) => w.includes('ec2:*')));
    assert.equal(report.openMethods.length, 1);
  });
}
