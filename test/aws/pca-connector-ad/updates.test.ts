import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ConflictException,
  PcaConnectorAd,
  ResourceNotFoundException,
  TagResourceCommand,
  UpdateTemplateCommand,
  UpdateTemplateGroupAccessControlEntryCommand,
  ValidationException,
  type PcaConnectorAdClient,
  type TemplateDefinition,
} from '../../../src/aws/pca-connector-ad/index.ts';
import { CONNECTOR_ARN, credentialScope, makeClient, startServer, type LocalServer, type RecordedRequest, type Reply } from './helpers.ts';

const TEMPLATE_ARN = `${CONNECTOR_ARN}/template/12345678-90ab-cdef-1234-567890abcdef`;
const SID = 'S-1-5-21-1111111111-2222222222-3333333333-515';
const enc = encodeURIComponent;
const tplPath = `/templates/${enc(TEMPLATE_ARN)}`;
const DEFINITION: TemplateDefinition = {
  TemplateV2: {
    CertificateValidity: { ValidityPeriod: { Period: 2, PeriodType: 'YEARS' }, RenewalPeriod: { Period: 6, PeriodType: 'WEEKS' } },
    EnrollmentFlags: {},
    Extensions: { KeyUsage: { UsageFlags: { DigitalSignature: true } } },
    GeneralFlags: { MachineType: true },
    PrivateKeyAttributes: { KeySpec: 'KEY_EXCHANGE', MinimalKeyLength: 2048 },
    PrivateKeyFlags: { ClientVersion: 'WINDOWS_SERVER_2008' },
    SubjectNameFlags: {},
  },
};

/** Answers as the model says: 200 with no body for the two PATCHes, 204 for TagResource; errors by marker. */
const route = (req: RecordedRequest): Reply => {
  if (req.body.includes('"missing"')) return { status: 404, headers: { 'x-amzn-errortype': 'ResourceNotFoundException' }, body: { message: 'gone', ResourceId: 'x', ResourceType: 'TEMPLATE' } };
  if (req.body.includes('"busy"')) return { status: 409, headers: { 'x-amzn-errortype': 'ConflictException' }, body: { message: 'in use', ResourceId: 'x', ResourceType: 'TEMPLATE' } };
  if (req.body.includes('"bad"')) return { status: 400, headers: { 'x-amzn-errortype': 'ValidationException' }, body: { message: 'no', Reason: 'FIELD_VALIDATION_FAILED' } };
  switch (`${req.method} ${req.path}`) {
    case `PATCH ${tplPath}`:
    case `PATCH ${tplPath}/accessControlEntries/${SID}`:
      return { status: 200 };
    case `POST /tags/${enc(TEMPLATE_ARN)}`:
      return { status: 204 };
    default:
      return { status: 404, headers: { 'x-amzn-errortype': 'UnknownOperationException' }, body: { message: req.url } };
  }
};

describe('UpdateTemplate, UpdateTemplateGroupAccessControlEntry and TagResource on the wire (real HTTP server)', () => {
  let server: LocalServer;
  let client: PcaConnectorAdClient;
  before(async () => {
    server = await startServer(route);
    client = makeClient(server.endpoint);
  });
  after(async () => {
    client.destroy();
    await server.close();
  });

  const last = (): RecordedRequest => {
    const r = server.requests.at(-1);
    assert.ok(r);
    assert.equal(credentialScope(r.headers)?.service, 'pca-connector-ad');
    return r;
  };

  it('UpdateTemplate: PATCH /templates/{arn} (encoded), the definition and the re-enrollment flag in the body, 200', async () => {
    const out = await client.send(new UpdateTemplateCommand({ TemplateArn: TEMPLATE_ARN, Definition: DEFINITION, ReenrollAllCertificateHolders: false }));
    const r = last();
    assert.equal(r.method, 'PATCH');
    assert.equal(r.url, tplPath);
    assert.deepEqual(JSON.parse(r.body), { Definition: DEFINITION, ReenrollAllCertificateHolders: false });
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.deepEqual(Object.keys(out), ['$metadata']);
  });

  it('UpdateTemplate without the flag sends only the definition', async () => {
    await client.send(new UpdateTemplateCommand({ TemplateArn: TEMPLATE_ARN, Definition: DEFINITION }));
    assert.deepEqual(Object.keys(JSON.parse(last().body) as object), ['Definition']);
  });

  it('UpdateTemplateGroupAccessControlEntry: PATCH …/accessControlEntries/{sid}, rights and display name in the body', async () => {
    const out = await client.send(
      new UpdateTemplateGroupAccessControlEntryCommand({
        TemplateArn: TEMPLATE_ARN,
        GroupSecurityIdentifier: SID,
        AccessRights: { Enroll: 'ALLOW', AutoEnroll: 'DENY' },
        GroupDisplayName: 'Web Servers',
      }),
    );
    const r = last();
    assert.equal(r.method, 'PATCH');
    assert.equal(r.url, `${tplPath}/accessControlEntries/${SID}`);
    assert.deepEqual(JSON.parse(r.body), { AccessRights: { Enroll: 'ALLOW', AutoEnroll: 'DENY' }, GroupDisplayName: 'Web Servers' });
    assert.equal(out.$metadata.httpStatusCode, 200);
  });

  it('TagResource: POST /tags/{arn}, the tags as a map, 204', async () => {
    const out = await client.send(new TagResourceCommand({ ResourceArn: TEMPLATE_ARN, Tags: { team: 'pki', 'cost-center': '4711' } }));
    const r = last();
    assert.equal(r.method, 'POST');
    assert.equal(r.url, `/tags/${enc(TEMPLATE_ARN)}`);
    assert.deepEqual(JSON.parse(r.body), { Tags: { team: 'pki', 'cost-center': '4711' } });
    assert.equal(out.$metadata.httpStatusCode, 204);
  });

  it('their modeled errors come back as the classes, with their fields', async () => {
    await assert.rejects(
      client.send(new UpdateTemplateGroupAccessControlEntryCommand({ TemplateArn: TEMPLATE_ARN, GroupSecurityIdentifier: SID, GroupDisplayName: 'missing' })),
      (e: unknown) => e instanceof ResourceNotFoundException && e.ResourceType === 'TEMPLATE',
    );
    await assert.rejects(
      client.send(new UpdateTemplateGroupAccessControlEntryCommand({ TemplateArn: TEMPLATE_ARN, GroupSecurityIdentifier: SID, GroupDisplayName: 'busy' })),
      (e: unknown) => e instanceof ConflictException && e.$metadata.httpStatusCode === 409,
    );
    await assert.rejects(
      client.send(new TagResourceCommand({ ResourceArn: TEMPLATE_ARN, Tags: { k: 'bad' } })),
      (e: unknown) => e instanceof ValidationException && e.Reason === 'FIELD_VALIDATION_FAILED',
    );
  });

  it('the aggregated client has the two update methods', async () => {
    const pca = new PcaConnectorAd({ region: 'us-east-1', endpoint: server.endpoint, credentials: client.config.credentials });
    await pca.updateTemplate({ TemplateArn: TEMPLATE_ARN, Definition: DEFINITION });
    await pca.updateTemplateGroupAccessControlEntry({ TemplateArn: TEMPLATE_ARN, GroupSecurityIdentifier: SID, AccessRights: { Enroll: 'DENY' } });
    pca.destroy();
    assert.deepEqual(server.requests.slice(-2).map((r) => r.method), ['PATCH', 'PATCH']);
  });
});
