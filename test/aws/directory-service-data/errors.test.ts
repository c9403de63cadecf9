import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { ServiceException } from '@smithy/core/client';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import * as dsData from '../../../src/aws/directory-service-data/index.ts';
import {
  clientOnLocalServer,
  DIRECTORY_ID,
  type LocalServer,
  makeClient,
  MODEL_PATH,
  type Reply,
  startServer,
} from './helpers.ts';

interface ModelShape {
  members?: Record<string, { shape: string; location?: string; locationName?: string }>;
  enum?: string[];
  type: string;
  error?: { httpStatusCode: number };
  fault?: boolean;
  retryable?: { throttling: boolean };
}
const model = JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as {
  operations: Record<string, { errors: { shape: string }[] }>;
  shapes: Record<string, ModelShape>;
};

/** One error as the service would send it, built from the model: its status, its members (a header where bound). */
interface ErrorCase {
  code: string;
  status: number;
  fault: 'client' | 'server';
  retryable: boolean;
  bodyFields: Record<string, string>;
  headers: Record<string, string>;
  /** The fields the exception must carry, parsed. */
  expected: Record<string, string | number>;
}
const errorCase = (code: string): ErrorCase => {
  const s = model.shapes[code];
  assert.ok(s?.error, code);
  const c: ErrorCase = {
    code,
    status: s.error.httpStatusCode,
    fault: s.fault ? 'server' : 'client',
    retryable: Boolean(s.retryable),
    bodyFields: {},
    headers: {},
    expected: {},
  };
  for (const [name, m] of Object.entries(s.members ?? {})) {
    if (name === 'Message') continue;
    const target = model.shapes[m.shape];
    if (m.location === 'header' && target?.type === 'integer') {
      c.headers[m.locationName ?? name] = '7';
      c.expected[name] = 7;
    } else if (target?.enum) {
      const value = target.enum.includes('DATA_DISABLED') ? 'DATA_DISABLED' : (target.enum.at(-1) ?? '');
      c.bodyFields[name] = value;
      c.expected[name] = value;
    } else {
      assert.fail(`${code}.${name}: no sample for this member`);
    }
  }
  return c;
};

/** How the error code reaches the client: the restJson1 header, or the body's `__type` / `code`. */
const FORMS: { form: string; reply: (c: ErrorCase) => Reply }[] = [
  {
    form: 'x-amzn-ErrorType header (with the :http suffix)',
    reply: (c) => ({
      status: c.status,
      headers: { 'x-amzn-ErrorType': `${c.code}:http://internal.amazon.com/coral/com.amazonaws.directoryservicedata/`, ...c.headers },
      body: { message: `boom ${c.code}`, ...c.bodyFields },
    }),
  },
  {
    form: 'body __type with the namespace prefix',
    reply: (c) => ({
      status: c.status,
      headers: c.headers,
      body: { __type: `com.amazonaws.directoryservicedata#${c.code}`, Message: `boom ${c.code}`, ...c.bodyFields },
    }),
  },
  {
    form: 'body code',
    reply: (c) => ({ status: c.status, headers: c.headers, body: { code: c.code, Message: `boom ${c.code}`, ...c.bodyFields } }),
  },
];

const SEND: Record<string, (client: dsData.DirectoryServiceDataClient) => Promise<unknown>> = {
  DescribeGroup: (client) => client.send(new dsData.DescribeGroupCommand({ DirectoryId: DIRECTORY_ID, SAMAccountName: 'Domain Computers' })),
  CreateGroup: (client) => client.send(new dsData.CreateGroupCommand({ DirectoryId: DIRECTORY_ID, SAMAccountName: 'Enrollers' })),
};

