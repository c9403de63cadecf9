import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConflictException,
  CreateTemplateCommand,
  CreateTemplateGroupAccessControlEntryCommand,
  DeleteDirectoryRegistrationCommand,
  DeleteServicePrincipalNameCommand,
  DeleteTemplateCommand,
  DeleteTemplateGroupAccessControlEntryCommand,
  GetTemplateCommand,
  GetTemplateGroupAccessControlEntryCommand,
  ListServicePrincipalNamesCommand,
  ListTemplateGroupAccessControlEntriesCommand,
  ListTemplatesCommand,
  paginateListServicePrincipalNames,
  paginateListTemplateGroupAccessControlEntries,
  paginateListTemplates,
  PcaConnectorAd,
  ResourceNotFoundException,
  ValidationException,
  type TemplateDefinition,
} from '../../../src/aws/pca-connector-ad/index.ts';
import {
  clientOnLocalServer,
  CONNECTOR_ARN,
  credentialScope,
  makeClient,
  type RecordedRequest,
  REGISTRATION_ARN,
  type Reply,
} from './helpers.ts';

const TEMPLATE_ARN = `${CONNECTOR_ARN}/template/12345678-90ab-cdef-1234-567890abcdef`;
const SID = 'S-1-5-21-1111111111-2222222222-3333333333-515';
const CREATED_AT = 1700000000.5;
const UPDATED_AT = 1700000100;
const PAGE_TWO = 'cGFnZTI=';
const enc = encodeURIComponent;

/** The model-valid computer-autoenrollment definition of connector-ad-facts.md §6, plus V3/V4-only unions. */
const DEFINITION: TemplateDefinition = {
  TemplateV2: {
    CertificateValidity: {
      ValidityPeriod: { Period: 1, PeriodType: 'YEARS' },
      RenewalPeriod: { Period: 6, PeriodType: 'WEEKS' },
    },
    EnrollmentFlags: {},
    Extensions: {
      KeyUsage: { Critical: true, UsageFlags: { DigitalSignature: true, KeyEncipherment: true } },
      ApplicationPolicies: {
        Critical: false,
        Policies: [{ PolicyType: 'CLIENT_AUTHENTICATION' }, { PolicyObjectIdentifier: '1.3.6.1.5.5.7.3.1' }],
      },
    },
    GeneralFlags: { AutoEnrollment: true, MachineType: true },
    PrivateKeyAttributes: { KeySpec: 'KEY_EXCHANGE', MinimalKeyLength: 2048, CryptoProviders: ['Microsoft RSA SChannel Cryptographic Provider'] },
    PrivateKeyFlags: { ClientVersion: 'WINDOWS_SERVER_2008' },
    SubjectNameFlags: { RequireDnsAsCn: true, SanRequireDns: true },
    SupersededTemplates: ['Machine'],
  },
};
const DEFINITION_V4: TemplateDefinition = {
  TemplateV4: {
    CertificateValidity: {
      ValidityPeriod: { Period: 365, PeriodType: 'DAYS' },
      RenewalPeriod: { Period: 30, PeriodType: 'DAYS' },
    },
    EnrollmentFlags: { IncludeSymmetricAlgorithms: false },
    Extensions: { KeyUsage: { UsageFlags: { DigitalSignature: true } } },
    GeneralFlags: { MachineType: true },
    HashAlgorithm: 'SHA512',
    PrivateKeyAttributes: {
      KeySpec: 'SIGNATURE',
      MinimalKeyLength: 256,
      Algorithm: 'ECDH_P256',
      KeyUsageProperty: { PropertyFlags: { Sign: true, Decrypt: false } },
    },
    PrivateKeyFlags: { ClientVersion: 'WINDOWS_SERVER_2016', UseLegacyProvider: false },
    SubjectNameFlags: {},
  },
};
const templateBody = {
  Arn: TEMPLATE_ARN,
  ConnectorArn: CONNECTOR_ARN,
  CreatedAt: CREATED_AT,
  UpdatedAt: UPDATED_AT,
  Definition: DEFINITION_V4,
  Name: 'computers',
  ObjectIdentifier: '1.3.6.1.4.1.311.21.8.1.2',
  PolicySchema: 4,
  Revision: { MajorRevision: 100, MinorRevision: 2 },
  Status: 'ACTIVE',
};
const aceBody = {
  AccessRights: { Enroll: 'ALLOW', AutoEnroll: 'ALLOW' },
  CreatedAt: CREATED_AT,
  GroupDisplayName: 'Domain Computers',
  GroupSecurityIdentifier: SID,
  TemplateArn: TEMPLATE_ARN,
  UpdatedAt: UPDATED_AT,
};
const spnBody = {
  ConnectorArn: CONNECTOR_ARN,
  DirectoryRegistrationArn: REGISTRATION_ARN,
  Status: 'DELETING',
  CreatedAt: CREATED_AT,
  UpdatedAt: UPDATED_AT,
};

