import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { captureOutput, captureRejection, lambdaContext, setTestEnv, EXECUTION_PREFIX } from '../support/handlers.ts';
import { readEvent, readJson, sampleInput } from '../fixtures.ts';
import { fakeSfn } from '../support/fake-sfn.ts';
import type { FakeSfn } from '../support/fake-sfn.ts';

setTestEnv();
const { handler, REQUEST_EVENT_SOURCE, ExecutionNameConflictError } = await import('../../src/handlers/start-from-event.ts');
const { InvalidRequestError } = await import('../../src/domain/errors.ts');
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
  before(() => resetClients());
  beforeEach(() => {
    sfn = fakeSfn();
  });
  afterEach(() => sfn.restore());
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

  it('a malformed event (password in detail, Connector not an object) throws InvalidRequestError and starts nothing; the log has the reason, never the password', async () => {
    // Prepare
    const detail = sampleInput();
    detail.Directory['Password'] = 'Leak3d-Passw0rd!';
    detail['Connector'] = 'none';
    // Act
    const { error, output } = await captureRejection(() => handler(requestEvent(detail, 'evt-bad-1'), lambdaContext()));
    // Assess
    assert.ok(error instanceof InvalidRequestError);
    const paths = (error as InstanceType<typeof InvalidRequestError>).violations.map((v) => v.path);
    assert.ok(paths.includes('detail.Directory.Password'), paths.join(', '));
    assert.ok(paths.includes('detail.Connector'), paths.join(', '));
    assert.equal(sfn.startCalls.length, 0);
    assert.match(output, /malformed provisioning event/);
    assert.match(output, /evt-bad-1/);
    assert.ok(!output.includes('Leak3d-Passw0rd!'));
    assert.ok(!(error as Error).message.includes('Leak3d-Passw0rd!'));
  });

  it('an event without an id, or of another detail-type, is malformed too', async () => {
    // Prepare
    const noId = { ...requestEvent(sampleInput()), id: '' };
    const otherType = { ...requestEvent(sampleInput()), 'detail-type': 'Something Else' };
    // Act
    const a = await captureRejection(() => handler(noId, lambdaContext()));
    const b = await captureRejection(() => handler(otherType, lambdaContext()));
    // Assess
    assert.ok(a.error instanceof InvalidRequestError);
    assert.ok(b.error instanceof InvalidRequestError);
    assert.equal(sfn.startCalls.length, 0);
  });

  it('Step Functions errors propagate with their name (Lambda retries, then the on-failure destination)', async () => {
    // Prepare
    const { StartExecutionCommand } = await import('@aws-sdk/client-sfn');
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    sfn.mock.on(StartExecutionCommand).rejects(throttled);
    // Act
    const { error } = await captureRejection(() => handler(requestEvent(sampleInput()), lambdaContext()));
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
