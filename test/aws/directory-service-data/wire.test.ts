import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import {
  CreateGroupCommand,
  DescribeGroupCommand,
  DirectoryServiceData,
} from '../../../src/aws/directory-service-data/index.ts';
import {
  clientOnLocalServer,
  CREDENTIALS,
  credentialScope,
  DIRECTORY_ID,
  makeClient,
  type RecordedRequest,
  type Reply,
  startServer,
} from './helpers.ts';

const SID = 'S-1-5-21-1004336348-1177238915-682003330-515';
const describeBody = {
  DirectoryId: DIRECTORY_ID,
  Realm: 'corp.example.com',
  SID,
  SAMAccountName: 'Domain Computers',
  DistinguishedName: 'CN=Domain Computers,CN=Users,DC=corp,DC=example,DC=com',
  GroupType: 'Security',
  GroupScope: 'Global',
  OtherAttributes: {
    description: { S: 'All workstations and servers joined to the domain' },
    groupType: { N: -2147483646 },
    isCriticalSystemObject: { BOOL: true },
    objectClass: { SS: ['top', 'group'] },
  },
};

/** Answers like the service: 200 and a JSON body per operation. */
const route = (req: RecordedRequest): Reply => {
  switch (`${req.method} ${req.path}`) {
    case 'POST /Groups/DescribeGroup':
      return { status: 200, body: describeBody };
    case 'POST /Groups/CreateGroup':
      return { status: 200, body: { DirectoryId: DIRECTORY_ID, SAMAccountName: 'Enrollers', SID: `${SID.slice(0, -4)}-1104` } };
    default:
      return { status: 404, headers: { 'x-amzn-errortype': 'UnknownOperationException' }, body: { message: req.url } };
  }
};