describe('DirectoryServiceDataClient errors: every modeled error of every operation (real HTTP server, no retries)', () => {
  let next: Reply = { status: 500 };
  const wire = clientOnLocalServer(() => next, (endpoint) => makeClient(endpoint, { maxAttempts: 1 }));

  const capture = async (op: string, reply: Reply): Promise<dsData.DirectoryServiceDataServiceException> => {
    next = reply;
    const send = SEND[op];
    assert.ok(send, op);
    const error: unknown = await send(wire.client).then(
      () => assert.fail('expected the call to fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof dsData.DirectoryServiceDataServiceException, `got ${String(error)}`);
    return error;
  };

  for (const [op, send] of Object.entries(SEND)) {
    assert.ok(send);
    for (const code of model.operations[op]?.errors.map((e) => e.shape) ?? []) {
      const c = errorCase(code);
      for (const { form, reply } of FORMS) {
        it(`${op}: ${c.status} ${code} via ${form} → ${code} with ${JSON.stringify(c.expected)}`, async () => {
          // Act
          const error = await capture(op, reply(c));
          // Assess
          const Ctor = (dsData as unknown as Record<string, new (...args: never[]) => unknown>)[code];
          assert.ok(Ctor);
          assert.equal(Object.getPrototypeOf(error), Ctor.prototype);
          assert.ok(error instanceof ServiceException);
          assert.equal(error.name, code);
          assert.equal(error.$fault, c.fault);
          assert.equal(error.message, `boom ${code}`);
          assert.equal(error.$metadata.httpStatusCode, c.status);
          assert.match(String(error.$metadata.requestId), /^req-\d+$/);
          for (const [field, value] of Object.entries(c.expected)) {
            assert.equal((error as unknown as Record<string, unknown>)[field], value, field);
          }
        });
      }
    }
  }

  it('AccessDeniedException with Reason DATA_DISABLED: Directory Data access is off', async () => {
    const error = await capture('DescribeGroup', {
      status: 403,
      headers: { 'x-amzn-errortype': 'AccessDeniedException' },
      body: { message: 'Directory Data Service is disabled', Reason: 'DATA_DISABLED' },
    });
    assert.ok(error instanceof dsData.AccessDeniedException);
    assert.equal(error.Reason, dsData.AccessDeniedReason.DATA_DISABLED);
  });

  it('an unmodeled error code → DirectoryServiceDataServiceException named after the code', async () => {
    const error = await capture('CreateGroup', {
      status: 400,
      headers: { 'x-amzn-errortype': 'SomethingNewException:http://internal.amazon.com/coral/x/' },
      body: { message: 'new in the API' },
    });
    assert.equal(Object.getPrototypeOf(error), dsData.DirectoryServiceDataServiceException.prototype);
    assert.equal(error.name, 'SomethingNewException');
    assert.equal(error.$fault, 'client');
    assert.equal(error.message, 'new in the API');
  });
});

describe('DirectoryServiceDataClient retries by the model (standard strategy, 2 attempts)', () => {
  let server: LocalServer | undefined;
  let client: dsData.DirectoryServiceDataClient | undefined;
  afterEach(async () => {
    client?.destroy();
    await server?.close();
  });

  // Each error once, through the first operation that models it.
  const firstOp = new Map<string, string>();
  for (const op of Object.keys(SEND)) for (const e of model.operations[op]?.errors ?? []) if (!firstOp.has(e.shape)) firstOp.set(e.shape, op);
  for (const [code, op] of firstOp) {
    const c = errorCase(code);
    it(`${code}: ${c.retryable || c.fault === 'server' ? 'retried (2 requests)' : 'not retried (1 request)'}`, async () => {
      server = await startServer(() => ({ status: c.status, headers: { 'x-amzn-errortype': code, ...c.headers }, body: c.bodyFields }));
      client = makeClient(server.endpoint, { retryStrategy: new ConfiguredRetryStrategy(2, () => 1) });
      const error = (await SEND[op]?.(client).catch((e: unknown) => e)) as Error;
      assert.equal(error.name, code);
      assert.equal(server.requests.length, c.retryable || c.fault === 'server' ? 2 : 1);
    });
  }
});
