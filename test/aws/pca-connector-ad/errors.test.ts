import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServiceException } from '@smithy/core/client';
import {
  AccessDeniedException,
  ConflictException,
  CreateConnectorCommand,
  GetConnectorCommand,
  InternalServerException,
  PcaConnectorAdServiceException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '../../../src/aws/pca-connector-ad/index.ts';
import {
  CA_ARN,
  clientOnLocalServer,
  CONNECTOR_ARN,
  DIRECTORY_ID,
  makeClient,
  type Reply,
} from './helpers.ts';

interface ErrorCase {
  code: string;
  status: number;
  ctor: new (...args: never[]) => PcaConnectorAdServiceException;
  fault: 'client' | 'server';
  fields: Record<string, string>;
}

const CASES: ErrorCase[] = [
  { code: 'AccessDeniedException', status: 403, ctor: AccessDeniedException, fault: 'client', fields: {} },
  {
    code: 'ValidationException',
    status: 400,
    ctor: ValidationException,
    fault: 'client',
    fields: { Reason: 'MISMATCHED_VPC' },
  },
  {
    code: 'ResourceNotFoundException',
    status: 404,
    ctor: ResourceNotFoundException,
    fault: 'client',
    fields: { ResourceId: DIRECTORY_ID, ResourceType: 'DIRECTORY' },
  },
  {
    code: 'ThrottlingException',
    status: 429,
    ctor: ThrottlingException,
    fault: 'client',
    fields: { QuotaCode: 'L-1234', ServiceCode: 'pca-connector-ad' },
  },
  {
    code: 'ServiceQuotaExceededException',
    status: 402,
    ctor: ServiceQuotaExceededException,
    fault: 'client',
    fields: { QuotaCode: 'L-9999', ResourceId: CONNECTOR_ARN, ResourceType: 'CONNECTOR', ServiceCode: 'pca-connector-ad' },
  },
  { code: 'InternalServerException', status: 500, ctor: InternalServerException, fault: 'server', fields: {} },
  {
    code: 'ConflictException',
    status: 409,
    ctor: ConflictException,
    fault: 'client',
    fields: { ResourceId: CONNECTOR_ARN, ResourceType: 'CONNECTOR' },
  },
];

/** How the error code reaches the client: the restJson1 header, or the body's `__type` (with decorations). */
const FORMS: { form: string; reply: (c: ErrorCase, message: Record<string, string>) => Reply }[] = [
  {
    form: 'x-amzn-ErrorType header',
    reply: (c, message) => ({
      status: c.status,
      headers: { 'x-amzn-ErrorType': `${c.code}:http://internal.amazon.com/coral/com.amazonaws.pcaconnectorad/` },
      body: { ...message, ...c.fields },
    }),
  },
  {
    form: 'body __type with namespace prefix and :http suffix',
    reply: (c, message) => ({
      status: c.status,
      body: {
        __type: `com.amazonaws.pcaconnectorad#${c.code}:http://internal.amazon.com/coral/com.amazonaws.pcaconnectorad/`,
        ...message,
        ...c.fields,
      },
    }),
  },
  {
    form: 'body code (bare)',
    reply: (c, message) => ({ status: c.status, body: { code: c.code, ...message, ...c.fields } }),
  },
];

const createInput = {
  DirectoryId: DIRECTORY_ID,
  CertificateAuthorityArn: CA_ARN,
  VpcInformation: { SecurityGroupIds: ['sg-0123456789abcdef0'] },
};

describe('PcaConnectorAdClient errors (real HTTP server; retries disabled with maxAttempts 1)', () => {
  let next: Reply = { status: 500 };
  const wire = clientOnLocalServer(() => next, (endpoint) => makeClient(endpoint, { maxAttempts: 1 }));

  const capture = async (reply: Reply): Promise<PcaConnectorAdServiceException> => {
    next = reply;
    const error: unknown = await wire.client.send(new CreateConnectorCommand(createInput)).then(
      () => assert.fail('expected the call to fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof PcaConnectorAdServiceException, `got ${String(error)}`);
    return error;
  };

  for (const c of CASES) {
    for (const { form, reply } of FORMS) {
      // Alternate the message's casing: the service uses `message`, some emulators `Message`.
      const messageKey = form.startsWith('x-amzn') ? 'message' : 'Message';
      it(`${c.status} ${c.code} via ${form} → ${c.ctor.name} with its fields`, async () => {
        // Act
        const error = await capture(reply(c, { [messageKey]: `boom ${c.code}` }));
        // Assess
        assert.ok(error instanceof c.ctor, `${error.name} is a ${c.ctor.name}`);
        assert.equal(Object.getPrototypeOf(error), c.ctor.prototype);
        assert.ok(error instanceof ServiceException);
        assert.ok(error instanceof Error);
        assert.equal(error.name, c.code);
        assert.equal(error.$fault, c.fault);
        assert.equal(error.message, `boom ${c.code}`);
        assert.equal(error.$metadata.httpStatusCode, c.status);
        assert.match(String(error.$metadata.requestId), /^req-\d+$/);
        assert.equal(error.$metadata.attempts, 1);
        for (const [field, value] of Object.entries(c.fields)) {
          assert.equal((error as unknown as Record<string, unknown>)[field], value, field);
        }
      });
    }
  }

  it('ThrottlingException carries $retryable.throttling, InternalServerException $retryable {}', async () => {
    const throttling = await capture({ status: 429, headers: { 'x-amzn-errortype': 'ThrottlingException' }, body: {} });
    const internal = await capture({ status: 500, headers: { 'x-amzn-errortype': 'InternalServerException' } });
    assert.deepEqual(throttling.$retryable, { throttling: true });
    assert.deepEqual(internal.$retryable, {});
  });

  it('an unmodeled error code → PcaConnectorAdServiceException named after the code', async () => {
    const error = await capture({
      status: 400,
      headers: { 'x-amzn-errortype': 'SomethingNewException:http://internal.amazon.com/coral/x/' },
      body: { message: 'new in the API' },
    });
    assert.equal(Object.getPrototypeOf(error), PcaConnectorAdServiceException.prototype);
    assert.equal(error.name, 'SomethingNewException');
    assert.equal(error.$fault, 'client');
    assert.equal(error.message, 'new in the API');
    assert.equal(error.$metadata.httpStatusCode, 400);
  });

  it('an unmodeled code in body __type with a foreign namespace → base class named after the code', async () => {
    const error = await capture({ status: 503, body: { __type: 'aws.other#ServiceUnavailable', Message: 'later' } });
    assert.equal(Object.getPrototypeOf(error), PcaConnectorAdServiceException.prototype);
    assert.equal(error.name, 'ServiceUnavailable');
    assert.equal(error.$fault, 'server');
    assert.equal(error.message, 'later');
  });

  it('a 404 on GetConnector (different operation) maps too, with ResourceId/ResourceType', async () => {
    next = {
      status: 404,
      headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
      body: { message: 'no such connector', ResourceId: CONNECTOR_ARN, ResourceType: 'CONNECTOR' },
    };
    await assert.rejects(wire.client.send(new GetConnectorCommand({ ConnectorArn: CONNECTOR_ARN })), (e: unknown) => {
      assert.ok(e instanceof ResourceNotFoundException);
      assert.equal(e.ResourceId, CONNECTOR_ARN);
      assert.equal(e.ResourceType, 'CONNECTOR');
      return true;
    });
  });
});