const regPath = `/directoryRegistrations/${enc(REGISTRATION_ARN)}`;
const tplPath = `/templates/${enc(TEMPLATE_ARN)}`;
const acePath = `${tplPath}/accessControlEntries`;

/** Answers like the service for the paths this file sends (raw, still-encoded path). */
const route = (req: RecordedRequest): Reply => {
  const second = req.query.get('NextToken') === PAGE_TWO;
  switch (`${req.method} ${req.path}`) {
    case `DELETE ${regPath}`:
    case `DELETE ${regPath}/servicePrincipalNames/${enc(CONNECTOR_ARN)}`:
    case `DELETE ${tplPath}`:
      return { status: 202 };
    case `GET ${regPath}/servicePrincipalNames`:
      return second
        ? { status: 200, body: { ServicePrincipalNames: [{ ...spnBody, ConnectorArn: 'c2' }] } }
        : { status: 200, body: { ServicePrincipalNames: [spnBody], NextToken: PAGE_TWO } };
    case 'POST /templates':
      return { status: 200, body: { TemplateArn: TEMPLATE_ARN } };
    case `GET ${tplPath}`:
      return { status: 200, body: { Template: templateBody } };
    case 'GET /templates':
      return second
        ? { status: 200, body: { Templates: [{ Arn: 't2' }] } }
        : { status: 200, body: { Templates: [templateBody], NextToken: PAGE_TWO } };
    case `POST ${acePath}`:
    case `DELETE ${acePath}/${SID}`:
      return { status: 200 };
    case `GET ${acePath}/${SID}`:
      return { status: 200, body: { AccessControlEntry: aceBody } };
    case `GET ${acePath}`:
      return second
        ? { status: 200, body: { AccessControlEntries: [{ GroupSecurityIdentifier: 'S-1-1-0' }] } }
        : { status: 200, body: { AccessControlEntries: [aceBody], NextToken: PAGE_TWO } };
    default:
      return { status: 404, headers: { 'x-amzn-errortype': 'UnknownOperationException' }, body: { message: req.url } };
  }
};

