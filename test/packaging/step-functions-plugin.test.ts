/**
 * serverless-step-functions on osls 4: after `deploy`, the plugin reads the stack outputs (`after:deploy:deploy` →
 * getEndpointInfo). osls 4 removed `provider.request()` (it throws AWS_SDK_V2_SURFACE_REMOVED), so a plugin that
 * still calls it fails every deploy after the stack is up. This runs the installed plugin's call against a provider
 * whose `request` is osls's own and whose SDK v3 configuration points at a local CloudFormation stub.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';

const require = createRequire(import.meta.url);

const DESCRIBE_STACKS = `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
<DescribeStacksResult><Stacks><member>
<StackName>ad-cert-orchestrator-test</StackName>
<StackId>arn:aws:cloudformation:us-east-1:111122223333:stack/ad-cert-orchestrator-test/1</StackId>
<CreationTime>2026-11-29T00:00:00Z</CreationTime><StackStatus>UPDATE_COMPLETE</StackStatus>
<Outputs><member><OutputKey>ServiceEndpoint</OutputKey><OutputValue>https://abc123.execute-api.us-east-1.amazonaws.com/test</OutputValue></member></Outputs>
</member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
</DescribeStacksResponse>`;

describe('serverless-step-functions after deploy, on osls 4', () => {
  const actions: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      actions.push(new URLSearchParams(body).get('Action') ?? '');
      res.writeHead(200, { 'content-type': 'text/xml' }).end(DESCRIBE_STACKS);
    });
  });
  let endpoint = '';
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads the stack outputs through SDK v3, never through the removed provider.request()', async () => {
    // Prepare: osls 4's own request() (throws AWS_SDK_V2_SURFACE_REMOVED) and its SDK v3 configuration hook
    const AwsProvider = require('osls/lib/plugins/aws/provider.js') as { prototype: { request: () => never } };
    const provider = {
      request: AwsProvider.prototype.request,
      getAwsSdkV3Config: () =>
        Promise.resolve({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' } }),
      naming: { getStackName: () => 'ad-cert-orchestrator-test', getServiceEndpointRegex: () => /^ServiceEndpoint/ },
    };
    const endpointInfo = require('serverless-step-functions/lib/deploy/events/apiGateway/endpointInfo.js') as {
      getEndpointInfo(this: Record<string, unknown>): Promise<void>;
    };
    const plugin: Record<string, unknown> = { provider, options: { stage: 'test', region: 'us-east-1' } };
    // Act
    await endpointInfo.getEndpointInfo.call(plugin);
    // Assess
    assert.deepEqual(actions, ['DescribeStacks']);
    assert.equal(plugin['endpointInfo'], 'https://abc123.execute-api.us-east-1.amazonaws.com/test');
  });
});
