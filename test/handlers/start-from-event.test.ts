import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { captureOutput, captureRejection, lambdaContext, setTestEnv, EXECUTION_PREFIX } from '../support/handlers.ts';
import { readEvent, readJson, sampleInput } from '../fixtures.ts';
import { fakeSfn } from '../support/fake-sfn.ts';
import type { FakeSfn } from '../support/fake-sfn.ts';
import { fakeSqs } from '../support/fake-sqs.ts';
import type { FakeSqs } from '../support/fake-sqs.ts';

setTestEnv();
const { handler: startHandler, REQUEST_EVENT_SOURCE, ExecutionNameConflictError } = await import('../../src/handlers/start-from-event.ts');
const { redactRejectedEvent } = await import('../../src/api/rejected-event.ts');
type Outcome = Awaited<ReturnType<typeof startHandler>>;
type Started = Extract<Outcome, { executionArn: string }>;
type Rejected = Extract<Outcome, { rejected: true }>;
/** The handler, for events it must start (a rejection fails the test). */
const handler = async (event: unknown, context: ReturnType<typeof lambdaContext>): Promise<Started> => {
  const out = await startHandler(event, context);
  assert.ok('executionArn' in out, `rejected: ${JSON.stringify(out)}`);
  return out;
};
/** The handler, for events it must reject. */
const reject = async (event: unknown, context: ReturnType<typeof lambdaContext>): Promise<Rejected> => {
  const out = await startHandler(event, context);
  assert.ok('rejected' in out, `started: ${JSON.stringify(out)}`);
  return out;
};
const { resetClients } = await import('../../src/aws/clients.ts');

const requestEvent = (detail: unknown, id = '6a7e8feb-b491-4cf7-a9f1-bf3703467718') => ({
  version: '0',
  id,
  'detail-type': 'Provisioning Requested',
  source: REQUEST_EVENT_SOURCE,
  account: '111122223333',
  time: '2026-11-23T12:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail,
});

