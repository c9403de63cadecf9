/**
 * deploy/deployer-policy.json against the packaged template (tools/verify/deployer.ts): every call CloudFormation and
 * osls make with the deployer's rights to deploy and remove this stack (with a customer managed key, the superset) is
 * EVALUATED with @cloud-copilot/iam-simulate and AWS's authorization data, like the roles; the policy allows nothing
 * else, no wildcard action, no `*` where an action has resource types. Registered by serverless-package.test.ts.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ROOT } from '../support/packaging.ts';
import { checkDeployerPolicy, readDeployerPolicy } from '../../tools/verify/deployer.ts';
import { checkOperatorPolicy, operatorRequests, readOperatorPolicy } from '../../tools/verify/operator.ts';
import type { CfnTemplate } from '../../tools/verify/cfn.ts';

export function deployerChecks(getTemplate: () => CfnTemplate): void {
  it('deploy/deployer-policy.json allows every call deploying and removing the stack needs, and nothing more', async (t) => {
    // Act
    const r = await checkDeployerPolicy(getTemplate(), readDeployerPolicy(ROOT));
    t.diagnostic(`${r.requests} requests evaluated; by pattern: ${r.matchedByPattern.length}`);
    // Assess
    assert.ok(r.requests > 500, `${r.requests} requests`);
    assert.deepEqual(r.denied, [], 'calls the deployer policy does not allow');
    assert.deepEqual(r.extra, [], 'allowed but never needed');
    assert.deepEqual(r.tooWide, []);
    assert.deepEqual(r.matchedByPattern.map((m) => m.replace(/\/restapis\/\w+\//, '/restapis/<id>/')).sort(), [
      'apigateway:POST on arn:aws:apigateway:us-east-1::/restapis/<id>/deployments',
      'apigateway:POST on arn:aws:apigateway:us-east-1::/restapis/<id>/models', // POST's request model
      'apigateway:POST on arn:aws:apigateway:us-east-1::/restapis/<id>/models', // PUT's
      'apigateway:POST on arn:aws:apigateway:us-east-1::/restapis/<id>/stages',
    ]);
  });

  it('would catch a missing statement, an unneeded action, a wildcard and a resource type the table does not know', async () => {
    // Prepare
    const policy = readDeployerPolicy(ROOT);
    const without = { ...policy, Statement: policy.Statement.filter((s) => s.Sid !== 'DeadLetterQueue') };
    const wider = { ...policy, Statement: [...policy.Statement, { Sid: 'Wide', Effect: 'Allow', Action: ['ec2:*', 'ssm:GetParameter'], Resource: '*' }] };
    const unknown = structuredClone(getTemplate());
    unknown.Resources['Extra'] = { Type: 'AWS::SSM::Parameter', Properties: {} };
    // Act
    const missing = await checkDeployerPolicy(getTemplate(), without);
    const extra = await checkDeployerPolicy(getTemplate(), wider);
    // Assess
    assert.ok(missing.denied.some((d) => d.startsWith('sqs:CreateQueue on arn:aws:sqs:')), missing.denied.join('\n'));
    assert.deepEqual(extra.extra, ['ec2:*', 'ssm:GetParameter']);
    assert.ok(extra.tooWide.some((w) => w.includes('wildcard action ec2:*')), extra.tooWide.join('\n'));
    await assert.rejects(checkDeployerPolicy(unknown, policy), /no handler permissions for AWS::SSM::Parameter/);
  });

  it('deploy/operator-policy.json allows the outputs, a request by event and by every API method, watching, redriving and the logs, and nothing more', async (t) => {
    // Act
    const requests = operatorRequests(getTemplate());
    const r = await checkOperatorPolicy(getTemplate(), readOperatorPolicy(ROOT));
    t.diagnostic(`${r.requests} requests evaluated`);
    // Assess
    const invokes = requests.filter((q) => q.action === 'execute-api:Invoke').map((q) => q.resource.replace(/^.*:\w+\/\w+\//, ''));
    assert.ok(invokes.includes('POST/provisionings') && invokes.includes('GET/provisionings/api-key-corp-1') && invokes.includes('DELETE/provisionings/api-key-corp-1'), invokes.join(', '));
    assert.ok(requests.some((q) => q.action === 'events:PutEvents'));
    assert.equal(requests.filter((q) => q.action === 'states:ListExecutions').length, 2, 'both state machines');
    assert.deepEqual(r.denied, [], 'calls the operator policy does not allow');
    assert.deepEqual(r.extra, [], 'allowed but never needed');
    assert.deepEqual(r.tooWide, []);
    assert.deepEqual(r.matchedByPattern, requests.filter((q) => q.action === 'execute-api:Invoke').map((q) => `${q.action} on ${q.resource}`), 'only the API calls by pattern');
    // A policy without the API statement is caught.
    const policy = readOperatorPolicy(ROOT);
    const without = await checkOperatorPolicy(getTemplate(), { ...policy, Statement: policy.Statement.filter((s) => s.Sid !== 'Api') });
    assert.ok(without.denied.some((d) => d.startsWith('execute-api:Invoke on ')), without.denied.join('\n'));
  });
}
