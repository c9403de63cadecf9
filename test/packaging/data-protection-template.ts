/**
 * Template checks for encryption, retention and tags (serverless/data-protection.yml and the resources carrying their
 * own): every stateful resource states what happens to its data on a stack delete or a replacement; with the deploy
 * parameter kmsKeyArn every log group, the alarm topic, the dead-letter queue, both tables and the event bus are
 * encrypted with that key, and without it none names a key; the stackTags parameter reaches the stack's tags.
 * Registered by serverless-package.test.ts (the second packaging, with parameters, is its own).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { TemplateResolver } from '../../tools/verify/cfn.ts';
import type { CfnTemplate } from '../../tools/verify/cfn.ts';
import type { Json, Resource, Template } from '../support/packaging.ts';

/** Where each encrypted resource type takes its key. */
export const KEY_PROPERTY: Record<string, (props: Record<string, Json>) => Json | undefined> = {
  'AWS::Logs::LogGroup': (p) => p['KmsKeyId'],
  'AWS::SNS::Topic': (p) => p['KmsMasterKeyId'],
  'AWS::SQS::Queue': (p) => p['KmsMasterKeyId'],
  'AWS::DynamoDB::Table': (p) => (p['SSESpecification'] as { KMSMasterKeyId?: Json } | undefined)?.KMSMasterKeyId,
  'AWS::Events::EventBus': (p) => p['KmsKeyIdentifier'],
};

/** The stack's data-holding resources and the policy each must have (docs/operations.md#encryption-and-retention). */
const POLICY: Record<string, string> = {
  'AWS::Logs::LogGroup': 'Delete', // test stage: logDeletionPolicy Delete (Retain for prod)
  'AWS::DynamoDB::Table': 'Delete', // the coordination table: leases and claims
  'AWS::SQS::Queue': 'Retain',
};
/** Resources whose data outlives the stack: the provisioning records (retained, point-in-time recovery on). */
const RETAINED: ReadonlySet<string> = new Set(['ProvisioningRecordsTable']);

const ofTypes = (t: Template, types: string[]): [string, Resource][] =>
  Object.entries(t.Resources).filter(([, r]) => types.includes(r.Type));

/** Each resource's properties with the stack's parameters as packaged (defaults) and every intrinsic resolved. */
const resolvedProps = (t: Template, id: string): Record<string, Json> =>
  new TemplateResolver(t as unknown as CfnTemplate).resolve((t.Resources[id]?.Properties ?? {}) as Json) as Record<string, Json>;

export function dataProtectionChecks(getTemplate: () => Template): void {
  it('every log group, both tables and the dead-letter queue state DeletionPolicy and UpdateReplacePolicy (Retain where requests or records would be lost)', () => {
    const t = getTemplate();
    const stateful = ofTypes(t, Object.keys(POLICY));
    assert.ok(stateful.filter(([, r]) => r.Type === 'AWS::Logs::LogGroup').length >= 23, 'the functions\', the state machines\' and the API\'s log groups');
    for (const [id, r] of stateful) {
      const policy = RETAINED.has(id) ? 'Retain' : POLICY[r.Type];
      assert.deepEqual([r.DeletionPolicy, r.UpdateReplacePolicy], [policy, policy], id);
    }
    const records = resource(t, 'ProvisioningRecordsTable').Properties;
    assert.deepEqual(records['PointInTimeRecoverySpecification'], { PointInTimeRecoveryEnabled: true });
    assert.equal(records['TableName'], undefined, 'a generated name: a retained table never blocks the next deploy');
    assert.equal(resource(t, 'TriggersDeadLetterQueue').Properties['QueueName'], undefined, 'a generated name: a retained queue never blocks the next deploy');
  });

  it('without kmsKeyArn no resource names a key: AWS owned keys (the DLQ keeps SQS-managed encryption)', () => {
    const t = getTemplate();
    assert.equal(t.Parameters?.['KmsKeyArn']?.['Default'], '');
    for (const [id, r] of ofTypes(t, Object.keys(KEY_PROPERTY))) {
      assert.equal(KEY_PROPERTY[r.Type]?.(resolvedProps(t, id)), undefined, id);
    }
    assert.equal(resolvedProps(t, 'TriggersDeadLetterQueue')['SqsManagedSseEnabled'], true);
  });
}

const resource = (t: Template, id: string): Resource => {
  const r = t.Resources[id];
  assert.ok(r, `template lacks ${id}`);
  return r;
};

export const SAMPLE_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
export const SAMPLE_TAGS = 'team=pki,cost-center=4711';

export function withParametersChecks(getTemplate: () => Template, outDir: () => string): void {
  it('serverless package --param kmsKeyArn=… puts the key on every log group, the topic, the queue, the table and the bus', () => {
    const t = getTemplate();
    assert.equal(t.Parameters?.['KmsKeyArn']?.['Default'], SAMPLE_KEY);
    const encrypted = ofTypes(t, Object.keys(KEY_PROPERTY));
    const types = new Set(encrypted.map(([, r]) => r.Type));
    assert.deepEqual([...types].sort(), Object.keys(KEY_PROPERTY).sort(), 'one of each listed type at least');
    for (const [id, r] of encrypted) {
      const props = resolvedProps(t, id);
      assert.equal(KEY_PROPERTY[r.Type]?.(props), SAMPLE_KEY, `${id} (${r.Type})`);
    }
    assert.equal(resolvedProps(t, 'TriggersDeadLetterQueue')['SqsManagedSseEnabled'], undefined, 'SQS-managed SSE and a KMS key exclude each other');
    for (const table of ['CoordinationTable', 'ProvisioningRecordsTable']) {
      assert.deepEqual((resolvedProps(t, table)['SSESpecification'] as Record<string, Json>), { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: SAMPLE_KEY }, table);
    }
  });

  it('serverless package --param stackTags=… adds them to the stack\'s tags beside service and stage', () => {
    const state = JSON.parse(readFileSync(join(outDir(), 'serverless-state.json'), 'utf8')) as { service: { provider: { stackTags: Record<string, string> } } };
    assert.deepEqual(state.service.provider.stackTags, { service: 'ad-cert-orchestrator', stage: 'test', team: 'pki', 'cost-center': '4711' });
  });
}
