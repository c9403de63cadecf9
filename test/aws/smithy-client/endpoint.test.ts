/**
 * Endpoint resolution and SigV4 scope of both in-repo clients (src/aws/smithy-client/ serves both): the same rules,
 * each with its own service variable, host prefix, signing name and published rule set.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { DescribeGroupCommand, DirectoryServiceDataClient } from '../../../src/aws/directory-service-data/index.ts';
import { defaultEndpointResolver as dsDataResolver, ruleSet as dsDataRuleSet } from '../../../src/aws/directory-service-data/endpoint.ts';
import { ListConnectorsCommand, PcaConnectorAdClient } from '../../../src/aws/pca-connector-ad/index.ts';
import { defaultEndpointResolver as pcaResolver, ruleSet as pcaRuleSet } from '../../../src/aws/pca-connector-ad/endpoint.ts';
import type { ClientConfig } from '../../../src/aws/smithy-client/client.ts';
import type { EndpointResolver } from '../../../src/aws/smithy-client/endpoint.ts';
import { credentialScope, CREDENTIALS, DIRECTORY_ID, REGION, startServer, type LocalServer } from './helpers.ts';

interface Service {
  client: string;
  /** `AWS_ENDPOINT_URL_` + the model's serviceId upper-cased, spaces → `_` (the SDK's rule). */
  variable: string;
  /** Other services' variables that must not apply. */
  unrelatedVariables: string[];
  /** Host prefix and SigV4 signing name. */
  name: string;
  /** Sends the service's probe operation with a fresh client built from `config`. */
  send(config: ClientConfig): Promise<void>;
  /** The probe's HTTP answer, path and query. */
  answer: Record<string, unknown>;
  path: string;
  query: Record<string, string>;
  resolver: EndpointResolver;
  ruleSet: unknown;
  /** The published rule set in ../shared/reference/. */
  publishedRuleSet: string;
}

const withClient = async <C extends { destroy(): void }>(client: C, call: (client: C) => Promise<unknown>) => {
  try {
    await call(client);
  } finally {
    client.destroy();
  }
};
const configOf = (config: ClientConfig): ClientConfig => ({ region: REGION, credentials: CREDENTIALS, ...config });

const SERVICES: Service[] = [
  {
    client: 'PcaConnectorAdClient',
    variable: 'AWS_ENDPOINT_URL_PCA_CONNECTOR_AD',
    unrelatedVariables: ['AWS_ENDPOINT_URL_ACM_PCA'],
    name: 'pca-connector-ad',
    send: (config) =>
      withClient(new PcaConnectorAdClient(configOf(config)), (c) => c.send(new ListConnectorsCommand({ MaxResults: 5 }))),
    answer: { Connectors: [] },
    path: '/connectors',
    query: { MaxResults: '5' },
    resolver: pcaResolver,
    ruleSet: pcaRuleSet,
    publishedRuleSet: 'pca-connector-ad-2018-05-10.endpoint-rule-set.json',
  },
  {
    client: 'DirectoryServiceDataClient',
    variable: 'AWS_ENDPOINT_URL_DIRECTORY_SERVICE_DATA',
    unrelatedVariables: ['AWS_ENDPOINT_URL_DIRECTORY_SERVICE'],
    name: 'ds-data',
    send: (config) =>
      withClient(new DirectoryServiceDataClient(configOf(config)), (c) =>
        c.send(new DescribeGroupCommand({ DirectoryId: DIRECTORY_ID, SAMAccountName: 'Domain Users' })),
      ),
    answer: { SID: 'S-1-5-21-1-2-3-513' },
    path: '/Groups/DescribeGroup',
    query: { DirectoryId: DIRECTORY_ID },
    resolver: dsDataResolver,
    ruleSet: dsDataRuleSet,
    publishedRuleSet: 'ds-data-2023-05-31.endpoint-rule-set.json',
  },
];