describe('start-from-event (EventBridge trigger)', () => {
  let sfn: FakeSfn;
  let sqs: FakeSqs;
  before(() => resetClients());
  beforeEach(() => {
    sfn = fakeSfn();
    sqs = fakeSqs();
  });
  afterEach(() => {
    sfn.restore();
    sqs.restore();
  });
  after(() => resetClients());

  it('the same event delivered twice starts one execution, named from the event id', async () => {
    // Prepare
    const event = requestEvent(sampleInput());
    // Act
    const { result: first } = await captureOutput(() => handler(event, lambdaContext()));
    const { result: second } = await captureOutput(() => handler(event, lambdaContext()));
    // Assess
    assert.equal(sfn.executions.size, 1);
    assert.equal(sfn.startCalls.length, 2);
    assert.equal(sfn.startCalls[0]?.name, `evt-${event.id}`);
    assert.equal(sfn.startCalls[1]?.name, sfn.startCalls[0]?.name);
    assert.equal(sfn.startCalls[1]?.input, sfn.startCalls[0]?.input);
    assert.equal(first.executionArn, `${EXECUTION_PREFIX}evt-${event.id}`);
    assert.equal(second.executionArn, first.executionArn);
  });

  it('a redelivery after the execution closed is ExecutionAlreadyExists -> DescribeExecution -> already started', async () => {
    // Prepare
    const event = requestEvent(sampleInput());
    await captureOutput(() => handler(event, lambdaContext()));
    const only = [...sfn.executions.values()][0];
    assert.ok(only);
    only.status = 'SUCCEEDED';
    // Act
    const { result, output } = await captureOutput(() => handler(event, lambdaContext()));
    // Assess
    assert.equal(result.alreadyStarted, true);
    assert.equal(result.executionArn, only.executionArn);
    assert.equal(sfn.executions.size, 1);
    assert.equal(sfn.mock.commandCalls((await import('@aws-sdk/client-sfn')).DescribeExecutionCommand).length, 1);
    assert.match(output, /already started/);
  });

  it('the same event id with a different detail is a named conflict, not a second execution', async () => {
    // Prepare
    await captureOutput(() => handler(requestEvent(sampleInput()), lambdaContext()));
    const changed = sampleInput();
    changed.Directory['Description'] = 'something else';
    // Act
    const { error } = await captureRejection(() => handler(requestEvent(changed), lambdaContext()));
    // Assess
    assert.ok(error instanceof ExecutionNameConflictError);
    assert.equal((error as Error).name, 'ExecutionNameConflictError');
    assert.equal(sfn.executions.size, 1);
  });

  it('the execution input is the normalised detail (Type defaulted), keys in canonical order', async () => {
    // Prepare
    const detail = readEvent<Record<string, unknown> & { Directory: Record<string, unknown> }>('execution-input-simple-ad.json');
    delete detail.Directory['Type'];
    // Act
    await captureOutput(() => handler(requestEvent(detail), lambdaContext()));
    // Assess
    const input = JSON.parse(sfn.startCalls[0]?.input ?? '{}') as { Directory: { Type: string } };
    assert.equal(input.Directory.Type, 'SimpleAD');
  });

  it('a malformed event (password in detail, Connector not an object) is rejected, counted, dead-lettered redacted, and the invocation succeeds; nothing carries the password', async () => {
    // Prepare
    process.env['POWERTOOLS_METRICS_DISABLED'] = 'false';
    const detail = sampleInput();
    detail.Directory['Password'] = 'Leak3d-Passw0rd!';
    detail.Directory['Description'] = 'Leak3d-Passw0rd!'.repeat(20); // too long: a value a violation names
    detail['Connector'] = 'none';
    // Act
    const { result, output } = await captureOutput(() => reject(requestEvent(detail, 'evt-bad-1'), lambdaContext()));
    delete process.env['POWERTOOLS_METRICS_DISABLED'];
    // Assess
    const paths = result.violations.map((v) => v.path);
    assert.ok(paths.includes('detail.Directory.Password'), paths.join(', '));
    assert.ok(paths.includes('detail.Directory.Description'), paths.join(', '));
    assert.ok(paths.includes('detail.Connector'), paths.join(', '));
    assert.equal(result.deadLettered, true);
    assert.equal(sfn.startCalls.length, 0);
    assert.match(output, /malformed provisioning event/);
    assert.match(output, /evt-bad-1/);
    assert.match(output, /"EventsRejected"/, 'counted (EMF)');
    const [letter] = sqs.sent as { reason: string; errorName: string; event: { id: string; detail: { Directory: Record<string, unknown>; Connector: unknown } } }[];
    assert.ok(letter);
    assert.deepEqual([letter.reason, letter.errorName, letter.event.id], ['rejected', 'InvalidRequestError', 'evt-bad-1']);
    assert.equal(letter.event.detail.Directory['Password'], '[redacted]');
    assert.equal(letter.event.detail.Directory['Description'], '[redacted]');
    assert.equal(letter.event.detail.Connector, '[redacted]');
    assert.equal(letter.event.detail.Directory['Name'], detail.Directory['Name'], 'what broke no rule is kept');
    for (const text of [output, JSON.stringify(sqs.sent), JSON.stringify(result)]) assert.ok(!text.includes('Leak3d-Passw0rd!'));
  });

  it('a rejected event with something redacted succeeds even when the DLQ refuses the letter; one with nothing to redact fails (Lambda keeps it)', async () => {
    // Prepare
    sqs.refuse();
    const secret = sampleInput();
    secret.Directory['Password'] = 'Leak3d-Passw0rd!';
    const plain = sampleInput();
    delete plain.Directory['Name']; // a missing field: no value to redact
    // Act
    const kept = await captureOutput(() => reject(requestEvent(secret, 'evt-bad-2'), lambdaContext()));
    const failed = await captureRejection(() => startHandler(requestEvent(plain, 'evt-bad-3'), lambdaContext()));
    // Assess
    assert.equal(kept.result.deadLettered, false);
    assert.match(kept.output, /not dead-lettered/);
    assert.ok(!kept.output.includes('Leak3d-Passw0rd!'));
    assert.equal((failed.error as Error).name, 'ThrottlingException');
    assert.equal(sfn.startCalls.length, 0);
  });

  it('redaction: password-like keys anywhere, every value a violation names; a SecretId reference and the envelope stay', () => {
    // Prepare
    const event = requestEvent({ Directory: { PasswordSecretId: 'ad-cert-orchestrator/x', SubnetIds: ['ok', 'p@ss'], Extra: { pwd: 'x' } } });
    // Act
    const { event: out, fields } = redactRejectedEvent(event, [{ path: 'detail.Directory.SubnetIds[1]', message: 'bad' }]) as {
      event: { id: string; detail: { Directory: { PasswordSecretId: string; SubnetIds: string[]; Extra: { pwd: string } } } };
      fields: number;
    };
    // Assess
    assert.equal(fields, 2);
    assert.deepEqual(out.detail.Directory, { PasswordSecretId: 'ad-cert-orchestrator/x', SubnetIds: ['ok', '[redacted]'], Extra: { pwd: '[redacted]' } });
    assert.equal(out.id, event.id);
  });

  it('an event without an id, or of another detail-type, is rejected too', async () => {
    // Prepare
    const noId = { ...requestEvent(sampleInput()), id: '' };
    const otherType = { ...requestEvent(sampleInput()), 'detail-type': 'Something Else' };
    // Act
    const a = await captureOutput(() => reject(noId, lambdaContext()));
    const b = await captureOutput(() => reject(otherType, lambdaContext()));
    // Assess
    assert.ok(a.result.violations.some((v) => v.path === 'id'));
    assert.ok(b.result.violations.some((v) => v.path === 'detail-type'));
    assert.equal(sfn.startCalls.length, 0);
    assert.equal(sqs.sent.length, 2);
  });

  it('Step Functions errors propagate with their name (Lambda retries, then the on-failure destination)', async () => {
    // Prepare
    const { StartExecutionCommand } = await import('@aws-sdk/client-sfn');
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    sfn.mock.on(StartExecutionCommand).rejects(throttled);
    // Act
    const { error } = await captureRejection(() => startHandler(requestEvent(sampleInput()), lambdaContext()));
    // Assess
    assert.equal((error as Error).name, 'ThrottlingException');
  });

  it('the documented example event (events/provisioning-requested.json) starts an execution', async () => {
    // Prepare
    const event = readJson<{ id: string; source: string; 'detail-type': string }>('events/provisioning-requested.json');
    // Act
    const { result } = await captureOutput(() => handler(event, lambdaContext()));
    // Assess
    assert.equal(event.source, REQUEST_EVENT_SOURCE);
    assert.equal(result.executionName, `evt-${event.id}`);
    assert.equal(sfn.executions.size, 1);
  });
});
