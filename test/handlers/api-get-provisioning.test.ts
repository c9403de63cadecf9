import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { EXECUTION_PREFIX, apiEvent, captureOutput, lambdaContext, setTestEnv } from '../support/handlers.ts';
import { sampleInput } from '../fixtures.ts';
import { fakeSfn } from '../support/fake-sfn.ts';
import type { FakeSfn } from '../support/fake-sfn.ts';
import { fakeClaims } from '../support/fake-claims.ts';
import type { FakeClaims } from '../support/fake-claims.ts';

setTestEnv();
const { handler } = await import('../../src/handlers/api-get-provisioning.ts');
const { resetClients } = await import('../../src/aws/clients.ts');

/** A small history builder: oldest first, ids in order. */
const history = () => {
  const events: HistoryEvent[] = [];
  const t = new Date('2026-11-23T12:00:00Z');
  const add = (type: string, details: Partial<HistoryEvent>) =>
    events.push({ id: events.length + 1, previousEventId: events.length, timestamp: t, type: type as HistoryEvent['type'], ...details });
  const api = {
    started: () => (add('ExecutionStarted', { executionStartedEventDetails: { input: '{}' } }), api),
    enter: (name: string, type = 'TaskStateEntered') => (add(type, { stateEnteredEventDetails: { name, input: '{}' } }), api),
    lambdaOk: (output: unknown) => (add('LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output: JSON.stringify(output) } }), api),
    lambdaFailed: (error: string, cause: string) => (add('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error, cause } }), api),
    exit: (name: string, output: unknown, type = 'TaskStateExited') =>
      (add(type, { stateExitedEventDetails: { name, output: JSON.stringify(output) } }), api),
    failed: (error: string, cause: string) => (add('ExecutionFailed', { executionFailedEventDetails: { error, cause } }), api),
    succeeded: (output: unknown) => (add('ExecutionSucceeded', { executionSucceededEventDetails: { output: JSON.stringify(output) } }), api),
    events,
  };
  return api;
};

const directory = (Stage: string) => ({ DirectoryId: 'd-1234567890', DirectoryType: 'SimpleAD', Adopted: false, Stage, StageReason: null });

interface StatusBody {
  status?: string;
  currentState?: string;
  directory?: { DirectoryId?: string; Stage?: string };
  connector?: { ConnectorArn?: string; Status?: string };
  error?: string;
  cause?: string;
  failure?: { state?: string; error?: string };
  output?: Record<string, unknown>;
  message?: string;
  executionArn?: string;
  redriveCount?: number;
}

const get = async (id: string) => {
  const { result } = await captureOutput(() =>
    handler(apiEvent({ method: 'GET', path: `/provisionings/${id}`, pathParameters: { id } }), lambdaContext()),
  );
  const res = result as APIGatewayProxyResult;
  return { res, body: JSON.parse(res.body) as StatusBody };
};

describe('GET /provisionings/{id}', () => {
  let sfn: FakeSfn;
  /** The DynamoDB items: no provisioning record unless a test puts one. */
  let ddb: FakeClaims;
  const add = (name: string, status: string, events: HistoryEvent[], extra: Record<string, unknown> = {}) => {
    const executionArn = `${EXECUTION_PREFIX}${name}`;
    sfn.executions.set(executionArn, {
      executionArn,
      name,
      status: status as 'RUNNING',
      input: JSON.stringify(sampleInput()),
      startDate: new Date('2026-11-23T12:00:00Z'),
      stateMachineArn: 'sm',
      history: events,
      ...extra,
    });
  };
  before(() => resetClients());
  beforeEach(() => {
    sfn = fakeSfn();
    ddb = fakeClaims();
  });
  afterEach(() => {
    sfn.restore();
    ddb.restore();
  });
  after(() => resetClients());

  it('RUNNING: status, the state it is in, and the directory stage the newest poll saw (its not-ready error)', async () => {
    // Prepare: two polls while the directory is being created, each a failed attempt the Retry repeats
    const notReady = (stage: string, waited: number) =>
      JSON.stringify({ errorType: 'DirectoryNotReadyError', errorMessage: `Directory d-1234567890 is ${stage} after ${waited} s of waiting (deadline 2026-11-23T13:00:00.000Z)`, trace: [] });
    const h = history().started().enter('ValidateRequest').exit('ValidateRequest', {})
      .enter('CreateDirectory').lambdaOk(directory('Requested')).exit('CreateDirectory', { directory: directory('Requested') })
      .enter('GetDirectoryStage').lambdaFailed('DirectoryNotReadyError', notReady('Requested', 0))
      .lambdaFailed('DirectoryNotReadyError', notReady('Creating', 75));
    add('api-key-running', 'RUNNING', h.events);
    // Act
    const { res, body } = await get('api-key-running');
    // Assess
    assert.equal(res.statusCode, 200);
    assert.equal(body.status, 'RUNNING');
    assert.equal(body.currentState, 'GetDirectoryStage');
    assert.equal(body.directory?.Stage, 'Creating');
    assert.equal(body.directory?.DirectoryId, 'd-1234567890');
    assert.equal(body.connector, undefined);
    assert.equal(body.error, undefined);
  });

  it('RUNNING while the registration, then the SPN, is polled: the connector is not mistaken for either', async () => {
    const connectorArn = 'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/aaaabbbb-cccc-dddd-eeee-ffff00001111';
    const registrationArn = 'arn:aws:pca-connector-ad:us-east-1:111122223333:directory-registration/d-1234567890';
    const notReady = (error: string, message: string) => JSON.stringify({ errorType: error, errorMessage: message, trace: [] });
    const registering = history().started().enter('CreateDirectory').exit('CreateDirectory', { directory: directory('Active') })
      .enter('GetDirectoryRegistrationStatus')
      .lambdaFailed('DirectoryRegistrationNotReadyError', notReady('DirectoryRegistrationNotReadyError', `DirectoryRegistration ${registrationArn} is CREATING after 0 s of waiting (deadline x)`));
    add('api-key-registering', 'RUNNING', registering.events);
    const first = await get('api-key-registering');
    assert.equal(first.body.currentState, 'GetDirectoryRegistrationStatus');
    assert.equal(first.body.connector, undefined, 'no connector yet');

    const spn = { DirectoryRegistrationArn: registrationArn, ConnectorArn: connectorArn, Adopted: false, Status: 'CREATING', StatusReason: null };
    const naming = history().started()
      .enter('GetConnectorStatus').exit('GetConnectorStatus', { directory: directory('Active'), connector: { ConnectorArn: connectorArn, Status: 'ACTIVE', StatusReason: null } })
      .enter('CreateServicePrincipalName').lambdaOk(spn)
      .enter('GetServicePrincipalNameStatus')
      .lambdaFailed('ServicePrincipalNameNotReadyError', notReady('ServicePrincipalNameNotReadyError', `ServicePrincipalName ${connectorArn} is CREATING after 75 s of waiting (deadline x)`));
    add('api-key-naming', 'RUNNING', naming.events);
    const second = await get('api-key-naming');
    assert.deepEqual([second.body.connector?.ConnectorArn, second.body.connector?.Status], [connectorArn, 'ACTIVE']);
  });

  it('SUCCEEDED: the provisioning record as outputs, directory stage and connector status', async () => {
    // Prepare
    const record = { DirectoryId: 'd-1234567890', ConnectorArn: 'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/abc', ConnectorStatus: 'ACTIVE' };
    const h = history().started()
      .enter('GetConnectorStatus').lambdaOk({ ConnectorArn: record.ConnectorArn, Status: 'ACTIVE' })
      .exit('GetConnectorStatus', { directory: directory('Active'), connector: { ConnectorArn: record.ConnectorArn, Status: 'ACTIVE', StatusReason: null } })
      .enter('RecordResult', 'PassStateEntered').exit('RecordResult', record, 'PassStateExited')
      .enter('Provisioned', 'SucceedStateEntered').exit('Provisioned', record, 'SucceedStateExited')
      .succeeded(record);
    add('api-key-done', 'SUCCEEDED', h.events, { output: JSON.stringify(record), stopDate: new Date('2026-11-23T12:20:00Z') });
    // Act
    const { body } = await get('api-key-done');
    // Assess
    assert.equal(body.status, 'SUCCEEDED');
    assert.deepEqual(body.output, record);
    assert.equal(body.directory?.Stage, 'Active');
    assert.equal(body.connector?.Status, 'ACTIVE');
    assert.equal(body.currentState, 'Provisioned');
  });

  it('FAILED (caught into the Fail state): error, cause and the Task that failed', async () => {
    // Prepare
    const cause = '{"errorType":"DirectoryLimitExceededException","errorMessage":"limit reached"}';
    const h = history().started()
      .enter('CreateDirectory').lambdaFailed('DirectoryLimitExceededException', cause)
      .enter('FailedBeforeDirectory', 'PassStateEntered').exit('FailedBeforeDirectory', {}, 'PassStateExited')
      .enter('PublishFailedEvent').exit('PublishFailedEvent', {})
      .enter('ProvisioningFailed', 'FailStateEntered')
      .failed('DirectoryLimitExceededException', cause);
    add('evt-failed', 'FAILED', h.events, { error: 'DirectoryLimitExceededException', cause, redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE' });
    // Act
    const { body } = await get('evt-failed');
    // Assess
    assert.equal(body.status, 'FAILED');
    assert.equal(body.error, 'DirectoryLimitExceededException');
    assert.equal(body.cause, cause);
    assert.equal(body.failure?.state, 'CreateDirectory');
    assert.equal(body.redriveCount, 0);
  });

  it('FAILED (uncaught after retries): the failed Task is the redrive point', async () => {
    // Prepare
    const h = history().started()
      .enter('CreateConnector').lambdaFailed('ThrottlingException', 'Rate exceeded')
      .failed('ThrottlingException', 'Rate exceeded');
    add('evt-throttled', 'FAILED', h.events, { error: 'ThrottlingException', cause: 'Rate exceeded', redriveStatus: 'REDRIVABLE' });
    // Act
    const { body } = await get(encodeURIComponent(`${EXECUTION_PREFIX}evt-throttled`));
    // Assess
    assert.equal(body.failure?.state, 'CreateConnector');
    assert.equal(body.currentState, 'CreateConnector');
  });

  it('404 for an unknown name, an invalid name, and an execution ARN of another state machine', async () => {
    // Act
    const unknown = await get('api-key-nope');
    const invalid = await get('no spaces allowed');
    const foreign = await get(encodeURIComponent('arn:aws:states:us-east-1:111122223333:execution:other-machine:x'));
    // Assess
    for (const r of [unknown, invalid, foreign]) {
      assert.equal(r.res.statusCode, 404);
      assert.equal(r.body.message, 'No such provisioning');
    }
  });

  it('the record first: with the history, the status and the record; once the history is purged, the status from the record', async () => {
    // Prepare: a provisioning and its teardown, recorded; only the teardown's history is gone
    const arn = `${EXECUTION_PREFIX}api-key-kept`;
    const output = { DirectoryId: 'd-1234567890', ConnectorArn: 'arn:c', TemplateArns: ['arn:t'] };
    const record = {
      provisioningId: 'api-key-kept', identity: { VpcId: 'vpc-1', Name: 'corp.example.com' }, status: 'TORN_DOWN', request: sampleInput(),
      outputs: output, currentExecution: 'del-api-key-kept', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T02:00:00.000Z',
      executions: {
        'api-key-kept': { executionArn: arn, name: 'api-key-kept', kind: 'provisioning', status: 'SUCCEEDED', startDate: '2026-01-01T00:00:00.000Z', stopDate: '2026-01-01T00:40:00.000Z' },
        'del-api-key-kept': { executionArn: 'arn:td', name: 'del-api-key-kept', kind: 'teardown', status: 'SUCCEEDED', startDate: '2026-01-01T01:00:00.000Z', stopDate: '2026-01-01T02:00:00.000Z', output: { Deleted: [], Kept: [], AlreadyGone: [] } },
      },
    };
    ddb.items.set('provisioning#api-key-kept', marshall({ pk: 'provisioning#api-key-kept', ...record }));
    add('api-key-kept', 'SUCCEEDED', history().started().succeeded(output).events, { output: JSON.stringify(output) });
    // Act
    const both = await get('api-key-kept');
    sfn.executions.delete(arn);
    const recordOnly = await get('api-key-kept');
    // Assess
    assert.equal(both.res.statusCode, 200);
    assert.equal((both.body as { record?: { status: string } }).record?.status, 'TORN_DOWN');
    assert.equal(recordOnly.res.statusCode, 200);
    const body = recordOnly.body as StatusBody & { startDate: string; teardown: { name: string; status: string }; record: { executions: { name: string }[] } };
    assert.deepEqual([body.executionArn, body.status, body.startDate], [arn, 'SUCCEEDED', '2026-01-01T00:00:00.000Z']);
    assert.deepEqual(body.output, output);
    assert.equal(body.currentState, undefined);
    assert.deepEqual([body.teardown.name, body.teardown.status], ['del-api-key-kept', 'SUCCEEDED']);
    assert.deepEqual(body.record.executions.map((e) => e.name), ['del-api-key-kept', 'api-key-kept'], 'newest first');
  });

  it('never returns a password-like field, even if an output carried one', async () => {
    // Prepare
    const output = { DirectoryId: 'd-1', Password: 'Should-Not-Show-1' };
    add('api-key-leaky', 'SUCCEEDED', history().started().succeeded(output).events, { output: JSON.stringify(output) });
    // Act
    const { res } = await get('api-key-leaky');
    // Assess
    assert.ok(!res.body.includes('Should-Not-Show-1'));
  });

  it('every log line of an API call carries the API Gateway request id as requestId, and the execution as executionArn', async () => {
    // Act
    const { output } = await captureOutput(() =>
      handler(apiEvent({ method: 'GET', path: '/provisionings/api-key-never', pathParameters: { id: 'api-key-never' } }), lambdaContext()),
    );
    // Assess: the 404 is logged, with both keys
    const lines = output.split('\n').filter((l) => l.startsWith('{') && l.includes('"level"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(lines.length > 0, output);
    for (const line of lines) {
      assert.equal(line['requestId'], 'apigw-request-id', JSON.stringify(line));
      assert.equal(line['executionArn'], `${EXECUTION_PREFIX}api-key-never`, JSON.stringify(line));
    }
  });
});