/** What the SDK fills in for an omitted idempotency token: a UUID v4 (inside the model's 1–128 ASCII characters). */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('DirectoryServiceDataClient on the wire (real HTTP server on 127.0.0.1)', () => {
  const wire = clientOnLocalServer(route, (endpoint) => makeClient(endpoint));

  const { sendOne } = wire;

  const assertSignedJson = (request: RecordedRequest) => {
    const scope = credentialScope(request.headers);
    assert.ok(scope, `SigV4 Authorization header, got ${request.headers.authorization}`);
    assert.deepEqual({ ...scope, date: undefined }, { accessKeyId: 'AKIDEXAMPLE', date: undefined, region: 'us-east-1', service: 'ds-data' });
    assert.ok(request.headers['x-amz-date']);
    assert.match(String(request.headers.authorization), /SignedHeaders=[^,]*\bhost\b/);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers.host, new URL(wire.server.endpoint).host);
    assert.match(String(request.headers['user-agent']), /api\/directory-service-data#/);
  };

  it('DescribeGroup: POST /Groups/DescribeGroup?DirectoryId=…, the other members in the JSON body; every result member parsed', async () => {
    // Act
    const { output, request } = await sendOne(() =>
      wire.client.send(new DescribeGroupCommand({ DirectoryId: DIRECTORY_ID, SAMAccountName: 'Domain Computers' })),
    );
    // Assess
    assert.equal(request.method, 'POST');
    assert.equal(request.url, `/Groups/DescribeGroup?DirectoryId=${DIRECTORY_ID}`);
    assert.equal(request.body, '{"SAMAccountName":"Domain Computers"}');
    assertSignedJson(request);
    const { $metadata, ...result } = output;
    assert.deepEqual(result, describeBody);
    assert.equal($metadata.httpStatusCode, 200);
    assert.equal($metadata.requestId, `req-${wire.server.requests.indexOf(request) + 1}`);
  });

  it('DescribeGroup: Realm and OtherAttributes go in the body, DirectoryId never does', async () => {
    const { request } = await sendOne(() =>
      wire.client.send(
        new DescribeGroupCommand({
          DirectoryId: DIRECTORY_ID,
          SAMAccountName: 'Domain Computers',
          Realm: 'corp.example.com',
          OtherAttributes: ['description', 'objectClass'],
        }),
      ),
    );
    assert.deepEqual([...request.query.entries()], [['DirectoryId', DIRECTORY_ID]]);
    assert.deepEqual(JSON.parse(request.body), {
      SAMAccountName: 'Domain Computers',
      Realm: 'corp.example.com',
      OtherAttributes: ['description', 'objectClass'],
    });
  });

  it('CreateGroup: POST /Groups/CreateGroup?DirectoryId=…, body with a fresh UUID v4 ClientToken per call when omitted', async () => {
    // Prepare
    const input = {
      DirectoryId: DIRECTORY_ID,
      SAMAccountName: 'Enrollers',
      GroupType: 'Security' as const,
      GroupScope: 'Global' as const,
      OtherAttributes: { description: { S: 'Certificate enrollment' } },
    };
    // Act
    const first = await sendOne(() => wire.client.send(new CreateGroupCommand(input)));
    const second = await sendOne(() => wire.client.send(new CreateGroupCommand(input)));
    // Assess
    const { output, request } = first;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, `/Groups/CreateGroup?DirectoryId=${DIRECTORY_ID}`);
    assertSignedJson(request);
    const { ClientToken, ...rest } = JSON.parse(request.body) as Record<string, unknown>;
    const { DirectoryId: _inQuery, ...bodyMembers } = input;
    assert.deepEqual(rest, bodyMembers);
    assert.match(String(ClientToken), UUID_V4);
    assert.notEqual(JSON.parse(second.request.body).ClientToken, ClientToken, 'a fresh token per call');
    assert.deepEqual(
      { DirectoryId: output.DirectoryId, SAMAccountName: output.SAMAccountName, SID: output.SID },
      { DirectoryId: DIRECTORY_ID, SAMAccountName: 'Enrollers', SID: `${SID.slice(0, -4)}-1104` },
    );
  });

  it('CreateGroup: a caller-supplied ClientToken (128 ASCII characters, the model maximum) is sent unchanged', async () => {
    const token = 'k'.repeat(128);
    const { request } = await sendOne(() =>
      wire.client.send(new CreateGroupCommand({ DirectoryId: DIRECTORY_ID, SAMAccountName: 'Enrollers', ClientToken: token })),
    );
    assert.deepEqual(JSON.parse(request.body), { SAMAccountName: 'Enrollers', ClientToken: token });
  });

  it('the logger sees the model\'s sensitive members redacted (DistinguishedName, attribute values)', async () => {
    const logged: unknown[] = [];
    const record = (...args: unknown[]) => void logged.push(...args);
    const logging = makeClient(wire.server.endpoint, { logger: { debug: () => undefined, info: record, warn: record, error: record } });
    await logging.send(new DescribeGroupCommand({ DirectoryId: DIRECTORY_ID, SAMAccountName: 'Domain Computers' }));
    logging.destroy();
    const text = JSON.stringify(logged);
    assert.match(text, /"DistinguishedName":"\*\*\*SensitiveInformation\*\*\*"/);
    assert.match(text, /"description":\{"S":"\*\*\*SensitiveInformation\*\*\*"\}/);
    assert.match(text, new RegExp(SID));
    assert.doesNotMatch(text, /CN=Domain Computers|All workstations|objectClass":\{"SS":\["top/);
  });

  it('the aggregated DirectoryServiceData client sends the same requests as methods', async () => {
    const dsData = new DirectoryServiceData({ region: 'us-east-1', endpoint: wire.server.endpoint, credentials: CREDENTIALS });
    const described = await sendOne(() => dsData.describeGroup({ DirectoryId: DIRECTORY_ID, SAMAccountName: 'Domain Computers' }));
    const created = await sendOne(() => dsData.createGroup({ DirectoryId: DIRECTORY_ID, SAMAccountName: 'Enrollers' }));
    dsData.destroy();
    assert.equal(described.request.url, `/Groups/DescribeGroup?DirectoryId=${DIRECTORY_ID}`);
    assert.equal(described.output.SID, SID);
    assert.equal(created.request.url, `/Groups/CreateGroup?DirectoryId=${DIRECTORY_ID}`);
    assert.match(String(JSON.parse(created.request.body).ClientToken), UUID_V4);
  });
});

describe('DirectoryServiceDataClient SDK retries keep the idempotency token', () => {
  it('a 500 then a 200: CreateGroup is resent with the same ClientToken', async () => {
    // Prepare
    const server = await startServer((req, n) =>
      n === 0 ? { status: 500, headers: { 'x-amzn-errortype': 'InternalServerException' }, body: { message: 'oops' } } : route(req),
    );
    const client = makeClient(server.endpoint, { retryStrategy: new ConfiguredRetryStrategy(3, () => 1) });
    try {
      // Act
      const output = await client.send(new CreateGroupCommand({ DirectoryId: DIRECTORY_ID, SAMAccountName: 'Enrollers' }));
      // Assess
      assert.equal(output.$metadata.attempts, 2);
      const tokens = server.requests.map((r) => JSON.parse(r.body).ClientToken as string);
      assert.equal(tokens.length, 2);
      assert.match(tokens[0] ?? '', UUID_V4);
      assert.equal(tokens[1], tokens[0]);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