for (const service of SERVICES) {
  describe(`${service.client} endpoint resolution`, () => {
    const { variable, name } = service;
    const envKeys = ['AWS_ENDPOINT_URL', variable, ...service.unrelatedVariables, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];
    const saved: Record<string, string | undefined> = {};
    let servers: LocalServer[] = [];
    beforeEach(() => {
      for (const k of envKeys) {
        saved[k] = process.env[k];
        Reflect.deleteProperty(process.env, k);
      }
    });
    afterEach(async () => {
      for (const k of envKeys) {
        if (saved[k] === undefined) Reflect.deleteProperty(process.env, k);
        else process.env[k] = saved[k];
      }
      await Promise.all(servers.map((s) => s.close()));
      servers = [];
    });
    const server = async () => {
      const s = await startServer(() => ({ status: 200, body: service.answer }));
      servers.push(s);
      return s;
    };

    /** A request handler that answers every request with the probe's answer and remembers the request. */
    const capturingHandler = () => {
      const seen: HttpRequest[] = [];
      const handle = async (request: HttpRequest) => {
        seen.push(request);
        const body = Readable.from([Buffer.from(JSON.stringify(service.answer))]);
        return { response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/json' }, body }) };
      };
      return { seen, handler: { handle } };
    };

    it(`honours ${variable} when the client has no endpoint`, async () => {
      // Prepare
      const local = await server();
      process.env[variable] = local.endpoint;
      // Act
      await service.send({});
      // Assess
      assert.equal(local.requests.length, 1);
      assert.equal(local.requests[0]?.path, service.path);
      assert.equal(credentialScope(local.requests[0]?.headers ?? {})?.service, name);
    });

    it(`${variable} wins over AWS_ENDPOINT_URL, which applies alone too; ${service.unrelatedVariables.join(', ')} does not apply`, async () => {
      const specific = await server();
      const generic = await server();
      const unrelated = await server();
      process.env.AWS_ENDPOINT_URL = generic.endpoint;
      for (const other of service.unrelatedVariables) process.env[other] = unrelated.endpoint;
      process.env[variable] = specific.endpoint;
      await service.send({});
      Reflect.deleteProperty(process.env, variable);
      await service.send({});
      assert.deepEqual([specific.requests.length, generic.requests.length, unrelated.requests.length], [1, 1, 0]);
    });

    it('an explicit endpoint wins over the environment variables', async () => {
      const local = await server();
      process.env[variable] = 'http://127.0.0.1:9'; // nothing listens there
      await service.send({ endpoint: local.endpoint, maxAttempts: 1 });
      assert.equal(local.requests.length, 1);
    });

    it(`defaults to https://${name}.{region}.amazonaws.com, signed for ${name} in that region (capturing handler, no network)`, async () => {
      const { seen, handler } = capturingHandler();
      await service.send({ region: 'eu-west-1', requestHandler: handler });
      const request = seen[0];
      assert.ok(request);
      assert.equal(request.protocol, 'https:');
      assert.equal(request.hostname, `${name}.eu-west-1.amazonaws.com`);
      assert.equal(request.path, service.path);
      assert.deepEqual(request.query, service.query);
      assert.match(String(request.headers.authorization), new RegExp(`/eu-west-1/${name}/aws4_request, `));
    });

    it('useFipsEndpoint / useDualstackEndpoint select the FIPS and dual-stack hosts', async () => {
      const { seen, handler } = capturingHandler();
      for (const flags of [{ useFipsEndpoint: true }, { useDualstackEndpoint: true }]) {
        await service.send({ requestHandler: handler, ...flags });
      }
      assert.deepEqual(
        seen.map((r) => r.hostname),
        [`${name}-fips.us-east-1.amazonaws.com`, `${name}.us-east-1.api.aws`],
      );
    });

    it(`the rule set is the published one (${service.publishedRuleSet})`, () => {
      const published = new URL(`../../../../shared/reference/${service.publishedRuleSet}`, import.meta.url);
      assert.deepEqual(service.ruleSet, JSON.parse(readFileSync(published, 'utf8')));
    });

    it('the resolver evaluates the service rule set', () => {
      const url = (params: Parameters<EndpointResolver>[0]) => service.resolver(params).url.href;
      assert.equal(url({ Region: 'us-east-1' }), `https://${name}.us-east-1.amazonaws.com/`);
      assert.equal(url({ Region: 'cn-north-1' }), `https://${name}.cn-north-1.amazonaws.com.cn/`);
      assert.equal(url({ Region: 'us-gov-west-1', UseFIPS: true }), `https://${name}-fips.us-gov-west-1.amazonaws.com/`);
      assert.equal(url({ Region: 'us-east-1', UseFIPS: true, UseDualStack: true }), `https://${name}-fips.us-east-1.api.aws/`);
      assert.equal(url({ Region: 'us-east-1', Endpoint: 'http://127.0.0.1:4566' }), 'http://127.0.0.1:4566/');
      assert.throws(() => url({ Endpoint: 'http://x', UseFIPS: true }), /FIPS and custom endpoint are not supported/);
      assert.throws(() => url({ Endpoint: 'http://x', UseDualStack: true }), /Dualstack and custom endpoint/);
      assert.throws(() => url({}), /Missing Region/);
    });
  });
}
