import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  ConflictException,
  CreateConnectorCommand,
  DeleteConnectorCommand,
  GetConnectorCommand,
  ListConnectorsCommand,
  paginateListConnectors,
  PcaConnectorAdClient,
  PcaConnectorAdServiceException,
  ThrottlingException,
  ValidationException,
} from '../../../src/aws/pca-connector-ad/index.ts';
import { CA_ARN, CONNECTOR_ARN, CREDENTIALS, DIRECTORY_ID } from './helpers.ts';

const createInput = {
  DirectoryId: DIRECTORY_ID,
  CertificateAuthorityArn: CA_ARN,
  VpcInformation: { SecurityGroupIds: ['sg-0123456789abcdef0'] },
  ClientToken: 'f'.repeat(64),
};

describe('aws-sdk-client-mock works with PcaConnectorAdClient as with an official client', () => {
  let mock: AwsClientStub<PcaConnectorAdClient>;
  let client: PcaConnectorAdClient;
  beforeEach(() => {
    mock = mockClient(PcaConnectorAdClient);
    // Endpoint pointing nowhere: a call that escapes the mock fails instead of reaching AWS.
    client = new PcaConnectorAdClient({ region: 'us-east-1', credentials: CREDENTIALS, endpoint: 'http://127.0.0.1:9' });
  });
  afterEach(() => {
    mock.restore();
  });

  it('.on(Command).resolves(...) and commandCalls() record the input', async () => {
    // Prepare
    mock.on(CreateConnectorCommand).resolves({ ConnectorArn: CONNECTOR_ARN });
    // Act
    const output = await client.send(new CreateConnectorCommand(createInput));
    // Assess
    assert.equal(output.ConnectorArn, CONNECTOR_ARN);
    const calls = mock.commandCalls(CreateConnectorCommand);
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]?.args[0].input, createInput);
    assert.equal(mock.commandCalls(GetConnectorCommand).length, 0);
  });

  it('.on(Command, input) matches on (partial) input; other inputs fall back to the generic behaviour', async () => {
    mock
      .on(GetConnectorCommand)
      .resolves({ Connector: { Status: 'CREATING' } })
      .on(GetConnectorCommand, { ConnectorArn: CONNECTOR_ARN })
      .resolves({ Connector: { Arn: CONNECTOR_ARN, Status: 'ACTIVE', CreatedAt: new Date(0) } });
    const hit = await client.send(new GetConnectorCommand({ ConnectorArn: CONNECTOR_ARN }));
    const miss = await client.send(new GetConnectorCommand({ ConnectorArn: 'arn:other' }));
    assert.equal(hit.Connector?.Status, 'ACTIVE');
    assert.equal(miss.Connector?.Status, 'CREATING');
    assert.deepEqual(
      mock.commandCalls(GetConnectorCommand, { ConnectorArn: CONNECTOR_ARN }).map((c) => c.args[0].input),
      [{ ConnectorArn: CONNECTOR_ARN }],
    );
  });

  it('.resolvesOnce chains model a polling sequence', async () => {
    mock
      .on(GetConnectorCommand)
      .resolvesOnce({ Connector: { Status: 'CREATING' } })
      .resolvesOnce({ Connector: { Status: 'CREATING' } })
      .resolves({ Connector: { Status: 'FAILED', StatusReason: 'VPC_ACCESS_DENIED' } });
    const statuses: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await client.send(new GetConnectorCommand({ ConnectorArn: CONNECTOR_ARN }))).Connector?.Status);
    }
    assert.deepEqual(statuses, ['CREATING', 'CREATING', 'FAILED']);
  });

  it('.rejects(new ValidationException(...)) surfaces the exception class with name, Reason, $fault', async () => {
    mock.on(CreateConnectorCommand).rejects(
      new ValidationException({ message: 'bad vpc', Message: 'bad vpc', Reason: 'MISMATCHED_VPC', $metadata: {} }),
    );
    await assert.rejects(client.send(new CreateConnectorCommand(createInput)), (e: unknown) => {
      assert.ok(e instanceof ValidationException);
      assert.ok(e instanceof PcaConnectorAdServiceException);
      assert.equal(e.name, 'ValidationException');
      assert.equal(e.$fault, 'client');
      assert.equal(e.Reason, 'MISMATCHED_VPC');
      assert.equal(e.message, 'bad vpc');
      return true;
    });
  });

  it('every exception class constructs like the official ones (name, $fault, $retryable)', () => {
    const throttling = new ThrottlingException({ message: 'slow down', Message: 'slow down', $metadata: {} });
    const conflict = new ConflictException({
      message: 'exists',
      Message: 'exists',
      ResourceId: 'r',
      ResourceType: 'CONNECTOR',
      $metadata: { httpStatusCode: 409 },
    });
    assert.equal(throttling.name, 'ThrottlingException');
    assert.deepEqual(throttling.$retryable, { throttling: true });
    assert.equal(conflict.name, 'ConflictException');
    assert.equal(conflict.ResourceType, 'CONNECTOR');
    assert.equal(conflict.$metadata.httpStatusCode, 409);
  });

  it('.rejects(...) on one command leaves the others mocked; unmocked commands resolve undefined', async () => {
    mock.on(DeleteConnectorCommand).rejects(new ConflictException({ message: 'busy', $metadata: {}, Message: 'busy', ResourceId: 'x', ResourceType: 'CONNECTOR' }));
    mock.on(ListConnectorsCommand).resolves({ Connectors: [{ Arn: CONNECTOR_ARN, DirectoryId: DIRECTORY_ID }] });
    await assert.rejects(client.send(new DeleteConnectorCommand({ ConnectorArn: CONNECTOR_ARN })), { name: 'ConflictException' });
    const list = await client.send(new ListConnectorsCommand({}));
    assert.equal(list.Connectors?.[0]?.Arn, CONNECTOR_ARN);
    assert.equal(await client.send(new GetConnectorCommand({ ConnectorArn: CONNECTOR_ARN })), undefined);
    assert.equal(mock.calls().length, 3);
  });

  it('paginators go through the mocked send too', async () => {
    // The smithy paginator reuses (mutates) one input object, so record the token at call time.
    const tokensSent: (string | undefined)[] = [];
    mock.on(ListConnectorsCommand).callsFake((input: { NextToken?: string }) => {
      tokensSent.push(input.NextToken);
      return input.NextToken === undefined
        ? { Connectors: [{ Arn: 'a' }], NextToken: 't1' }
        : { Connectors: [{ Arn: 'b' }] };
    });
    const arns: (string | undefined)[] = [];
    for await (const page of paginateListConnectors({ client }, {})) {
      arns.push(...(page.Connectors ?? []).map((c) => c.Arn));
    }
    assert.deepEqual(arns, ['a', 'b']);
    assert.deepEqual(tokensSent, [undefined, 't1']);
    assert.equal(mock.commandCalls(ListConnectorsCommand).length, 2);
  });
});
