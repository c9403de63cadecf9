import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { ProvisionedThroughputExceededException, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { EXECUTION_PREFIX, STATE_MACHINE_ARN, apiEvent, captureOutput, lambdaContext, setTestEnv } from '../support/handlers.ts';
import { PASSWORD, inputWithPassword, sampleInput } from '../fixtures.ts';
import { fakeSfn } from '../support/fake-sfn.ts';
import type { FakeSfn } from '../support/fake-sfn.ts';
import { fakeSecrets } from '../support/fake-secrets.ts';
import { fakeClaims } from '../support/fake-claims.ts';
import type { FakeClaims } from '../support/fake-claims.ts';
import type { FakeSecrets } from '../support/fake-secrets.ts';

setTestEnv();
const { handler } = await import('../../src/handlers/api-create-provisioning.ts');
const { resetClients } = await import('../../src/aws/clients.ts');
const { passwordSecretPrefixFor } = await import('../../src/domain/execution-names.ts');
const SECRET_PREFIX = passwordSecretPrefixFor(STATE_MACHINE_ARN);

interface Body {
  executionArn?: string;
  name?: string;
  status?: string;
  location?: string;
  message?: string;
  requestId?: string;
  violations?: { path: string; message: string }[];
}

const post = async (body: unknown, headers: Record<string, string> = {}, rawBody?: string, repeatedHeaders?: Record<string, string[]>) => {
  const { result, output } = await captureOutput(() =>
    handler(
      apiEvent({ method: 'POST', path: '/provisionings', body, headers, ...(rawBody !== undefined ? { rawBody } : {}), ...(repeatedHeaders ? { repeatedHeaders } : {}) }),
      lambdaContext(),
    ),
  );
  const res = result as APIGatewayProxyResult;
  return { res, body: JSON.parse(res.body) as Body, output };
};

describe('POST /provisionings', () => {
  let sfn: FakeSfn;
  let sm: FakeSecrets;
  let claims: FakeClaims;
  before(() => resetClients());
  beforeEach(() => {
    sfn = fakeSfn();
    sm = fakeSecrets();
    claims = fakeClaims();
  });
  afterEach(() => {
    sfn.restore();
    sm.restore();
    claims.restore();
  });
  after(() => resetClients());

  it('first call starts: 202 + execution ARN + Location; the same key again returns the same execution with 200', async () => {
    // Prepare
    const key = 'order-4711';
    // Act
    const first = await post(sampleInput(), { 'Idempotency-Key': key });
    const second = await post(sampleInput(), { 'idempotency-key': key });
    // Assess
    assert.equal(first.res.statusCode, 202);
    assert.equal(first.body.executionArn, `${EXECUTION_PREFIX}api-key-${key}`);
    assert.equal(first.res.headers?.['Location'], `/provisionings/api-key-${key}`);
    assert.equal(first.body.location, `/provisionings/api-key-${key}`);
    assert.equal(second.res.statusCode, 200);
    assert.equal(second.body.executionArn, first.body.executionArn);
    assert.equal(second.res.headers?.['Location'], first.res.headers?.['Location']);
    assert.equal(sfn.executions.size, 1);
    assert.equal(sfn.mock.commandCalls(StartExecutionCommand).length, 1);
    assert.equal(first.res.headers?.['Access-Control-Allow-Origin'], undefined, 'CORS is off');
  });

  it('identical requests at once: exactly one 202, every other caller 200, all for the same execution', async () => {
    // Prepare: every call passes DescribeExecution before any StartExecution (the fake answers them all at once), so
    // StartExecution's own idempotency returns the running execution to every caller
    const key = 'burst-1';
    // Act
    const { result } = await captureOutput(() =>
      Promise.all(Array.from({ length: 20 }, () => handler(apiEvent({ method: 'POST', path: '/provisionings', body: sampleInput(), headers: { 'Idempotency-Key': key } }), lambdaContext()))),
    );
    const results = (result as APIGatewayProxyResult[]).map((res) => ({ res, body: JSON.parse(res.body) as Body }));
    // Assess
    const statuses = results.map((r) => r.res.statusCode);
    assert.equal(statuses.filter((s) => s === 202).length, 1, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 200).length, 19, statuses.join(','));
    assert.equal(new Set(results.map((r) => r.body.executionArn)).size, 1);
    assert.ok(sfn.mock.commandCalls(StartExecutionCommand).length > 1, 'several callers really went through StartExecution');
    assert.deepEqual([...claims.items.keys()], [`api-start#api-key-${key}`]);
  });

  it('a claim that cannot be written (throttled): the execution still starts, answered 200 (never a second 202)', async () => {
    // Prepare
    claims.mock.on(PutItemCommand).rejects(new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} }));
    // Act
    const { res, body } = await post(sampleInput(), { 'Idempotency-Key': 'claim-down' });
    // Assess
    assert.equal(res.statusCode, 200);
    assert.equal(body.executionArn, `${EXECUTION_PREFIX}api-key-claim-down`);
    assert.equal(sfn.executions.size, 1);
  });

  it('two Idempotency-Key headers: 400 naming the header, nothing started', async () => {
    // Act
    const { res, body } = await post(sampleInput(), {}, undefined, { 'Idempotency-Key': ['k-1', 'k-2'] });
    // Assess
    assert.equal(res.statusCode, 400);
    assert.deepEqual(body.violations?.map((v) => v.path), ['Idempotency-Key (header)']);
    assert.match(body.violations?.[0]?.message ?? '', /once/);
    assert.equal(sfn.executions.size, 0);
  });

  it('Content-Type is matched case-insensitively (APPLICATION/JSON; charset=UTF-8)', async () => {
    const { res } = await post(sampleInput(), { 'Content-Type': 'APPLICATION/JSON; charset=UTF-8', 'Idempotency-Key': 'case-1' });
    assert.equal(res.statusCode, 202);
  });

  it('a different body under the same key is 409 and starts nothing', async () => {
    // Prepare
    await post(sampleInput(), { 'Idempotency-Key': 'k1' });
    const changed = sampleInput();
    changed.Directory['Description'] = 'another request';
    // Act
    const { res, body } = await post(changed, { 'Idempotency-Key': 'k1' });
    // Assess
    assert.equal(res.statusCode, 409);
    assert.match(body.message ?? '', /Idempotency-Key/);
    assert.equal(sfn.executions.size, 1);
  });

  it('without Idempotency-Key the name is a hash of the canonical request: key order does not matter', async () => {
    // Prepare
    const input = sampleInput();
    const reordered = { Connector: input['Connector'], Directory: input.Directory };
    // Act
    const first = await post(input);
    const second = await post(reordered);
    // Assess
    assert.equal(first.res.statusCode, 202);
    assert.equal(second.res.statusCode, 200);
    assert.match(first.body.name ?? '', /^api-body-[0-9a-f]{64}$/);
    assert.equal(second.body.executionArn, first.body.executionArn);
    assert.equal(sfn.executions.size, 1);
  });

  it('an Idempotency-Key that is not name-safe is hashed; one longer than 256 characters is a 400', async () => {
    // Act
    const hashed = await post(sampleInput(), { 'Idempotency-Key': 'tenant a / order #12' });
    const tooLong = await post(sampleInput(), { 'Idempotency-Key': 'x'.repeat(257) });
    // Assess
    assert.equal(hashed.res.statusCode, 202);
    assert.match(hashed.body.name ?? '', /^api-keyh-[0-9a-f]{64}$/);
    assert.ok((hashed.body.name ?? '').length <= 80);
    assert.equal(tooLong.res.statusCode, 400);
    assert.ok(tooLong.body.violations?.some((v) => v.path.startsWith('Idempotency-Key')));
  });

  it('the password is stored once in Secrets Manager and appears in no StartExecution input, response or log line', async () => {
    // Prepare
    const body = inputWithPassword();
    // Act
    const first = await post(body, { 'Idempotency-Key': 'with-password' });
    const again = await post(body, { 'Idempotency-Key': 'with-password' });
    // Assess
    assert.equal(first.res.statusCode, 202);
    assert.equal(again.res.statusCode, 200);
    const secretName = `${SECRET_PREFIX}api-key-with-password/admin-password`;
    assert.equal(sm.secrets.get(secretName), PASSWORD);
    assert.equal(sm.mock.commandCalls(CreateSecretCommand).length, 1);
    const inputs = sfn.mock.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.input ?? '');
    assert.equal(inputs.length, 1);
    const started = JSON.parse(inputs[0] ?? '{}') as { Directory: Record<string, unknown> };
    assert.equal(started.Directory['PasswordSecretId'], secretName);
    assert.equal(started.Directory['Password'], undefined);
    for (const text of [...inputs, first.res.body, again.res.body, JSON.stringify(first.res.headers), first.output, again.output]) {
      assert.ok(!text.includes(PASSWORD), 'password leaked');
    }
    assert.ok(first.output.length > 0, 'logs were captured');
  });

  it('the same key with a different password is 409 (compared in memory, never echoed)', async () => {
    // Prepare
    await post(inputWithPassword(), { 'Idempotency-Key': 'pw' });
    // Act
    const { res, output } = await post(inputWithPassword('0ther-Passw0rd!'), { 'Idempotency-Key': 'pw' });
    // Assess
    assert.equal(res.statusCode, 409);
    assert.ok(!res.body.includes('0ther-Passw0rd!') && !output.includes('0ther-Passw0rd!'));
    assert.equal(sm.secrets.size, 1);
  });

  it('a secret left by an interrupted first call (no execution yet) is reused after comparing the value', async () => {
    // Prepare
    sm.secrets.set(`${SECRET_PREFIX}api-key-retry/admin-password`, PASSWORD);
    // Act
    const { res } = await post(inputWithPassword(), { 'Idempotency-Key': 'retry' });
    // Assess
    assert.equal(res.statusCode, 202);
    assert.equal(sfn.executions.size, 1);
  });

  it('400 lists every violation: schema and domain rules, with field paths, never the password', async () => {
    // Prepare
    const body = inputWithPassword('short');
    const d = body['Directory'] as Record<string, unknown>;
    d['Name'] = 'not a domain';
    d['Size'] = 'Small'; // domain rule: Size is for SimpleAD only (the schema cannot say that)
    (d['VpcSettings'] as Record<string, unknown>)['SubnetIds'] = ['subnet-0a1b2c3d'];
    (body['Connector'] as Record<string, unknown>)['CertificateAuthorityArn'] = 'arn:aws:acm-pca:nope';
    body['Extra'] = true;
    // Act
    const { res, body: out, output } = await post(body);
    // Assess
    assert.equal(res.statusCode, 400);
    const paths = (out.violations ?? []).map((v) => v.path);
    for (const expected of [
      'Directory.Name',
      'Directory.Size',
      'Directory.Password',
      'Directory.VpcSettings.SubnetIds',
      'Connector.CertificateAuthorityArn',
      'Extra',
    ]) {
      assert.ok(paths.includes(expected), `${expected} missing from ${paths.join(', ')}`);
    }
    assert.match(out.message ?? '', /violations/);
    assert.equal(out.requestId, 'apigw-request-id');
    assert.ok(!res.body.includes('short"') && !output.includes('"short"'));
    assert.equal(sfn.mock.commandCalls(StartExecutionCommand).length, 0);
  });

  it('both Password and PasswordSecretId, or neither, is a 400 naming the pair', async () => {
    // Prepare
    const both = inputWithPassword();
    (both['Directory'] as Record<string, unknown>)['PasswordSecretId'] = 'ad-cert-orchestrator/ad-admin-password';
    const neither = sampleInput();
    delete neither.Directory['PasswordSecretId'];
    // Act
    const a = await post(both);
    const b = await post(neither);
    // Assess
    assert.equal(a.res.statusCode, 400);
    assert.equal(b.res.statusCode, 400);
    assert.ok(a.body.violations?.some((v) => v.path === 'Directory.PasswordSecretId'));
    assert.ok(b.body.violations?.some((v) => v.path === 'Directory.PasswordSecretId'));
  });

  it('malformed JSON is 400, a non-JSON content type 415', async () => {
    // Act
    const bad = await post(undefined, {}, '{"Directory": ');
    const { result } = await captureOutput(() =>
      handler(apiEvent({ method: 'POST', path: '/provisionings', rawBody: 'x=1', headers: { 'Content-Type': 'text/plain' } }), lambdaContext()),
    );
    // Assess
    assert.equal(bad.res.statusCode, 400);
    assert.match(bad.body.message ?? '', /not valid JSON/);
    assert.equal((result as APIGatewayProxyResult).statusCode, 415);
  });

  it('5xx bodies never leak internals: generic message + request id; throttling is a 503', async () => {
    // Prepare
    sfn.mock.on(StartExecutionCommand).rejects(Object.assign(new Error('arn:aws:iam::111122223333:role/secret-internal-role is not authorized'), { name: 'AccessDeniedException' }));
    // Act
    const { res, body } = await post(sampleInput(), { 'Idempotency-Key': 'boom' });
    sfn.mock.on(StartExecutionCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const throttled = await post(sampleInput(), { 'Idempotency-Key': 'busy' });
    // Assess
    assert.equal(res.statusCode, 500);
    assert.deepEqual(body, { message: 'Internal server error', requestId: 'apigw-request-id' });
    assert.ok(!res.body.includes('secret-internal-role'));
    assert.equal(throttled.res.statusCode, 503);
    assert.ok(!throttled.res.body.includes('Rate exceeded'));
  });
});
