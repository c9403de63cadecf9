/**
 * Template checks for the teardown (serverless/teardown.yml, serverless/teardown-resources.yml, the `teardown`
 * state machine of serverless.yml): the deployed definition is the checked-in ASL, its role invokes only the four
 * teardown functions, and every delete is scoped to resources carrying the ownership tag (so IAM refuses Force on
 * someone else's resource). Registered by serverless-package.test.ts so the service is packaged once.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { TEARDOWN_TASK_STATES } from '../../src/workflow/catalog.ts';
import { TEARDOWN_ASL_PATH } from '../../tools/local/engine/asl.ts';
import { actionsOf, resource, statementsOf } from '../support/packaging.ts';
import type { Json, Template } from '../support/packaging.ts';

const OWNED = { StringEquals: { 'aws:ResourceTag/ad-cert-orchestrator:managed-by': 'ad-cert-orchestrator' } };

export function teardownTemplateChecks(getTemplate: () => Template): void {
  it('teardown: the teardown state machine runs the checked-in ASL with the four teardown functions', () => {
    const sm = resource(getTemplate(), 'TeardownStateMachine');
    assert.equal(sm.Properties['StateMachineType'], 'STANDARD');
    assert.deepEqual(sm.Properties['RoleArn'], { 'Fn::GetAtt': ['TeardownStateMachineRole', 'Arn'] });
    const [body, params] = (sm.Properties['DefinitionString'] as { 'Fn::Sub': [string, Record<string, Json>] })['Fn::Sub'];
    const placeholderFor = (v: Json): string => {
      const getAtt = (v as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt'];
      return getAtt ? `\${${String(getAtt[0]).replace(/LambdaFunction$/, '')}FunctionArn}` : '${EventBusName}';
    };
    const restored = body.replace(/\$\{([^}]+)\}/g, (_m, k: string) => placeholderFor(params[k] ?? null));
    const deployed = JSON.parse(restored, (key, value: unknown) => (key === 'QueryLanguage' && value === 'JSONPath' ? undefined : value));
    assert.deepEqual(deployed, JSON.parse(readFileSync(TEARDOWN_ASL_PATH, 'utf8')));
    const invoke = statementsOf(resource(getTemplate(), 'TeardownStateMachineRole')).filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
    assert.deepEqual(
      new Set((invoke[0]?.Resource as Json[]).map((r) => JSON.stringify(r))),
      new Set(TEARDOWN_TASK_STATES.map((s) => JSON.stringify({ 'Fn::GetAtt': [`${s}LambdaFunction`, 'Arn'] }))),
    );
  });

  it('teardown: every delete of a connector, directory or secret requires the ownership tag (Force is refused by IAM)', () => {
    const deletes = ['pca-connector-ad:DeleteConnector', 'ds:DeleteDirectory', 'secretsmanager:DeleteSecret'];
    const found: string[] = [];
    for (const [id, r] of Object.entries(getTemplate().Resources)) {
      if (r.Type !== 'AWS::IAM::Role') continue;
      for (const s of statementsOf(r)) {
        for (const action of actionsOf(s).filter((a) => deletes.includes(a))) {
          found.push(action);
          assert.deepEqual(((s as { Condition?: Record<string, Json> }).Condition ?? {})['StringEquals'], OWNED.StringEquals, `${id}: ${action}`);
        }
      }
    }
    assert.deepEqual(found.sort(), [...deletes].sort(), 'each delete is granted once, to its own teardown role');
  });
}