describe('templates, access control entries and the registration/SPN deletes on the wire (real HTTP server)', () => {
  const wire = clientOnLocalServer(route, (endpoint) => makeClient(endpoint));

  const sendOne = async <T>(send: () => Promise<T>) => {
    const sent = await wire.sendOne(send);
    assert.equal(credentialScope(sent.request.headers)?.service, 'pca-connector-ad');
    return sent;
  };

  it('DeleteDirectoryRegistration: DELETE /directoryRegistrations/{arn} (encoded), 202, no body', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(new DeleteDirectoryRegistrationCommand({ DirectoryRegistrationArn: REGISTRATION_ARN })),
    );
    assert.equal(request.method, 'DELETE');
    assert.equal(request.url, regPath);
    assert.ok(request.url.includes('%3A') && request.url.includes('%2F'));
    assert.equal(request.body, '');
    assert.equal(output.$metadata.httpStatusCode, 202);
    assert.deepEqual(Object.keys(output), ['$metadata']);
  });

  it('DeleteServicePrincipalName: DELETE with both ARNs as encoded labels, 202', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(
        new DeleteServicePrincipalNameCommand({ DirectoryRegistrationArn: REGISTRATION_ARN, ConnectorArn: CONNECTOR_ARN }),
      ),
    );
    assert.equal(request.method, 'DELETE');
    assert.equal(request.url, `${regPath}/servicePrincipalNames/${enc(CONNECTOR_ARN)}`);
    assert.equal(request.body, '');
    assert.equal(output.$metadata.httpStatusCode, 202);
  });

  it('ListServicePrincipalNames: GET …/servicePrincipalNames?MaxResults=&NextToken=; summaries parsed', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(
        new ListServicePrincipalNamesCommand({ DirectoryRegistrationArn: REGISTRATION_ARN, MaxResults: 5, NextToken: 'YQ==' }),
      ),
    );
    assert.equal(request.method, 'GET');
    assert.equal(request.url, `${regPath}/servicePrincipalNames?MaxResults=5&NextToken=YQ%3D%3D`);
    const spn = output.ServicePrincipalNames?.[0];
    assert.equal(spn?.Status, 'DELETING');
    assert.equal(spn?.ConnectorArn, CONNECTOR_ARN);
    assert.equal(spn?.CreatedAt?.getTime(), CREATED_AT * 1000);
    assert.equal(output.NextToken, PAGE_TWO);
  });

  it('CreateTemplate: POST /templates (200), the Definition union sent as is, fresh ClientToken', async () => {
    const input = { ConnectorArn: CONNECTOR_ARN, Name: 'computers', Definition: DEFINITION, Tags: { k: 'v' } };
    const { output, request } = await sendOne(() => wire.client.send(new CreateTemplateCommand(input)));
    const again = await sendOne(() => wire.client.send(new CreateTemplateCommand(input)));
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/templates');
    const { ClientToken, ...rest } = JSON.parse(request.body) as Record<string, unknown>;
    assert.deepEqual(rest, input);
    assert.match(String(ClientToken), /^[!-~]{1,64}$/);
    assert.notEqual(JSON.parse(again.request.body).ClientToken, ClientToken);
    assert.equal(output.TemplateArn, TEMPLATE_ARN);
    assert.equal(output.$metadata.httpStatusCode, 200);
  });

  it('CreateTemplate: a TemplateV4 with nested unions round-trips unchanged; a caller ClientToken is kept', async () => {
    const { request } = await sendOne(() =>
      wire.client.send(
        new CreateTemplateCommand({ ConnectorArn: CONNECTOR_ARN, Name: 'v4', Definition: DEFINITION_V4, ClientToken: 't-1' }),
      ),
    );
    const body = JSON.parse(request.body) as Record<string, unknown>;
    assert.deepEqual(body.Definition, DEFINITION_V4);
    assert.equal(body.ClientToken, 't-1');
  });

  it('GetTemplate: GET /templates/{arn} (encoded); timestamps → Date, Definition and Revision parsed', async () => {
    const { output, request } = await sendOne(() => wire.client.send(new GetTemplateCommand({ TemplateArn: TEMPLATE_ARN })));
    assert.equal(request.method, 'GET');
    assert.equal(request.url, tplPath);
    const t = output.Template;
    assert.ok(t);
    assert.equal(t.Arn, TEMPLATE_ARN);
    assert.equal(t.Status, 'ACTIVE');
    assert.deepEqual(t.Definition, DEFINITION_V4);
    assert.deepEqual(t.Revision, { MajorRevision: 100, MinorRevision: 2 });
    assert.equal(t.PolicySchema, 4);
    assert.equal(t.ObjectIdentifier, '1.3.6.1.4.1.311.21.8.1.2');
    assert.ok(t.CreatedAt instanceof Date);
    assert.equal(t.CreatedAt.getTime(), CREATED_AT * 1000);
    assert.equal(t.UpdatedAt?.getTime(), UPDATED_AT * 1000);
  });

  it('ListTemplates: GET /templates?ConnectorArn=<query-encoded>&MaxResults=', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(new ListTemplatesCommand({ ConnectorArn: CONNECTOR_ARN, MaxResults: 10 })),
    );
    assert.equal(request.method, 'GET');
    assert.equal(request.path, '/templates');
    assert.equal(request.query.get('ConnectorArn'), CONNECTOR_ARN);
    assert.ok(request.url.includes(`ConnectorArn=${enc(CONNECTOR_ARN)}`));
    assert.equal(request.query.get('MaxResults'), '10');
    assert.equal(request.query.has('NextToken'), false);
    assert.equal(output.Templates?.[0]?.Name, 'computers');
    assert.ok(output.Templates?.[0]?.CreatedAt instanceof Date);
  });

  it('DeleteTemplate: DELETE /templates/{arn}, 202', async () => {
    const { output, request } = await sendOne(() => wire.client.send(new DeleteTemplateCommand({ TemplateArn: TEMPLATE_ARN })));
    assert.equal(request.method, 'DELETE');
    assert.equal(request.url, tplPath);
    assert.equal(output.$metadata.httpStatusCode, 202);
  });

  it('CreateTemplateGroupAccessControlEntry: POST …/accessControlEntries, TemplateArn only in the path', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(
        new CreateTemplateGroupAccessControlEntryCommand({
          TemplateArn: TEMPLATE_ARN,
          GroupSecurityIdentifier: SID,
          GroupDisplayName: 'Domain Computers',
          AccessRights: { Enroll: 'ALLOW', AutoEnroll: 'ALLOW' },
        }),
      ),
    );
    assert.equal(request.method, 'POST');
    assert.equal(request.url, acePath);
    const { ClientToken, ...rest } = JSON.parse(request.body) as Record<string, unknown>;
    assert.deepEqual(rest, {
      AccessRights: { Enroll: 'ALLOW', AutoEnroll: 'ALLOW' },
      GroupDisplayName: 'Domain Computers',
      GroupSecurityIdentifier: SID,
    });
    assert.match(String(ClientToken), /^[!-~]{1,64}$/);
    assert.equal(output.$metadata.httpStatusCode, 200);
  });

  it('GetTemplateGroupAccessControlEntry: GET …/accessControlEntries/{sid}', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(new GetTemplateGroupAccessControlEntryCommand({ TemplateArn: TEMPLATE_ARN, GroupSecurityIdentifier: SID })),
    );
    assert.equal(request.method, 'GET');
    assert.equal(request.url, `${acePath}/${SID}`);
    const ace = output.AccessControlEntry;
    assert.deepEqual(ace?.AccessRights, { Enroll: 'ALLOW', AutoEnroll: 'ALLOW' });
    assert.equal(ace?.TemplateArn, TEMPLATE_ARN);
    assert.ok(ace?.UpdatedAt instanceof Date);
  });

  it('ListTemplateGroupAccessControlEntries: GET …/accessControlEntries?MaxResults=', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(new ListTemplateGroupAccessControlEntriesCommand({ TemplateArn: TEMPLATE_ARN, MaxResults: 3 })),
    );
    assert.equal(request.method, 'GET');
    assert.equal(request.url, `${acePath}?MaxResults=3`);
    assert.equal(output.AccessControlEntries?.[0]?.GroupSecurityIdentifier, SID);
    assert.ok(output.AccessControlEntries?.[0]?.CreatedAt instanceof Date);
  });

  it('DeleteTemplateGroupAccessControlEntry: DELETE …/accessControlEntries/{sid}, 200', async () => {
    const { output, request } = await sendOne(() =>
      wire.client.send(
        new DeleteTemplateGroupAccessControlEntryCommand({ TemplateArn: TEMPLATE_ARN, GroupSecurityIdentifier: SID }),
      ),
    );
    assert.equal(request.method, 'DELETE');
    assert.equal(request.url, `${acePath}/${SID}`);
    assert.equal(output.$metadata.httpStatusCode, 200);
  });

  it('the three new paginators follow NextToken; the aggregated client has the new methods', async () => {
    const spns: (string | undefined)[] = [];
    for await (const p of paginateListServicePrincipalNames({ client: wire.client }, { DirectoryRegistrationArn: REGISTRATION_ARN })) {
      spns.push(...(p.ServicePrincipalNames ?? []).map((s) => s.ConnectorArn));
    }
    const templates: (string | undefined)[] = [];
    for await (const p of paginateListTemplates({ client: wire.client, pageSize: 7 }, { ConnectorArn: CONNECTOR_ARN })) {
      templates.push(...(p.Templates ?? []).map((t) => t.Arn));
    }
    assert.equal(wire.server.requests.at(-1)?.query.get('MaxResults'), '7');
    assert.equal(wire.server.requests.at(-1)?.query.get('ConnectorArn'), CONNECTOR_ARN);
    const sids: (string | undefined)[] = [];
    for await (const p of paginateListTemplateGroupAccessControlEntries({ client: wire.client }, { TemplateArn: TEMPLATE_ARN })) {
      sids.push(...(p.AccessControlEntries ?? []).map((a) => a.GroupSecurityIdentifier));
    }
    assert.deepEqual(spns, [CONNECTOR_ARN, 'c2']);
    assert.deepEqual(templates, [TEMPLATE_ARN, 't2']);
    assert.deepEqual(sids, [SID, 'S-1-1-0']);

    const pca = new PcaConnectorAd({ region: 'us-east-1', endpoint: wire.server.endpoint, credentials: wire.client.config.credentials });
    const got = await pca.getTemplate({ TemplateArn: TEMPLATE_ARN });
    await pca.deleteDirectoryRegistration({ DirectoryRegistrationArn: REGISTRATION_ARN });
    const pages = [];
    for await (const p of pca.paginateListTemplates({ ConnectorArn: CONNECTOR_ARN })) pages.push(p);
    pca.destroy();
    assert.equal(got.Template?.Arn, TEMPLATE_ARN);
    assert.equal(wire.server.requests.at(-3)?.method, 'DELETE');
    assert.equal(pages.length, 2);
  });
});

