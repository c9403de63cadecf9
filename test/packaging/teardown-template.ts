/**
 * Template checks for the teardown (serverless/teardown.yml, serverless/teardown-resources.yml, the `teardown`
 * state machine of serverless.yml): the deployed definition is the checked-in ASL invoking published versions, its
 * role invokes only the versions of the teardown functions, and every delete is scoped to resources carrying the
 * ownership tag (so IAM refuses Force on someone else's resource). Registered by serverless-package.test.ts so the service is packaged once.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { TEARDOWN_TASK_STATES } from '../../src/workflow/catalog.ts';
import { TEARDOWN_ASL_PATH } from '../../tools/local/engine/asl.ts';
import { actionsOf, assertInvokesVersions, packagedDefinition, resource, statementsOf, versionsOf } from '../support/packaging.ts';
import type { Json, Template } from '../support/packaging.ts';

const OWNED = { StringEquals: { 'aws:ResourceTag/ad-cert-orchestrator:managed-by': 'ad-cert-orchestrator' } };

export function teardownTemplateChecks(getTemplate: () => Template): void {
  it('teardown: the teardown state machine runs the checked-in ASL (TimeoutSeconds included), invoking published versions of its functions', () => {
    const sm = resource(getTemplate(), 'TeardownStateMachine');
    assert.equal(sm.Properties['StateMachineType'], 'STANDARD');
    assert.deepEqual(sm.Properties['RoleArn'], { 'Fn::GetAtt': ['TeardownStateMachineRole', 'Arn'] });
    const { definition, body, invoked } = packagedDefinition(getTemplate(), 'TeardownStateMachine');
    assert.deepEqual(definition, JSON.parse(readFileSync(TEARDOWN_ASL_PATH, 'utf8')));
    assert.equal(typeof (definition as { TimeoutSeconds?: unknown }).TimeoutSeconds, 'number');
    assertInvokesVersions(invoked, body, TEARDOWN_TASK_STATES);
    const invoke = statementsOf(resource(getTemplate(), 'TeardownStateMachineRole')).filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
    assert.equal(invoke.length, 1);
    assert.deepEqual(new Set((invoke[0]?.Resource as Json[]).map((r) => JSON.stringify(r))), versionsOf(TEARDOWN_TASK_STATES));
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
