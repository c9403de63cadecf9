/** The small serverless.yml helpers: the osls guard, the API stage wiring, the stack-tags parameter. */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

const load = createRequire(import.meta.url);
type Hooks = Record<string, () => void>;
const RequireOsls = load('../../serverless/plugins/require-osls.cjs') as new (sls: unknown) => { hooks: Hooks };
const ApiStage = load('../../serverless/plugins/api-stage.cjs') as new (sls: unknown) => { hooks: Hooks };
const stackTags = load('../../serverless/stack-tags.cjs') as ((arg: { resolveVariable: (v: string) => Promise<string> }) => Promise<Record<string, string>>) & {
  parseStackTags: (raw: string) => Record<string, string>;
};

describe('serverless/plugins/require-osls.cjs', () => {
  it('lets the project\'s osls through and stops any other framework with one line saying what to run', () => {
    assert.doesNotThrow(() => new RequireOsls({ version: '4.3.1', config: { serverlessPath: '/work/p/node_modules/osls/lib' } }));
    for (const other of [{ version: '4.4.0', config: { serverlessPath: '/usr/lib/node_modules/serverless/lib' } }, { version: '4.4.0' }]) {
      assert.throws(() => new RequireOsls(other), (e: Error) => /its own osls/.test(e.message) && /npx serverless/.test(e.message) && !e.message.includes('\n'));
    }
  });
});

describe('serverless/plugins/api-stage.cjs', () => {
  const compiled = (resources: Record<string, unknown>) => ({ service: { provider: { compiledCloudFormationTemplate: { Resources: resources } } } });
  it('the deployment creates no stage and ApiGatewayStage points at it', () => {
    const resources = {
      ApiGatewayDeployment123: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'ApiGatewayRestApi' }, StageName: 'dev' } },
      ApiGatewayStage: { Type: 'AWS::ApiGateway::Stage', Properties: { StageName: 'dev' } },
    };
    new ApiStage(compiled(resources)).hooks['after:aws:package:finalize:mergeCustomProviderResources']?.();
    assert.deepEqual(resources.ApiGatewayDeployment123.Properties, { RestApiId: { Ref: 'ApiGatewayRestApi' } });
    assert.deepEqual(resources.ApiGatewayStage.Properties, { StageName: 'dev', DeploymentId: { Ref: 'ApiGatewayDeployment123' } });
  });
  it('fails packaging without the stage resource', () => {
    const plugin = new ApiStage(compiled({ D: { Type: 'AWS::ApiGateway::Deployment', Properties: {} } }));
    assert.throws(() => plugin.hooks['after:aws:package:finalize:mergeCustomProviderResources']?.(), /ApiGatewayStage/);
  });
});

describe('serverless/stack-tags.cjs (the stackTags deploy parameter)', () => {
  const tagsFor = (raw: string) =>
    stackTags({ resolveVariable: async (v) => ({ 'self:service': 'svc', 'sls:stage': 'prod', 'param:stackTags': raw })[v] ?? '' });

  it('service and stage, plus key=value pairs separated by commas (a value may hold =)', async () => {
    assert.deepEqual(await tagsFor(''), { service: 'svc', stage: 'prod' });
    assert.deepEqual(await tagsFor('team=pki, cost-center=47:11 ,note=a=b'), { service: 'svc', stage: 'prod', team: 'pki', 'cost-center': '47:11', note: 'a=b' });
  });

  it('one line naming what is wrong: no =, a reserved or repeated key, a character AWS refuses, service/stage overridden', async () => {
    for (const [raw, message] of [
      ['team', /"team" is not key=value/],
      ['aws:x=1', /must be 1-128/],
      ['team=a,team=b', /given twice/],
      ['team=a;b', /value of "team"/],
      ['stage=x', /set by the stack itself/],
    ] as const) {
      await assert.rejects(tagsFor(raw), (e: Error) => message.test(e.message) && !e.message.includes('\n'), raw);
    }
  });
});
