import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { ListConnectorsCommand, PcaConnectorAdClient } from '../../../src/aws/pca-connector-ad/index.ts';
import { defaultEndpointResolver } from '../../../src/aws/pca-connector-ad/endpoint.ts';
import { credentialScope, CREDENTIALS, makeClient, startServer, type LocalServer } from './helpers.ts';

const ENV_KEYS = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_PCA_CONNECTOR_AD', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];

/** A request handler that answers every request with an empty ListConnectors page and remembers the request. */
const capturingHandler = () => {
  const seen: HttpRequest[] = [];
  return {
    seen,
    handler: {
      handle: async (request: HttpRequest) => {
        seen.push(request);
        return {
          response: new HttpResponse({
            statusCode: 200,
            headers: { 'content-type': 'application/json' },
            body: Readable.from([Buffer.from('{"Connectors":[]}')]),
          }),
        };
      },
    },
  };
};

describe('PcaConnectorAdClient endpoint resolution', () => {
  const saved: Record<string, string | undefined> = {};
  let server: LocalServer | undefined;
  let other: LocalServer | undefined;
  beforeEach(() => {
    for (const k of ENV_KEYS) {
      saved[k] = process.env[k];
      Reflect.deleteProperty(process.env, k);
    }
  });
  afterEach(async () => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = saved[k];
    }
    await server?.close();
    await other?.close();
    server = other = undefined;
  });

  it('honours AWS_ENDPOINT_URL_PCA_CONNECTOR_AD when the client has no endpoint', async () => {
    // Prepare
    server = await startServer(() => ({ status: 200, body: { Connectors: [] } }));
    process.env.AWS_ENDPOINT_URL_PCA_CONNECTOR_AD = server.endpoint;
    const client = makeClient(undefined);
    // Act
    await client.send(new ListConnectorsCommand({}));
    client.destroy();
    // Assess
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]?.path, '/connectors');
    assert.equal(credentialScope(server.requests[0]?.headers ?? {})?.service, 'pca-connector-ad');
  });

  it('the service-specific variable wins over AWS_ENDPOINT_URL, which applies alone too', async () => {
    server = await startServer(() => ({ status: 200, body: { Connectors: [] } }));
    other = await startServer(() => ({ status: 200, body: { Connectors: [] } }));
    process.env.AWS_ENDPOINT_URL = other.endpoint;
    process.env.AWS_ENDPOINT_URL_PCA_CONNECTOR_AD = server.endpoint;
    const specific = makeClient(undefined);
    await specific.send(new ListConnectorsCommand({}));
    specific.destroy();
    delete process.env.AWS_ENDPOINT_URL_PCA_CONNECTOR_AD;
    const generic = makeClient(undefined);
    await generic.send(new ListConnectorsCommand({}));
    generic.destroy();
    assert.equal(server.requests.length, 1);
    assert.equal(other.requests.length, 1);
  });

  it('an explicit endpoint wins over the environment variables', async () => {
    server = await startServer(() => ({ status: 200, body: { Connectors: [] } }));
    process.env.AWS_ENDPOINT_URL_PCA_CONNECTOR_AD = 'http://127.0.0.1:9'; // nothing listens there
    const client = makeClient(server.endpoint, { maxAttempts: 1 });
    await client.send(new ListConnectorsCommand({}));
    client.destroy();
    assert.equal(server.requests.length, 1);
  });

  it('defaults to https://pca-connector-ad.{region}.amazonaws.com (no network: capturing handler)', async () => {
    const { seen, handler } = capturingHandler();
    const client = new PcaConnectorAdClient({ region: 'eu-west-1', credentials: CREDENTIALS, requestHandler: handler });
    await client.send(new ListConnectorsCommand({ MaxResults: 5 }));
    client.destroy();
    const request = seen[0];
    assert.ok(request);
    assert.equal(request.protocol, 'https:');
    assert.equal(request.hostname, 'pca-connector-ad.eu-west-1.amazonaws.com');
    assert.equal(request.path, '/connectors');
    assert.deepEqual(request.query, { MaxResults: '5' });
    assert.match(String(request.headers.authorization), /\/eu-west-1\/pca-connector-ad\/aws4_request, /);
  });

  it('useFipsEndpoint / useDualstackEndpoint select the FIPS and dual-stack hosts', async () => {
    const { seen, handler } = capturingHandler();
    for (const flags of [{ useFipsEndpoint: true }, { useDualstackEndpoint: true }]) {
      const client = new PcaConnectorAdClient({ region: 'us-east-1', credentials: CREDENTIALS, requestHandler: handler, ...flags });
      await client.send(new ListConnectorsCommand({}));
      client.destroy();
    }
    assert.deepEqual(
      seen.map((r) => r.hostname),
      ['pca-connector-ad-fips.us-east-1.amazonaws.com', 'pca-connector-ad.us-east-1.api.aws'],
    );
  });

  it('the endpoint resolver follows the service rule set', () => {
    const url = (params: Parameters<typeof defaultEndpointResolver>[0]) => defaultEndpointResolver(params).url.href;
    assert.equal(url({ Region: 'us-east-1' }), 'https://pca-connector-ad.us-east-1.amazonaws.com/');
    assert.equal(url({ Region: 'cn-north-1' }), 'https://pca-connector-ad.cn-north-1.amazonaws.com.cn/');
    assert.equal(
      url({ Region: 'us-gov-west-1', UseFIPS: true }),
      'https://pca-connector-ad-fips.us-gov-west-1.amazonaws.com/',
    );
    assert.equal(
      url({ Region: 'us-east-1', UseFIPS: true, UseDualStack: true }),
      'https://pca-connector-ad-fips.us-east-1.api.aws/',
    );
    assert.equal(url({ Region: 'us-east-1', Endpoint: 'http://127.0.0.1:4566' }), 'http://127.0.0.1:4566/');
    assert.throws(() => url({ Endpoint: 'http://x', UseFIPS: true }), /FIPS and custom endpoint are not supported/);
    assert.throws(() => url({ Endpoint: 'http://x', UseDualStack: true }), /Dualstack and custom endpoint/);
    assert.throws(() => url({}), /Missing Region/);
  });
});