/** Answers each of the new operations with one of its modeled errors. */
const errorRoute = (req: RecordedRequest): Reply => {
  if (req.path.startsWith('/directoryRegistrations/')) {
    return {
      status: 409,
      headers: { 'x-amzn-errortype': 'ConflictException' },
      body: { message: 'still in use', ResourceId: REGISTRATION_ARN, ResourceType: 'DIRECTORY_REGISTRATION' },
    };
  }
  if (req.method === 'POST') {
    return {
      status: 400,
      headers: { 'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/coral/' },
      body: { message: 'bad definition', Reason: 'FIELD_VALIDATION_FAILED' },
    };
  }
  return {
    status: 404,
    body: { __type: 'com.amazonaws.pcaconnectorad#ResourceNotFoundException', message: 'no template', ResourceId: TEMPLATE_ARN, ResourceType: 'TEMPLATE' },
  };
};

describe('modeled errors of the new operations', () => {
  const wire = clientOnLocalServer(errorRoute, (endpoint) => makeClient(endpoint, { maxAttempts: 1 }));

  it('DeleteDirectoryRegistration → ConflictException with ResourceId/ResourceType', async () => {
    const error = await wire.client
      .send(new DeleteDirectoryRegistrationCommand({ DirectoryRegistrationArn: REGISTRATION_ARN }))
      .then(() => assert.fail('expected an error'), (e: unknown) => e);
    assert.ok(error instanceof ConflictException);
    assert.equal(error.message, 'still in use');
    assert.equal(error.ResourceType, 'DIRECTORY_REGISTRATION');
    assert.equal(error.$metadata.httpStatusCode, 409);
  });

  it('DeleteTemplate → ResourceNotFoundException (code from the body __type)', async () => {
    const error = await wire.client
      .send(new DeleteTemplateCommand({ TemplateArn: TEMPLATE_ARN }))
      .then(() => assert.fail('expected an error'), (e: unknown) => e);
    assert.ok(error instanceof ResourceNotFoundException);
    assert.equal(error.ResourceId, TEMPLATE_ARN);
    assert.equal(error.$fault, 'client');
  });

  it('CreateTemplate → ValidationException with Reason', async () => {
    const error = await wire.client
      .send(new CreateTemplateCommand({ ConnectorArn: CONNECTOR_ARN, Name: 'x', Definition: DEFINITION }))
      .then(() => assert.fail('expected an error'), (e: unknown) => e);
    assert.ok(error instanceof ValidationException);
    assert.equal(error.Reason, 'FIELD_VALIDATION_FAILED');
    assert.equal(error.message, 'bad definition');
  });
});
