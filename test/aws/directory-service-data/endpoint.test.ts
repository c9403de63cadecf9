import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { DescribeGroupCommand, DirectoryServiceDataClient } from '../../../src/aws/directory-service-data/index.ts';
import { defaultEndpointResolver } from '../../../src/aws/directory-service-data/endpoint.ts';
import { credentialScope, CREDENTIALS, DIRECTORY_ID, makeClient, startServer, type LocalServer } from './helpers.ts';

/** The SDK's rule: `AWS_ENDPOINT_URL_` + the model's serviceId ("Directory Service Data") upper-cased, spaces → `_`. */
const SERVICE_VARIABLE = 'AWS_ENDPOINT_URL_DIRECTORY_SERVICE_DATA';
const ENV_KEYS = ['AWS_ENDPOINT_URL', SERVICE_VARIABLE, 'AWS_ENDPOINT_URL_DIRECTORY_SERVICE', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];
const describeGroup = () => new DescribeGroupCommand({ DirectoryId: DIRECTORY_ID, SAMAccountName: 'Domain Users' });
const answer = () => ({ status: 200, body: { SID: 'S-1-5-21-1-2-3-513' } });

/** A request handler that answers every request with a DescribeGroup result and remembers the request. */
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
            body: Readable.from([Buffer.from('{"SID":"S-1-5-21-1-2-3-513"}')]),
          }),
        };
      },
    },
  };
};

describe('DirectoryServiceDataClient endpoint resolution', () => {
  const saved: Record<string, string | undefined> = {};
  let servers: LocalServer[] = [];
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
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  const server = async () => {
    const s = await startServer(answer);
    servers.push(s);
    return s;
  };

  it(`honours ${SERVICE_VARIABLE} when the client has no endpoint`, async () => {
    // Prepare
    const local = await server();
    process.env[SERVICE_VARIABLE] = local.endpoint;
    const client = makeClient(undefined);
    // Act
    const output = await client.send(describeGroup());
    client.destroy();
    // Assess
    assert.equal(output.SID, 'S-1-5-21-1-2-3-513');
    assert.equal(local.requests[0]?.url, `/Groups/DescribeGroup?DirectoryId=${DIRECTORY_ID}`);
    assert.equal(credentialScope(local.requests[0]?.headers ?? {})?.service, 'ds-data');
  });

  it('the service variable wins over AWS_ENDPOINT_URL, which applies alone too; Directory Service\'s variable does not apply', async () => {
    const specific = await server();
    const generic = await server();
    const directoryService = await server();
    process.env.AWS_ENDPOINT_URL = generic.endpoint;
    process.env.AWS_ENDPOINT_URL_DIRECTORY_SERVICE = directoryService.endpoint;
    process.env[SERVICE_VARIABLE] = specific.endpoint;
    const first = makeClient(undefined);
    await first.send(describeGroup());
    first.destroy();
    Reflect.deleteProperty(process.env, SERVICE_VARIABLE);
    const second = makeClient(undefined);
    await second.send(describeGroup());
    second.destroy();
    assert.deepEqual(
      [specific.requests.length, generic.requests.length, directoryService.requests.length],
      [1, 1, 0],
    );
  });

  it('an explicit endpoint wins over the environment variables', async () => {
    const local = await server();
    process.env[SERVICE_VARIABLE] = 'http://127.0.0.1:9'; // nothing listens there
    const client = makeClient(local.endpoint, { maxAttempts: 1 });
    await client.send(describeGroup());
    client.destroy();
    assert.equal(local.requests.length, 1);
  });

  it('defaults to https://ds-data.{region}.amazonaws.com, signed for ds-data in that region (capturing handler, no network)', async () => {
    const { seen, handler } = capturingHandler();
    const client = new DirectoryServiceDataClient({ region: 'eu-west-1', credentials: CREDENTIALS, requestHandler: handler });
    await client.send(describeGroup());
    client.destroy();
    const request = seen[0];
    assert.ok(request);
    assert.equal(request.protocol, 'https:');
    assert.equal(request.hostname, 'ds-data.eu-west-1.amazonaws.com');
    assert.equal(request.path, '/Groups/DescribeGroup');
    assert.deepEqual(request.query, { DirectoryId: DIRECTORY_ID });
    assert.match(String(request.headers.authorization), /\/eu-west-1\/ds-data\/aws4_request, /);
  });

  it('useFipsEndpoint / useDualstackEndpoint select the FIPS and dual-stack hosts', async () => {
    const { seen, handler } = capturingHandler();
    for (const flags of [{ useFipsEndpoint: true }, { useDualstackEndpoint: true }]) {
      const client = new DirectoryServiceDataClient({ region: 'us-east-1', credentials: CREDENTIALS, requestHandler: handler, ...flags });
      await client.send(describeGroup());
      client.destroy();
    }
    assert.deepEqual(
      seen.map((r) => r.hostname),
      ['ds-data-fips.us-east-1.amazonaws.com', 'ds-data.us-east-1.api.aws'],
    );
  });

  it('the resolver evaluates the service rule set', () => {
    const url = (params: Parameters<typeof defaultEndpointResolver>[0]) => defaultEndpointResolver(params).url.href;
    assert.equal(url({ Region: 'us-east-1' }), 'https://ds-data.us-east-1.amazonaws.com/');
    assert.equal(url({ Region: 'cn-north-1' }), 'https://ds-data.cn-north-1.amazonaws.com.cn/');
    assert.equal(url({ Region: 'us-gov-west-1', UseFIPS: true }), 'https://ds-data-fips.us-gov-west-1.amazonaws.com/');
    assert.equal(url({ Region: 'us-east-1', UseFIPS: true, UseDualStack: true }), 'https://ds-data-fips.us-east-1.api.aws/');
    assert.equal(url({ Region: 'us-east-1', Endpoint: 'http://127.0.0.1:4566' }), 'http://127.0.0.1:4566/');
    assert.throws(() => url({ Region: 'us-east-1', Endpoint: 'http://x', UseFIPS: true }), /FIPS and custom endpoint are not supported/);
    assert.throws(() => url({ Region: 'us-east-1', Endpoint: 'http://x', UseDualStack: true }), /Dualstack and custom endpoint/);
    assert.throws(() => url({}), /Missing Region/);
  });
});
