import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateConnectorCommand,
  CreateDirectoryRegistrationCommand,
  CreateServicePrincipalNameCommand,
  DeleteConnectorCommand,
  GetConnectorCommand,
  GetDirectoryRegistrationCommand,
  GetServicePrincipalNameCommand,
  ListConnectorsCommand,
  ListDirectoryRegistrationsCommand,
  PcaConnectorAd,
} from '../../../src/aws/pca-connector-ad/index.ts';
import {
  CA_ARN,
  clientOnLocalServer,
  CONNECTOR_ARN,
  credentialScope,
  DIRECTORY_ID,
  makeClient,
  type RecordedRequest,
  REGISTRATION_ARN,
  type Reply,
} from './helpers.ts';

const CREATED_AT = 1700000000.25; // epoch seconds, as restJson1 sends timestamps
const UPDATED_AT = 1700000100;
const connectorBody = {
  Arn: CONNECTOR_ARN,
  CertificateAuthorityArn: CA_ARN,
  CertificateEnrollmentPolicyServerEndpoint: 'https://example.invalid/cep',
  DirectoryId: DIRECTORY_ID,
  Status: 'ACTIVE',
  VpcInformation: { IpAddressType: 'IPV4', SecurityGroupIds: ['sg-0123456789abcdef0'] },
  CreatedAt: CREATED_AT,
  UpdatedAt: UPDATED_AT,
};
const registrationBody = {
  Arn: REGISTRATION_ARN,
  DirectoryId: DIRECTORY_ID,
  Status: 'FAILED',
  StatusReason: 'DIRECTORY_TYPE_NOT_SUPPORTED',
  CreatedAt: CREATED_AT,
  UpdatedAt: UPDATED_AT,
};

/** Answers like the service: success code and body per route. */
const route = (req: RecordedRequest): Reply => {
  const key = `${req.method} ${req.path.split('/').slice(0, 2).join('/')}`;
  if (req.path.includes('/servicePrincipalNames/')) {
    return req.method === 'POST'
      ? { status: 202 }
      : {
          status: 200,
          body: {
            ServicePrincipalName: {
              ConnectorArn: CONNECTOR_ARN,
              DirectoryRegistrationArn: REGISTRATION_ARN,
              Status: 'CREATING',
              CreatedAt: CREATED_AT,
              UpdatedAt: UPDATED_AT,
            },
          },
        };
  }
  switch (key) {
    case 'POST /connectors':
      return { status: 202, body: { ConnectorArn: CONNECTOR_ARN } };
    case 'GET /connectors':
      return req.path === '/connectors'
        ? { status: 200, body: { Connectors: [connectorBody], NextToken: 'bmV4dA==' } }
        : { status: 200, body: { Connector: connectorBody } };
    case 'DELETE /connectors':
      return { status: 202 };
    case 'POST /directoryRegistrations':
      return { status: 202, body: { DirectoryRegistrationArn: REGISTRATION_ARN } };
    case 'GET /directoryRegistrations':
      return req.path === '/directoryRegistrations'
        ? { status: 200, body: { DirectoryRegistrations: [registrationBody] } }
        : { status: 200, body: { DirectoryRegistration: registrationBody } };
    default:
      return { status: 404, headers: { 'x-amzn-errortype': 'UnknownOperationException' }, body: { message: key } };
  }
};

const enc = encodeURIComponent;
const TOKEN_PATTERN = /^[!-~]{1,64}$/;

describe('PcaConnectorAdClient on the wire (real HTTP server on 127.0.0.1)', () => {
  const wire = clientOnLocalServer(route, (endpoint) => makeClient(endpoint));

  const { sendOne } = wire;

  const assertSigned = (request: RecordedRequest) => {
    const scope = credentialScope(request.headers);
    assert.ok(scope, `SigV4 Authorization header, got ${request.headers.authorization}`);
    assert.equal(scope.accessKeyId, 'AKIDEXAMPLE');
    assert.equal(scope.region, 'us-east-1');
    assert.equal(scope.service, 'pca-connector-ad');
    assert.ok(request.headers['x-amz-date']);
  };

  it('CreateConnector: POST /connectors, JSON body, fresh ClientToken when omitted, 202 → ConnectorArn', async () => {
    // Prepare
    const input = {
      DirectoryId: DIRECTORY_ID,
      CertificateAuthorityArn: CA_ARN,
      VpcInformation: { IpAddressType: 'DUALSTACK' as const, SecurityGroupIds: ['sg-0123456789abcdef0'] },
      Tags: { team: 'pki' },
    };
    // Act
    const first = await sendOne(() => wire.client.send(new CreateConnectorCommand(input)));
    const second = await sendOne(() => wire.client.send(new CreateConnectorCommand(input)));
    // Assess
    const { output, request } = first;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/connectors');
    assert.match(String(request.headers['content-type']), /^application\/json/);
    const body = JSON.parse(request.body) as Record<string, unknown>;
    const { ClientToken, ...rest } = body;
    assert.deepEqual(rest, input);
    assert.equal(typeof ClientToken, 'string');
    assert.match(ClientToken as string, TOKEN_PATTERN);
    assert.notEqual(JSON.parse(second.request.body).ClientToken, ClientToken, 'a fresh token per call');
    assertSigned(request);
    assert.equal(output.ConnectorArn, CONNECTOR_ARN);
    assert.equal(output.$metadata.httpStatusCode, 202);
    assert.equal(output.$metadata.requestId, `req-${wire.server.requests.indexOf(request) + 1}`);
  });

  it('CreateConnector: a caller-supplied ClientToken (SHA-256 hex, 64 chars) is sent unchanged', async () => {
    const token = 'a'.repeat(64);
    const { request } = await sendOne(() =>
      wire.client.send(
        new CreateConnectorCommand({
          DirectoryId: DIRECTORY_ID,
          CertificateAuthorityArn: CA_ARN,
          VpcInformation: { SecurityGroupIds: ['sg-0123456789abcdef0'] },
          ClientToken: token,
        }),
      ),
    );
    assert.equal(JSON.parse(request.body).ClientToken, token);
  });

  it('GetConnector: GET /connectors/{ConnectorArn} with the ARN URI-encoded; timestamps → Date', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(new GetConnectorCommand({ ConnectorArn: CONNECTOR_ARN })),
    );
    assert.equal(request.method, 'GET');
    assert.equal(request.url, `/connectors/${enc(CONNECTOR_ARN)}`);
    assert.ok(request.url.includes('%3A') && request.url.includes('%2F'), ': and / are encoded');
    assert.equal(request.body, '');
    assertSigned(request);
    const c = output.Connector;
    assert.ok(c);
    assert.equal(c.Arn, CONNECTOR_ARN);
    assert.equal(c.Status, 'ACTIVE');
    assert.deepEqual(c.VpcInformation, { IpAddressType: 'IPV4', SecurityGroupIds: ['sg-0123456789abcdef0'] });
    assert.ok(c.CreatedAt instanceof Date);
    assert.equal(c.CreatedAt.getTime(), CREATED_AT * 1000);
    assert.ok(c.UpdatedAt instanceof Date);
    assert.equal(c.UpdatedAt.toISOString(), new Date(UPDATED_AT * 1000).toISOString());
  });

  it('ListConnectors: GET /connectors?MaxResults=&NextToken= (query-encoded); no query when omitted', async () => {
    const withQuery = await sendOne(() =>
      wire.client.send(new ListConnectorsCommand({ MaxResults: 20, NextToken: 'YWJj+/==' })),
    );
    const bare = await sendOne(() => wire.client.send(new ListConnectorsCommand({})));
    assert.equal(withQuery.request.method, 'GET');
    assert.equal(withQuery.request.path, '/connectors');
    assert.equal(withQuery.request.query.get('MaxResults'), '20');
    assert.equal(withQuery.request.query.get('NextToken'), 'YWJj+/==');
    assert.ok(withQuery.request.url.includes('NextToken=YWJj%2B%2F%3D%3D'));
    assertSigned(withQuery.request);
    assert.equal(bare.request.url, '/connectors');
    const { Connectors = [], NextToken } = withQuery.output;
    assert.equal(Connectors.length, 1);
    assert.equal(Connectors[0]?.Arn, CONNECTOR_ARN);
    assert.ok(Connectors[0]?.CreatedAt instanceof Date);
    assert.equal(NextToken, 'bmV4dA==');
  });

  it('DeleteConnector: DELETE /connectors/{ConnectorArn}, 202 with no body → $metadata only', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(new DeleteConnectorCommand({ ConnectorArn: CONNECTOR_ARN })),
    );
    assert.equal(request.method, 'DELETE');
    assert.equal(request.url, `/connectors/${enc(CONNECTOR_ARN)}`);
    assertSigned(request);
    assert.equal(output.$metadata.httpStatusCode, 202);
    assert.deepEqual(Object.keys(output), ['$metadata']);
  });

  it('CreateDirectoryRegistration: POST /directoryRegistrations, body + fresh ClientToken', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(new CreateDirectoryRegistrationCommand({ DirectoryId: DIRECTORY_ID, Tags: { a: 'b' } })),
    );
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/directoryRegistrations');
    const { ClientToken, ...rest } = JSON.parse(request.body) as Record<string, unknown>;
    assert.deepEqual(rest, { DirectoryId: DIRECTORY_ID, Tags: { a: 'b' } });
    assert.match(String(ClientToken), TOKEN_PATTERN);
    assertSigned(request);
    assert.equal(output.DirectoryRegistrationArn, REGISTRATION_ARN);
  });

  it('GetDirectoryRegistration: GET /directoryRegistrations/{arn}; status reason parsed', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(new GetDirectoryRegistrationCommand({ DirectoryRegistrationArn: REGISTRATION_ARN })),
    );
    assert.equal(request.method, 'GET');
    assert.equal(request.url, `/directoryRegistrations/${enc(REGISTRATION_ARN)}`);
    assertSigned(request);
    assert.equal(output.DirectoryRegistration?.StatusReason, 'DIRECTORY_TYPE_NOT_SUPPORTED');
    assert.ok(output.DirectoryRegistration?.CreatedAt instanceof Date);
  });

  it('ListDirectoryRegistrations: GET /directoryRegistrations?MaxResults=', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(new ListDirectoryRegistrationsCommand({ MaxResults: 1 })),
    );
    assert.equal(request.method, 'GET');
    assert.equal(request.path, '/directoryRegistrations');
    assert.equal(request.query.get('MaxResults'), '1');
    assert.equal(request.query.has('NextToken'), false);
    assertSigned(request);
    assert.equal(output.DirectoryRegistrations?.[0]?.Arn, REGISTRATION_ARN);
    assert.equal(output.NextToken, undefined);
  });

  it('CreateServicePrincipalName: POST with both ARNs as encoded labels, body = fresh ClientToken', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(
        new CreateServicePrincipalNameCommand({
          DirectoryRegistrationArn: REGISTRATION_ARN,
          ConnectorArn: CONNECTOR_ARN,
        }),
      ),
    );
    assert.equal(request.method, 'POST');
    assert.equal(
      request.url,
      `/directoryRegistrations/${enc(REGISTRATION_ARN)}/servicePrincipalNames/${enc(CONNECTOR_ARN)}`,
    );
    const body = JSON.parse(request.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['ClientToken']);
    assert.match(String(body.ClientToken), TOKEN_PATTERN);
    assertSigned(request);
    assert.equal(output.$metadata.httpStatusCode, 202);
  });

  it('GetServicePrincipalName: GET with both ARNs as encoded labels', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(
        new GetServicePrincipalNameCommand({ DirectoryRegistrationArn: REGISTRATION_ARN, ConnectorArn: CONNECTOR_ARN }),
      ),
    );
    assert.equal(request.method, 'GET');
    assert.equal(
      request.url,
      `/directoryRegistrations/${enc(REGISTRATION_ARN)}/servicePrincipalNames/${enc(CONNECTOR_ARN)}`,
    );
    assertSigned(request);
    assert.equal(output.ServicePrincipalName?.Status, 'CREATING');
    assert.ok(output.ServicePrincipalName?.UpdatedAt instanceof Date);
  });

  it('the aggregated PcaConnectorAd client exposes the same operations as methods', async () => {
    const pca = new PcaConnectorAd({ region: 'us-east-1', endpoint: wire.server.endpoint, credentials: wire.client.config.credentials });
    const { output, request } = await sendOne(() => pca.getConnector({ ConnectorArn: CONNECTOR_ARN }));
    const pages: string[] = [];
    for await (const page of pca.paginateListConnectors({}, { pageSize: 1 })) {
      pages.push(...(page.Connectors ?? []).map((c) => c.Arn ?? ''));
      break;
    }
    pca.destroy();
    assert.equal(request.url, `/connectors/${enc(CONNECTOR_ARN)}`);
    assert.equal(output.Connector?.Arn, CONNECTOR_ARN);
    assert.deepEqual(pages, [CONNECTOR_ARN]);
    assert.equal(wire.server.requests.at(-1)?.query.get('MaxResults'), '1');
  });

  it('sends the SDK user agent and the Host of the endpoint', async () => {
    const { request } = await sendOne(() => wire.client.send(new ListConnectorsCommand({})));
    assert.match(String(request.headers['user-agent']), /api\/pca-connector-ad#/);
    assert.equal(request.headers.host, new URL(wire.server.endpoint).host);
  });
});
